/**
 * PD4 on the commune's tablet: the commune's access log from the server (every device), with this
 * tablet's records not sent yet on top; offline, those alone, and a word that the rest is upstream.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLogUser } from '../../protocol';
import { TransportError } from '../../protocol/transport';
import { AccessFilters, AccessTable, accessTime, NO_FILTER, useAccessPages, type AccessFilter, type AccessRow } from '../privacy/AccessLogView';
import { retryFailedAccess, unsyncedAccess } from '../privacy/accessLog';
import { useDeviceNames } from '../shell/deviceNames';
import { useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { errorKeyOf } from '../sync';
import { useT } from './useT';

export function AccessTab() {
  const { t: tp } = useTranslation('privacy');
  const { t } = useT();
  const { db, access } = useServices();
  const { device, users } = useReference();
  const names = useDeviceNames();
  const [filter, setFilter] = useState<AccessFilter>(NO_FILTER);
  const token = device?.token ?? null;
  const load = useMemo(
    () =>
      access && token
        ? (before: string | undefined) =>
            access.accessLog(token, {
              ...(filter.dossier ? { dossier: filter.dossier } : {}),
              ...(filter.user ? { user: filter.user } : {}),
              ...(before ? { before } : {}),
            })
        : null,
    [access, token, filter],
  );
  const { pages, loadMore, reload } = useAccessPages(load);
  const local = useLiveQuery(() => unsyncedAccess(db, { dossier: filter.dossier, user: filter.user }), [db, filter]);

  const nameOf = useCallback((id: string) => users.find((u) => u.id === id)?.name ?? null, [users]);
  const serverRows = pages.state === 'ok' ? pages.rows : [];
  const serverIds = new Set(serverRows.map((r) => r.id));
  const localRows: AccessRow[] = (local ?? [])
    .filter((r) => !serverIds.has(r.id))
    .map((r) => ({
      id: r.id,
      communeId: device?.communeId ?? '',
      at: r.at,
      receivedAt: null,
      actorId: r.actorId,
      actorName: nameOf(r.actorId),
      deviceId: device?.deviceId ?? '',
      deviceName: null,
      kind: r.kind,
      detail: r.detail,
      dossierIds: r.dossierIds.slice(0, 20),
      dossierCount: r.dossierIds.length,
      local: { refused: r.state === 'failed' ? String(r.lastErrorParams?.detail ?? r.lastError ?? '') : null },
    }));
  const filterUsers: AccessLogUser[] =
    pages.state === 'ok' ? [...pages.page.users] : users.map((u) => ({ id: u.id, name: u.name, communeId: device?.communeId ?? '' }));
  const deviceName = (r: AccessRow) =>
    r.deviceId === device?.deviceId ? tp('access.thisDevice') : (r.deviceName ?? names[r.deviceId] ?? tp('access.unknownDevice'));
  const failed = (local ?? []).filter((r) => r.state === 'failed').length;
  const offline = pages.state === 'idle' || (pages.state === 'error' && pages.error instanceof TransportError && pages.error.status === null);
  const errorText =
    pages.state === 'error' && !offline
      ? (() => {
          const k = errorKeyOf(pages.error);
          return t(k.key, k.params);
        })()
      : null;

  return (
    <section data-testid="sv-access">
      <div className="card">
        <div className="row">
          <h2 style={{ margin: 0 }}>{tp('access.title')}</h2>
          <span className="spacer" />
          <button disabled={pages.state === 'loading'} onClick={reload} data-testid="access-refresh">
            {t('devices.refresh')}
          </button>
        </div>
        <p className="muted">{tp('access.help')}</p>
        <AccessFilters users={filterUsers} value={filter} onApply={setFilter} busy={pages.state === 'loading'} />
      </div>
      <div className="card">
        {offline && (
          <p className="banner warn" role="status" data-testid="access-offline">
            {tp('access.offline')}
          </p>
        )}
        {errorText && (
          <p className="error-box" role="alert">
            {errorText}
          </p>
        )}
        {failed > 0 && <button onClick={() => void retryFailedAccess(db)}>{tp('access.retry')}</button>}
        {pages.state === 'loading' && <p className="muted">{t('loading')}</p>}
        {pages.state !== 'loading' && <AccessTable rows={[...localRows, ...serverRows]} deviceName={deviceName} />}
        {pages.state === 'ok' && (
          <div className="row">
            <span className="muted">{tp('access.asOf', { at: accessTime(pages.page.serverTime) })}</span>
            <span className="spacer" />
            {pages.next && (
              <button disabled={pages.more} onClick={loadMore} data-testid="access-more">
                {tp('access.loadMore')}
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
