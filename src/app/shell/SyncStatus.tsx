/**
 * The header's sync line, the OpenCRVS/DHIS2 convention: online or not, when the tablet last
 * synced, how many items wait. It opens the sync page.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { formatVnDateTime, formatVnTime, vnDate } from '../../domain/time/vnTime';
import { getMeta } from '../db/meta';
import { createSyncState } from '../sync/syncState';
import { ROUTES, useRouter } from './router';
import { useServices } from './services';
import { useOnline } from './useOnline';

const IDLE = createSyncState();

export function SyncStatus({ pending }: { pending: number }) {
  const { t } = useTranslation();
  const { db, engine, now } = useServices();
  const navigate = useRouter((s) => s.navigate);
  const online = useOnline(engine);
  const running = useStore(engine?.state ?? IDLE, (s) => s.running);
  const lastSyncAt = useLiveQuery(async () => (await getMeta(db, 'sync'))?.lastSyncAt ?? null, [db]);
  const last =
    lastSyncAt == null
      ? t('netStatus.never')
      : t('netStatus.lastSync', { time: vnDate(lastSyncAt) === vnDate(now()) ? formatVnTime(lastSyncAt) : formatVnDateTime(lastSyncAt) });
  return (
    <button
      type="button"
      className={`net-status ${online ? 'online' : 'offline'}`}
      data-testid="net-status"
      data-online={online}
      onClick={() => navigate(ROUTES.sync)}
    >
      <span className="visually-hidden">{t('netStatus.label')}: </span>
      <span className="dot" aria-hidden="true" />
      <span className="lines">
        <span className="state">{running ? t('netStatus.syncing') : online ? t('netStatus.online') : t('netStatus.offline')}</span>
        <span className="detail">
          <span data-testid="net-last">{last}</span> ·{' '}
          <span data-testid="net-pending" className={pending > 0 ? 'waiting' : undefined}>
            {pending > 0 ? t('netStatus.pending', { count: pending }) : t('netStatus.allSent')}
          </span>
        </span>
      </span>
    </button>
  );
}
