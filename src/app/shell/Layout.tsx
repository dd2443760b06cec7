/** The counter's frame: navigation, who is signed in, the sync line, one-line notices, the update prompt. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ClockWarning } from './ClockWarning';
import { Dialog } from './Dialog';
import { onceFlag, usePwa } from './pwa';
import { ROUTES, useRouter } from './router';
import { useServices } from './services';
import { useSession } from './session';
import { SyncStatus } from './SyncStatus';

const NAV = [
  { path: ROUTES.queue, key: 'nav.queue' },
  { path: ROUTES.intake, key: 'nav.intake' },
  { path: ROUTES.logbook, key: 'nav.logbook' },
  { path: ROUTES.sync, key: 'nav.sync' },
] as const;

/** The storage warning is said once per session; "ready offline" once per device. */
const STORAGE_NOTICE = onceFlag('motcua.storageNoticeSeen', 'session');
const OFFLINE_READY_NOTICE = onceFlag('motcua.offlineReadySaid', 'local');

function StorageNotice() {
  const { t } = useTranslation();
  const navigate = useRouter((s) => s.navigate);
  const persisted = usePwa((s) => s.persisted);
  const path = useRouter((s) => s.path);
  const [shown] = useState(() => !STORAGE_NOTICE.seen());
  const [openOn, setOpenOn] = useState<string | null>(path);
  useEffect(() => {
    if (persisted === false && shown) STORAGE_NOTICE.mark();
  }, [persisted, shown]);
  // said on the screen where the session starts; the next screen is without it
  const open = openOn === path;
  const close = () => setOpenOn(null);
  if (persisted !== false || !shown || !open) return null;
  return (
    <div className="banner warn no-print notice-line" data-testid="storage-notice">
      <span>{t('storageShort.text')}</span>
      <a
        href={ROUTES.sync + '#storage-help'}
        onClick={(e) => {
          e.preventDefault();
          close();
          navigate(ROUTES.sync);
        }}
      >
        {t('storageShort.link')}
      </a>
      <span className="spacer" />
      <button type="button" className="small" onClick={close}>
        {t('storageShort.dismiss')}
      </button>
    </div>
  );
}

function OfflineReadyNotice() {
  const { t } = useTranslation();
  const ready = usePwa((s) => s.offlineReady);
  const [shown] = useState(() => !OFFLINE_READY_NOTICE.seen());
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (!ready || !shown) return;
    OFFLINE_READY_NOTICE.mark();
    const id = window.setTimeout(() => setOpen(false), 15_000);
    return () => window.clearTimeout(id);
  }, [ready, shown]);
  if (!ready || !shown || !open) return null;
  return (
    <div className="banner info no-print notice-line" role="status" data-testid="offline-ready">
      <span>{t('offlineReady')}</span>
      <span className="spacer" />
      <button type="button" className="small" onClick={() => setOpen(false)}>
        {t('storageShort.dismiss')}
      </button>
    </div>
  );
}

export function Layout({ children, communeName }: { children: ReactNode; communeName: string }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const { path, navigate } = useRouter();
  const user = useSession((s) => s.user);
  const { lock, signOut, formDirty } = useSession();
  const pwa = usePwa();
  const pending = useLiveQuery(() => db.outbox.count(), [db]) ?? 0;
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const nav = user?.role === 'supervisor' ? [...NAV, { path: ROUTES.supervisor, key: 'nav.supervisor' } as const] : NAV;

  return (
    <>
      <header className="topbar no-print">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('nav.label')}>
          {nav.map((n) => (
            <button key={n.path} aria-current={(n.path === '/' ? path === '/' : path.startsWith(n.path)) ? 'page' : undefined} onClick={() => navigate(n.path)}>
              {t(n.key)}
            </button>
          ))}
        </nav>
        <SyncStatus pending={pending} />
        <span className="me">
          <span className="who">
            <span>{user?.name}</span>
            <span>{communeName}</span>
          </span>
          <button onClick={lock}>{t('nav.lock')}</button>
          <button onClick={() => (pending > 0 ? setConfirmSignOut(true) : signOut())}>{t('nav.signOut')}</button>
        </span>
      </header>
      <section className="notices no-print" aria-label={t('notices')}>
        {pwa.updateReady && (
          <div className="banner info row" role="status">
            <span>{formDirty ? t('update.waitForm') : t('update.ready')}</span>
            <span className="spacer" />
            <button className="primary" disabled={formDirty} onClick={pwa.applyUpdate}>
              {t('update.apply')}
            </button>
          </div>
        )}
        <OfflineReadyNotice />
        <StorageNotice />
        <ClockWarning />
      </section>
      {children}
      {confirmSignOut && (
        <Dialog title={t('signOut.title')} onClose={() => setConfirmSignOut(false)}>
          <p>{t('signOut.pending', { n: pending })}</p>
          <div className="row">
            <button
              onClick={() => {
                setConfirmSignOut(false);
                navigate(ROUTES.sync);
              }}
            >
              {t('signOut.goSync')}
            </button>
            <span className="spacer" />
            <button
              className="primary"
              onClick={() => {
                setConfirmSignOut(false);
                signOut();
              }}
            >
              {t('signOut.anyway')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
