/**
 * CON16: the commune's own dossiers on the national portal, as the server's queue has them: for
 * the period and in all, and the refusals with the portal's message. Online only; the share of
 * the period's dossiers feeds the Decision 766 estimates (IND1).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { portalShare, type PortalCounts } from '../../domain/stats/portalShare';
import type { DateRange } from '../../domain/stats/periods';
import { addDays, formatVnDateTime, startOfVnDay } from '../../domain/time/vnTime';
import type { CommunePortal } from '../../protocol';
import { PortalRefused } from '../connector/PortalRefused';
import { useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { errorKeyOf } from '../sync';
import { canListDevices } from './devices';
import { percent, useT } from './useT';

export type PortalRemote =
  { readonly state: 'offline' | 'loading' } | { readonly state: 'ok'; readonly value: CommunePortal } | { readonly state: 'error'; readonly message: string };

/** Asks the server for the period [range.from, range.to] (Vietnam days) when online, and again when the link returns. */
export function useCommunePortal(range: DateRange): { remote: PortalRemote; reload: () => void } {
  const { t } = useT();
  const { transport } = useServices();
  const { device } = useReference();
  const token = device?.token ?? null;
  const [remote, setRemote] = useState<PortalRemote>({ state: 'loading' });
  const load = useCallback(async () => {
    if (!token || !canListDevices(transport)) return;
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      setRemote({ state: 'offline' });
      return;
    }
    setRemote({ state: 'loading' });
    try {
      const value = await transport.portal(token, { from: startOfVnDay(range.from), to: startOfVnDay(addDays(range.to, 1)) });
      setRemote({ state: 'ok', value });
    } catch (e) {
      const k = errorKeyOf(e);
      setRemote(k.key === 'sync:error.offline' ? { state: 'offline' } : { state: 'error', message: t(k.key, k.params) });
    }
  }, [token, transport, range.from, range.to, t]);
  useEffect(() => {
    const onOnline = () => void load();
    void load();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [load]);
  return { remote, reload: () => void load() };
}

function CountsRow({ name, c, testId }: { name: string; c: PortalCounts; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th>{name}</th>
      <td className="num">{c.synced}</td>
      <td className="num">{c.pending}</td>
      <td className="num">{c.refused > 0 ? <span className="badge bad">{c.refused}</span> : 0}</td>
      <td className="num">{percent(portalShare(c).estimate.value)}</td>
    </tr>
  );
}

export function PortalCard({ remote, onReload }: { remote: PortalRemote; onReload: () => void }) {
  const { t } = useTranslation('connector');
  const { t: tSv } = useT();
  return (
    <div className="card" data-testid="sv-portal">
      <div className="row">
        <h2 style={{ margin: 0 }}>{t('communeCard.title')}</h2>
        <span className="spacer" />
        <button data-testid="sv-portal-refresh" disabled={remote.state === 'loading'} onClick={onReload}>
          {t('refresh')}
        </button>
      </div>
      <p className="muted">{t('communeCard.help')}</p>
      {remote.state === 'loading' && <p className="muted">{tSv('loading')}</p>}
      {remote.state === 'offline' && (
        <p className="muted" data-testid="sv-portal-offline">
          {t('communeCard.offline')}
        </p>
      )}
      {remote.state === 'error' && (
        <p className="error-box" role="alert">
          {t('communeCard.failed', { message: remote.message })}
        </p>
      )}
      {remote.state === 'ok' && (
        <>
          {!remote.value.enabled && (
            <p className="error-box" role="status" data-testid="sv-portal-off">
              {t('off')}
            </p>
          )}
          <table className="list" data-testid="sv-portal-counts">
            <thead>
              <tr>
                <th>
                  <span className="visually-hidden">{t('communeCard.title')}</span>
                </th>
                <th>{t('synced')}</th>
                <th>{t('pending')}</th>
                <th>{t('refused')}</th>
                <th>{t('share')}</th>
              </tr>
            </thead>
            <tbody>
              <CountsRow name={t('communeCard.period')} c={remote.value.period} testId="sv-portal-period" />
              <CountsRow name={t('communeCard.all')} c={remote.value.all} testId="sv-portal-all" />
            </tbody>
          </table>
          <PortalRefused refused={remote.value.refused} limit={remote.value.limit} testId="sv-portal-refused" />
          <p className="muted">{tSv('devices.asOf', { at: formatVnDateTime(remote.value.serverTime) })}</p>
        </>
      )}
    </div>
  );
}
