/**
 * PD4: the access log as a supervisor reads it, on the commune's tablet and in the upstream
 * office: filters (dossier code or a tail of it, user, commune), newest first, page by page;
 * people's and devices' names, never ids; times dd/MM/yyyy HH:mm in Vietnam time.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatVnDate, formatVnTime } from '../../domain/time/vnTime';
import type { AccessKind } from '../../domain/privacy/accessLog';
import type { AccessLogEntry, AccessLogPage, AccessLogUser } from '../../protocol';
import './accessLog.css';

type PrivacyT = TFunction<'privacy'>;

/** A row as listed: from the server, or one of this tablet's records not sent yet (`local`). */
export type AccessRow = Omit<AccessLogEntry, 'receivedAt'> & { readonly receivedAt: number | null; readonly local?: { readonly refused: string | null } };

export type AccessFilter = { readonly dossier: string; readonly user: string; readonly commune: string };
export const NO_FILTER: AccessFilter = { dossier: '', user: '', commune: '' };

/** TXT2, as the log's readers asked: date first, then time. */
export const accessTime = (at: number): string => `${formatVnDate(at)} ${formatVnTime(at)}`;

const DETAIL_KEYS = {
  dossier: 'access.detail.dossier',
  upstream: 'access.detail.upstream',
  receipt: 'access.detail.receipt',
  supplement: 'access.detail.supplement',
  refusal: 'access.detail.refusal',
  apology: 'access.detail.apology',
  stop: 'access.detail.stop',
  logbook: 'access.detail.logbook',
  'logbook.xlsx': 'access.detail.logbookXlsx',
  'logbook.csv': 'access.detail.logbookCsv',
} as const;
const KIND_KEYS: Record<AccessKind, `access.kind.${AccessKind}`> = {
  view: 'access.kind.view',
  print: 'access.kind.print',
  export: 'access.kind.export',
  file: 'access.kind.file',
};

const isKnownDetail = (d: string): d is keyof typeof DETAIL_KEYS => Object.hasOwn(DETAIL_KEYS, d);

export function detailText(t: PrivacyT, kind: AccessKind, detail: string | null): string {
  if (detail === null) return '—';
  if (kind === 'file' && /^[0-9a-f]{64}$/.test(detail)) return t('access.detail.file', { sha: detail.slice(0, 8) });
  return isKnownDetail(detail) ? t(DETAIL_KEYS[detail]) : detail;
}

