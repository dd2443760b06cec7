/**
 * Sync status: this device (meta 'sync' and the outbox), and every device of the commune as the
 * server last heard from it, when online. Silent devices stand out.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransportError } from '../../protocol/transport';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { storeDeviceNames, useDeviceNames } from '../shell/deviceNames';
import { useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { deviceStatus, errorKeyOf, listOutbox } from '../sync';
import { canListDevices, fetchDevices, lineOf, SILENT_AFTER_MS, type DeviceLine } from './devices';
import { DeviceLines, FilesMissingCell, Head, StatusCells } from './DeviceTable';
import { filesToSend } from '../files/fileSize';
import { useT } from './useT';

type Remote = { state: 'idle' | 'loading' } | { state: 'ok'; lines: DeviceLine[]; serverTime: number } | { state: 'error'; message: string };

export function DevicesTab({ now }: { now: number }) {
  const { t } = useT();
  const { t: tf } = useTranslation('files');
  const { db, transport, appVersion } = useServices();
  const { device } = useReference();
  const names = useDeviceNames();
  const own = useLiveQuery(
    async () => ({ status: await deviceStatus(db, appVersion), outbox: await listOutbox(db, 50), files: await filesToSend(db) }),
    [db, appVersion],
  );
  const [remote, setRemote] = useState<Remote>({ state: 'idle' });
  const token = device?.token ?? null;
  const selfId = device?.deviceId ?? null;

  const load = useCallback(async () => {
    if (!token || !canListDevices(transport)) return;
    setRemote({ state: 'loading' });
    try {
      const res = await fetchDevices(transport, token);
      setRemote({ state: 'ok', lines: res.devices.map((d) => lineOf(d, selfId)), serverTime: res.serverTime });
      await storeDeviceNames(db, res.devices, res.serverTime);
    } catch (e) {
      const k = errorKeyOf(e);
      const msg = e instanceof TransportError && e.status === 403 ? t('devices.forbidden') : t(k.key, k.params);
      setRemote({ state: 'error', message: msg });
    }
  }, [token, transport, selfId, t, db]);

  useEffect(() => {
    const onOnline = () => void load();
    if (typeof navigator === 'undefined' || navigator.onLine) void load();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [load]);

  return (
    <section data-testid="sv-devices">
      <div className="card">
        <h2>{device && names[device.deviceId] ? t('devices.thisDevice', { name: names[device.deviceId] }) : t('devices.self')}</h2>
        {!own ? (
          <p className="muted">{t('loading')}</p>
        ) : (
          <>
            <table className="list" data-testid="own-device">
              <Head files />
              <tbody>
                <tr>
                  <td>{t('devices.self')}</td>
                  <td>{own.status.lastSyncAt === null ? t('devices.never') : formatVnDateTime(own.status.lastSyncAt)}</td>
                  <StatusCells s={own.status} now={now} />
                  <FilesMissingCell m={own.files} />
                </tr>
              </tbody>
            </table>
            {own.outbox.total > 0 && (
              <>
                <h3>{t('devices.outbox', { n: own.outbox.total })}</h3>
                <table className="list" data-testid="own-outbox">
                  <thead>
                    <tr>
                      <th>{t('devices.dossier')}</th>
                      <th>{t('devices.createdAt')}</th>
                      <th>{t('devices.state')}</th>
                      <th>{t('devices.attempts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {own.outbox.rows.map((o) => (
                      <tr key={o.eventId}>
                        <td>{o.dossierId}</td>
                        <td>{formatVnDateTime(o.createdAt)}</td>
                        <td>
                          <span className={`badge ${o.state === 'failed' ? 'bad' : 'warn'}`}>{t(`devices.states.${o.state}`)}</span>
                        </td>
                        <td className="num">{o.attempts}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </>
        )}
      </div>
      <div className="card">
        <div className="row">
          <h2 style={{ margin: 0 }}>{t('devices.commune')}</h2>
          <span className="spacer" />
          <button data-testid="devices-refresh" disabled={remote.state === 'loading' || !token} onClick={() => void load()}>
            {t('devices.refresh')}
          </button>
        </div>
        <p className="muted">{t('devices.silentRule', { hours: SILENT_AFTER_MS / 3_600_000 })}</p>
        {remote.state === 'loading' && <p className="muted">{t('loading')}</p>}
        {remote.state === 'idle' && <p className="muted">{t('devices.offline')}</p>}
        {remote.state === 'error' && (
          <p className="error-box" role="alert" data-testid="devices-error">
            {remote.message}
          </p>
        )}
        {remote.state === 'ok' && (
          <>
            <DeviceLines lines={remote.lines} serverTime={remote.serverTime} testId="commune-devices" />
            {remote.lines.some((l) => l.filesMissing !== null) && <p className="muted">{tf('devices.help')}</p>}
            <p className="muted">{t('devices.asOf', { at: formatVnDateTime(remote.serverTime) })}</p>
          </>
        )}
      </div>
    </section>
  );
}
