/** The work queue: tabs with counts, filters, search (with or without diacritics), keyset pages. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDate, formatVnDateTime, startOfVnDay } from '../../domain/time/vnTime';
import { MAX_DUE, type DossierRow } from '../db/schema';
import { QUEUE_TABS, queueCounts, queuePage, searchDossiers, type PageCursor, type QueueFilter, type QueueTab } from '../db/queue';
import { DateTimeField } from '../shell/DateTimeField';
import { useReference, userName } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import { useServices } from '../shell/services';
import { useNow } from '../shell/useNow';
import { StatusBadge, TimelinessBadge } from './StatusBadge';
import { undigitisedOpen } from '../files/undigitised';
import { UndigitisedToggle } from '../files/UndigitisedToggle';

export function QueueScreen() {
  const { t } = useTranslation('counter');
  const { db } = useServices();
  const { calendar, catalog, users } = useReference();
  const navigate = useRouter((s) => s.navigate);
  const now = useNow();
  const [tab, setTab] = useState<QueueTab>('open');
  const [query, setQuery] = useState('');
  const [fieldCode, setFieldCode] = useState('');
  const [officerId, setOfficerId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cursors, setCursors] = useState<(PageCursor | null)[]>([null]);
  const [undigitised, setUndigitised] = useState(false);
  const filter: QueueFilter = {
    ...(fieldCode ? { fieldCode } : {}),
    ...(officerId ? { officerId } : {}),
    ...(from ? { from: startOfVnDay(from) } : {}),
    ...(to ? { to: startOfVnDay(to) + 86_400_000 - 1 } : {}),
  };
  const filterKey = JSON.stringify(filter);

  const counts = useLiveQuery(() => queueCounts(db, { now, cal: calendar, filter }), [db, now, calendar, filterKey]);
  const pages = useLiveQuery(async () => {
    if (query.trim()) return { rows: await searchDossiers(db, query), next: null };
    if (undigitised) return { rows: await undigitisedOpen(db), next: null };
    const rows: DossierRow[] = [];
    let next: PageCursor | null = null;
    for (const after of cursors) {
      const page = await queuePage(db, tab, { now, cal: calendar, filter, after });
      rows.push(...page.rows);
      next = page.next;
    }
    return { rows, next };
  }, [db, tab, query, now, calendar, filterKey, cursors, undigitised]);

  const choose = (next: QueueTab) => {
    setTab(next);
    setCursors([null]);
  };
  const rows = pages?.rows ?? [];

  return (
    <main className="screen">
      <div className="row" style={{ marginBottom: 12 }}>
        <h1 style={{ margin: 0 }}>{t('queue.title')}</h1>
        <span className="spacer" />
        <button className="primary" onClick={() => navigate(ROUTES.intake)}>
          {t('queue.newIntake')}
        </button>
      </div>
      <div className="card">
        <div className="grid3">
          <div className="field">
            <label htmlFor="q-search">{t('queue.search')}</label>
            <input id="q-search" type="search" value={query} placeholder={t('queue.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="q-field">{t('queue.field')}</label>
            <select
              id="q-field"
              value={fieldCode}
              onChange={(e) => {
                setFieldCode(e.target.value);
                setCursors([null]);
              }}
            >
              <option value="">{t('queue.all')}</option>
              {catalog.fields.map((f) => (
                <option key={f.code} value={f.code}>
                  {f.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="q-officer">{t('queue.officer')}</label>
            <select
              id="q-officer"
              value={officerId}
              onChange={(e) => {
                setOfficerId(e.target.value);
                setCursors([null]);
              }}
            >
              <option value="">{t('queue.all')}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="q-from">{t('queue.from')}</label>
            <DateTimeField
              id="q-from"
              kind="date"
              value={from}
              onChange={(v) => {
                setFrom(v);
                setCursors([null]);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor="q-to">{t('queue.to')}</label>
            <DateTimeField
              id="q-to"
              kind="date"
              value={to}
              onChange={(v) => {
                setTo(v);
                setCursors([null]);
              }}
            />
          </div>
        </div>
      </div>
      <UndigitisedToggle checked={undigitised} onChange={setUndigitised} />
      {!query.trim() && !undigitised && (
        <div className="tabs" role="tablist">
          {QUEUE_TABS.map((k) => (
            <button key={k} role="tab" aria-selected={tab === k} onClick={() => choose(k)}>
              {t(`queue.tabs.${k}`)}
              <span className="count" data-testid={`count-${k}`}>
                {counts?.[k] ?? '…'}
              </span>
            </button>
          ))}
        </div>
      )}
      <table className="list">
        <thead>
          <tr>
            <th>{t('queue.col.code')}</th>
            <th>{t('queue.col.applicant')}</th>
            <th>{t('queue.col.procedure')}</th>
            <th>{t('queue.col.received')}</th>
            <th>{t('queue.col.due')}</th>
            <th>{t('queue.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} onClick={() => navigate(ROUTES.dossier(r.id))}>
              <td>
                <a href={ROUTES.dossier(r.id)} onClick={(e) => e.preventDefault()}>
                  {r.id}
                </a>
              </td>
              <td>
                {r.state.applicant.name}
                <div className="muted">{userName(users, r.receivedBy)}</div>
              </td>
              <td>{r.state.procedureName}</td>
              <td>{formatVnDate(r.receivedAt)}</td>
              <td>{r.due < MAX_DUE ? formatVnDateTime(r.due) : '—'}</td>
              <td>
                <StatusBadge state={r.state} /> <TimelinessBadge state={r.state} now={now} cal={calendar} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages && rows.length === 0 && <p className="muted">{t('queue.empty')}</p>}
      {pages?.next && (
        <div className="row" style={{ marginTop: 12 }}>
          <button onClick={() => setCursors((c) => [...c, pages.next])}>{t('queue.more')}</button>
        </div>
      )}
    </main>
  );
}
