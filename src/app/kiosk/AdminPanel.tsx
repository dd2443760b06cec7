/** Behind the kiosk PIN: sync status (pending ratings, last sync, last error), sync now, reload, back. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { isKeyIn } from '../i18n/keys';
import { getMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import type { SyncEngine } from '../sync/engine';
import { useSyncState } from '../sync/useSyncState';

type Props = { readonly db: MotCuaDb; readonly engine: SyncEngine; readonly communeName: string; readonly onBack: () => void };
const MESSAGE_NS = ['sync', 'errors'] as const;

export function AdminPanel({ db, engine, communeName, onBack }: Props) {
  const { t } = useTranslation('kiosk');
  const { t: tm, i18n } = useTranslation(MESSAGE_NS);
  const running = useSyncState(engine, (s) => s.running);
  const info = useLiveQuery(
    async () => ({
      pending: await db.outbox.count(),
      dossiers: await db.kioskDossiers.count(),
      sync: await getMeta(db, 'sync'),
    }),
    [db],
  );
  const sync = info?.sync;
  return (
    <section className="kiosk-step kiosk-admin" aria-labelledby="kiosk-admin-title" data-testid="kiosk-admin">
      <h1 id="kiosk-admin-title">{t('admin.title')}</h1>
      <ul className="kiosk-admin-facts">
        <li>{t('admin.commune', { name: communeName })}</li>
        <li data-testid="kiosk-admin-pending">{t('admin.pending', { count: info?.pending ?? 0 })}</li>
        <li data-testid="kiosk-admin-last-sync">{t('admin.lastSync', { at: sync?.lastSyncAt ? formatVnDateTime(sync.lastSyncAt) : t('admin.never') })}</li>
        <li>{t('admin.dossiers', { count: info?.dossiers ?? 0 })}</li>
        {sync?.lastError && (
          <li className="kiosk-problem">
            {t('admin.lastError', { error: isKeyIn(i18n, sync.lastError, MESSAGE_NS) ? tm(sync.lastError, sync.lastErrorParams ?? {}) : sync.lastError })}
          </li>
        )}
      </ul>
      <div className="kiosk-admin-actions">
        <button type="button" className="kiosk-primary" data-testid="kiosk-sync-now" disabled={running} onClick={() => void engine.runOnce()}>
          {running ? t('admin.syncing') : t('admin.syncNow')}
        </button>
        <button type="button" className="kiosk-secondary" onClick={() => location.reload()}>
          {t('admin.reload')}
        </button>
        <button type="button" className="kiosk-secondary" data-testid="kiosk-admin-back" onClick={onBack}>
          {t('admin.back')}
        </button>
      </div>
    </section>
  );
}
