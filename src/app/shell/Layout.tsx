/** The counter's frame: navigation, who is signed in, sync and storage state, the update prompt. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { usePwa } from './pwa';
import { ROUTES, useRouter } from './router';
import { useServices } from './services';
import { useSession } from './session';
import { ClockWarning } from './ClockWarning';

const NAV = [
  { path: ROUTES.queue, key: 'nav.queue' },
  { path: ROUTES.intake, key: 'nav.intake' },
  { path: ROUTES.logbook, key: 'nav.logbook' },
  { path: ROUTES.sync, key: 'nav.sync' },
] as const;

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
              {t(n.key)}{n.path === ROUTES.sync && pending > 0 ? ` (${pending})` : ''}
            </button>
          ))}
        </nav>
        <span className="me">
          <span>{communeName} · {user?.name}</span>
          <button onClick={lock}>{t('nav.lock')}</button>
          <button onClick={() => (pending > 0 ? setConfirmSignOut(true) : signOut())}>{t('nav.signOut')}</button>
        </span>
      </header>
      {pwa.updateReady && (
        <div className="banner info no-print row" role="status">
          <span>{formDirty ? t('update.waitForm') : t('update.ready')}</span>
          <span className="spacer" />
          <button className="primary" disabled={formDirty} onClick={pwa.applyUpdate}>{t('update.apply')}</button>
        </div>
      )}
      {pwa.persisted === false && <div className="banner warn no-print">{t('storage.notPersisted')}</div>}
      <ClockWarning />
      {children}
      {confirmSignOut && (
        <Dialog title={t('signOut.title')} onClose={() => setConfirmSignOut(false)}>
          <p>{t('signOut.pending', { n: pending })}</p>
          <div className="row">
            <button onClick={() => { setConfirmSignOut(false); navigate(ROUTES.sync); }}>{t('signOut.goSync')}</button>
            <span className="spacer" />
            <button className="primary" onClick={() => { setConfirmSignOut(false); signOut(); }}>{t('signOut.anyway')}</button>
          </div>
        </Dialog>
      )}
    </>
  );
}