export function AccessFilters({
  users,
  communes,
  value,
  onApply,
  busy,
}: {
  users: readonly AccessLogUser[];
  communes?: readonly { id: string; name: string }[];
  value: AccessFilter;
  onApply: (f: AccessFilter) => void;
  busy: boolean;
}) {
  const { t } = useTranslation('privacy');
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const badDossier = !/^[A-Za-z0-9.-]*$/.test(draft.dossier.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!badDossier) onApply({ ...draft, dossier: draft.dossier.trim() });
  };
  const shownUsers = draft.commune ? users.filter((u) => u.communeId === draft.commune) : users;
  return (
    <form className="row access-filters" onSubmit={submit} data-testid="access-filters">
      <div className="field">
        <label htmlFor="access-dossier">{t('access.filter.dossier')}</label>
        <input
          id="access-dossier"
          value={draft.dossier}
          placeholder={t('access.filter.dossierHint')}
          aria-invalid={badDossier}
          onChange={(e) => setDraft({ ...draft, dossier: e.target.value })}
        />
      </div>
      {communes && communes.length > 1 && (
        <div className="field">
          <label htmlFor="access-commune">{t('access.filter.commune')}</label>
          <select id="access-commune" value={draft.commune} onChange={(e) => setDraft({ ...draft, commune: e.target.value, user: '' })}>
            <option value="">{t('access.filter.allCommunes')}</option>
            {communes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="access-user">{t('access.filter.user')}</label>
        <select id="access-user" value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })}>
          <option value="">{t('access.filter.allUsers')}</option>
          {shownUsers.map((u) => (
            <option key={`${u.communeId}:${u.id}`} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={busy || badDossier} data-testid="access-apply">
        {t('access.filter.apply')}
      </button>
      <button type="button" disabled={busy} onClick={() => onApply(NO_FILTER)}>
        {t('access.filter.clear')}
      </button>
      {badDossier && (
        <p className="error-box" role="alert">
          {t('access.filter.badDossier')}
        </p>
      )}
    </form>
  );
}

export function AccessTable({
  rows,
  communeName,
  deviceName,
}: {
  rows: readonly AccessRow[];
  /** Shown as a column when given (the upstream office's several communes). */
  communeName?: (id: string) => string;
  deviceName: (row: AccessRow) => string;
}) {
  const { t } = useTranslation('privacy');
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="access-none">
        {t('access.none')}
      </p>
    );
  return (
    <table className="list access-table" data-testid="access-table">
      <thead>
        <tr>
          <th>{t('access.col.at')}</th>
          {communeName && <th>{t('access.col.commune')}</th>}
          <th>{t('access.col.user')}</th>
          <th>{t('access.col.kind')}</th>
          <th>{t('access.col.dossiers')}</th>
          <th>{t('access.col.detail')}</th>
          <th>{t('access.col.device')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-kind={r.kind} data-testid="access-row" className={r.local ? 'access-local' : undefined}>
            <td className="nowrap">{accessTime(r.at)}</td>
            {communeName && <td>{communeName(r.communeId)}</td>}
            <td>{r.actorName ?? t('access.unknownUser')}</td>
            <td>
              {t(KIND_KEYS[r.kind])}
              {r.local && (
                <div>
                  <span className={`badge ${r.local.refused ? 'bad' : 'warn'}`}>
                    {r.local.refused ? t('access.refused', { detail: r.local.refused }) : t('access.unsynced')}
                  </span>
                </div>
              )}
            </td>
            <td className="access-codes">
              {r.dossierIds.map((c) => (
                <div key={c}>{c}</div>
              ))}
              {r.dossierCount > r.dossierIds.length && <div className="muted">{t('access.more', { n: r.dossierCount - r.dossierIds.length })}</div>}
            </td>
            <td>{detailText(t, r.kind, r.detail)}</td>
            <td>{deviceName(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type Pages =
  | { readonly state: 'idle' | 'loading' }
  | { readonly state: 'ok'; readonly rows: readonly AccessLogEntry[]; readonly next: string | null; readonly page: AccessLogPage; readonly more: boolean }
  | { readonly state: 'error'; readonly error: unknown };

/** The pages of one filter: the first on load or when the filter changes, the next ones on demand. */
export function useAccessPages(load: ((before: string | undefined) => Promise<AccessLogPage>) | null): {
  pages: Pages;
  loadMore: () => void;
  reload: () => void;
} {
  const [pages, setPages] = useState<Pages>({ state: 'idle' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (!load) {
      setPages({ state: 'idle' });
      return;
    }
    let live = true;
    setPages({ state: 'loading' });
    load(undefined).then(
      (page) => live && setPages({ state: 'ok', rows: page.records, next: page.next, page, more: false }),
      (error: unknown) => live && setPages({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [load, nonce]);
  const loadMore = useCallback(() => {
    if (!load || pages.state !== 'ok' || !pages.next || pages.more) return;
    const before = pages.next;
    setPages({ ...pages, more: true });
    load(before).then(
      (page) => setPages((p) => (p.state === 'ok' ? { state: 'ok', rows: [...p.rows, ...page.records], next: page.next, page, more: false } : p)),
      (error: unknown) => setPages({ state: 'error', error }),
    );
  }, [load, pages]);
  return { pages, loadMore, reload: () => setNonce((n) => n + 1) };
}
