/** The sync-status table of devices, for the commune's tablet and the upstream office. */
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, FilesMissing } from '../../protocol';
import { sizeText } from '../files/fileSize';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { isSilent, sortLines, type DeviceLine } from './devices';
import { isKeyIn } from '../i18n/keys';
import { useT } from './useT';

const MESSAGE_NS = ['sync', 'errors'] as const;

type Translate = ReturnType<typeof useT>['t'];

export function age(t: Translate, now: number, at: number | null): string {
  if (at === null) return t('devices.never');
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  if (minutes < 60) return t('devices.ageMinutes', { n: minutes });
  if (minutes < 48 * 60) return t('devices.ageHours', { n: Math.floor(minutes / 60) });
  return t('devices.ageDays', { n: Math.floor(minutes / 1440) });
}

function offsetText(t: Translate, ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (Math.abs(s) < 60) return t('devices.offsetSeconds', { n: s });
  return t('devices.offsetMinutes', { n: Math.round(s / 60) });
}

export function StatusCells({ s, now }: { s: DeviceStatus | null; now: number }) {
  const { t, i18n } = useT();
  if (!s)
    return (
      <td colSpan={6} className="muted">
        {t('devices.noReport')}
      </td>
    );
  // another device's report: its key is checked here, and shown as sent when this version does not know it
  const error = s.lastError === null ? '—' : isKeyIn(i18n, s.lastError, MESSAGE_NS) ? t(s.lastError) : s.lastError;
  return (
    <>
      <td className="num" data-testid="pending">
        {s.pendingCount}
      </td>
      <td>{s.oldestPendingAt === null ? '—' : age(t, now, s.oldestPendingAt)}</td>
      <td className={s.lastError ? 'sv-error' : undefined}>{error}</td>
      <td>{s.appVersion}</td>
      <td>{s.storagePersisted === null ? '—' : t(s.storagePersisted ? 'devices.yes' : 'devices.no')}</td>
      <td>{offsetText(t, s.clockOffsetMs)}</td>
    </>
  );
}

/** The files a device still owes the server (DIG2): count and size, or that none is left. */
export function FilesMissingCell({ m }: { m: FilesMissing }) {
  const { t } = useTranslation('files');
  return (
    <td className="num" data-testid="files-missing" data-files={m.files} data-bytes={m.bytes}>
      {m.files === 0 ? (
        <span className="muted">{t('devices.none')}</span>
      ) : (
        <>
          <span className="badge warn">{t('devices.files', { n: m.files.toLocaleString('vi-VN') })}</span>
          <div className="muted">{sizeText(t, m.bytes)}</div>
        </>
      )}
    </td>
  );
}

export function Head({ files = false }: { files?: boolean }) {
  const { t } = useT();
  const { t: tf } = useTranslation('files');
  return (
    <thead>
      <tr>
        <th>{t('devices.name')}</th>
        <th>{t('devices.lastSync')}</th>
        <th>{t('devices.pending')}</th>
        <th>{t('devices.oldestPending')}</th>
        <th>{t('devices.lastError')}</th>
        <th>{t('devices.appVersion')}</th>
        <th>{t('devices.persisted')}</th>
        <th>{t('devices.clockOffset')}</th>
        {files && <th>{tf('devices.column')}</th>}
      </tr>
    </thead>
  );
}

/** Every device as the server last heard from it; silent ones first and marked. */
export function DeviceLines({ lines, serverTime, testId }: { lines: readonly DeviceLine[]; serverTime: number; testId: string }) {
  const { t } = useT();
  const files = lines.some((l) => l.filesMissing !== null);
  return (
    <table className="list" data-testid={testId}>
      <Head files={files} />
      <tbody>
        {sortLines(lines, serverTime).map((l) => {
          const silent = isSilent(l, serverTime);
          return (
            <tr key={l.deviceId} className={silent ? 'sv-silent' : undefined} data-silent={silent} data-device={l.deviceId}>
              <td>
                {l.name}
                {l.self && <span className="badge ok">{t('devices.self')}</span>}
                <div className="muted">
                  {l.role ? t(`devices.roles.${l.role}`) : ''}
                  {l.revoked ? ` · ${t('devices.revoked')}` : ''}
                </div>
                {silent && <span className="badge bad">{t('devices.silent')}</span>}
              </td>
              <td>{l.lastSeenAt === null ? t('devices.never') : `${formatVnDateTime(l.lastSeenAt)} (${age(t, serverTime, l.lastSeenAt)})`}</td>
              <StatusCells s={l.status} now={serverTime} />
              {files && (l.filesMissing ? <FilesMissingCell m={l.filesMissing} /> : <td />)}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
