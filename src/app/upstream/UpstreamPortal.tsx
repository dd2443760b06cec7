/** Screen 4: the national portal connector: per commune the synced share, and the dossiers the portal refused with its message. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { portalShare, type PortalCounts } from '../../domain/stats/portalShare';
import type { UpstreamPortalRefused } from '../../protocol';
import { PortalRefused } from '../connector/PortalRefused';
import { percent } from '../supervisor/useT';
import { upstreamApi, isSessionGone, upstreamErrorText } from './api';
import { useUpstream } from './useUpstream';
import { useT } from '../supervisor/useT';

const share = (c: PortalCounts): number | null => portalShare(c).estimate.value;

export function UpstreamPortal({ token, onSessionGone }: { token: string; onSessionGone: () => void }) {
  const { t } = useTranslation('connector');
  const { t: tSv } = useT();
  const load = useCallback(() => upstreamApi.portal(token), [token]);
  const { data, reload } = useUpstream(load, onSessionGone);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const retry = (r: UpstreamPortalRefused) => {
    setBusy(r.code);
    upstreamApi.portalRetry(token, { communeId: r.communeId, code: r.code }).then(
      (a) => {
        setNotice(a.retried ? t('retried', { code: r.code }) : t('notRetried', { code: r.code }));
        setBusy(null);
        reload();
      },
      (e: unknown) => {
        setBusy(null);
        if (isSessionGone(e)) onSessionGone();
        else setNotice(upstreamErrorText(tSv, e));
      },
    );
  };

  if (data.state === 'loading') return <p className="muted">{tSv('loading')}</p>;
  if (data.state === 'error')
    return (
      <p className="error-box" role="alert">
        {data.message}
      </p>
    );
  const v = data.value;
  const names = new Map(v.communes.map((c) => [c.commune.id, c.commune.name]));
  const total = v.communes.reduce((a, c) => ({ synced: a.synced + c.synced, pending: a.pending + c.pending, refused: a.refused + c.refused }), {
    synced: 0,
    pending: 0,
    refused: 0,
  });
  const communes = [...v.communes].sort((a, b) => (share(a) ?? 2) - (share(b) ?? 2) || (a.commune.name < b.commune.name ? -1 : 1));
  return (
    <section data-testid="up-portal">
      <div className="row">
        <p className="muted">{t('help')}</p>
        <span className="spacer" />
        <button data-testid="up-portal-refresh" onClick={reload}>
          {t('refresh')}
        </button>
      </div>
      {!v.enabled && (
        <p className="error-box" role="status" data-testid="up-portal-off">
          {t('off')}
        </p>
      )}
      {notice && (
        <p className="muted" role="status" data-testid="up-portal-notice">
          {notice}
        </p>
      )}
      <table className="list" data-testid="up-portal-communes">
        <thead>
          <tr>
            <th>{t('commune')}</th>
            <th>{t('synced')}</th>
            <th>{t('pending')}</th>
            <th>{t('refused')}</th>
            <th>{t('share')}</th>
          </tr>
        </thead>
        <tbody>
          {communes.map((c) => (
            <tr key={c.commune.id} data-commune={c.commune.id}>
              <td>{c.commune.name}</td>
              <td>{c.synced}</td>
              <td>{c.pending}</td>
              <td>{c.refused > 0 ? <span className="badge bad">{c.refused}</span> : 0}</td>
              <td data-testid={`up-portal-share-${c.commune.id}`}>{percent(share(c))}</td>
            </tr>
          ))}
          {communes.length > 1 && (
            <tr>
              <th>{t('total')}</th>
              <th>{total.synced}</th>
              <th>{total.pending}</th>
              <th>{total.refused}</th>
              <th>{percent(share(total))}</th>
            </tr>
          )}
        </tbody>
      </table>
      <PortalRefused
        refused={v.refused}
        limit={v.limit}
        testId="up-portal-refused"
        communeName={(id) => names.get(id) ?? id}
        retry={{ onRetry: retry, busy: busy !== null, testIdPrefix: 'up-portal-retry-' }}
      />
      <p className="muted">{tSv('devices.asOf', { at: formatVnDateTime(v.serverTime) })}</p>
    </section>
  );
}
