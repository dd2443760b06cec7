/** PD4 in the upstream office: the access log of the communes in the supervisor's scope, filtered by commune, dossier and user. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upstreamAccessLog, type UpstreamSession } from '../../protocol';
import { AccessFilters, AccessTable, accessTime, NO_FILTER, useAccessPages, type AccessFilter } from '../privacy/AccessLogView';
import { useT } from '../supervisor/useT';
import { isSessionGone, upstreamErrorText } from './api';

const list = upstreamAccessLog({ baseUrl: typeof location === 'undefined' ? '' : location.origin });

export function UpstreamAccess({ session, onSessionGone }: { session: UpstreamSession; onSessionGone: () => void }) {
  const { t: tp } = useTranslation('privacy');
  const { t } = useT();
  const [filter, setFilter] = useState<AccessFilter>(NO_FILTER);
  const token = session.token;
  const load = useMemo(
    () => (before: string | undefined) =>
      list(token, {
        ...(filter.commune ? { commune: filter.commune } : {}),
        ...(filter.dossier ? { dossier: filter.dossier } : {}),
        ...(filter.user ? { user: filter.user } : {}),
        ...(before ? { before } : {}),
      }).catch((e: unknown) => {
        if (isSessionGone(e)) onSessionGone();
        throw e;
      }),
    [token, filter, onSessionGone],
  );
  const { pages, loadMore, reload } = useAccessPages(load);
  const communes = pages.state === 'ok' ? pages.page.communes : session.communes;
  const communeName = (id: string) => communes.find((c) => c.id === id)?.name ?? id;
  return (
    <section data-testid="up-access">
      <div className="card">
        <div className="row">
          <h2 style={{ margin: 0 }}>{tp('access.title')}</h2>
          <span className="spacer" />
          <button disabled={pages.state === 'loading'} onClick={reload} data-testid="up-access-refresh">
            {t('devices.refresh')}
          </button>
        </div>
        <p className="muted">{tp('access.help')}</p>
        <AccessFilters
          users={pages.state === 'ok' ? pages.page.users : []}
          communes={session.communes}
          value={filter}
          onApply={setFilter}
          busy={pages.state === 'loading'}
        />
      </div>
      <div className="card">
        {pages.state === 'loading' && <p className="muted">{t('loading')}</p>}
        {pages.state === 'error' && (
          <p className="error-box" role="alert">
            {upstreamErrorText(t, pages.error)}
          </p>
        )}
        {pages.state === 'ok' && (
          <>
            <AccessTable
              rows={pages.rows}
              communeName={session.communes.length > 1 ? communeName : undefined}
              deviceName={(r) => r.deviceName ?? tp('access.unknownDevice')}
            />
            <div className="row">
              <span className="muted">{tp('access.asOf', { at: accessTime(pages.page.serverTime) })}</span>
              <span className="spacer" />
              {pages.next && (
                <button disabled={pages.more} onClick={loadMore} data-testid="up-access-more">
                  {tp('access.loadMore')}
                </button>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
