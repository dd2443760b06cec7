/** The app: enroll the device once, then the screens of its role; counter screens need a signed-in officer. */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CounterRoutes } from '../counter/CounterRoutes';
import { EnrollScreen } from './EnrollScreen';
import { useIdleLock } from './idleLock';
import { Layout } from './Layout';
import { useReference } from './reference';
import { useSession } from './session';
import { SignInScreen } from './SignInScreen';

// The kiosk and the upstream office are other devices' apps: their own chunks, out of the counter's
// first load (the service worker precaches them, so they start offline too).
const KioskApp = lazy(() => import('../kiosk/KioskApp').then((m) => ({ default: m.KioskApp })));
const UpstreamApp = lazy(() => import('../upstream/UpstreamApp').then((m) => ({ default: m.UpstreamApp })));

/** The upstream office (/thuong-cap) needs no enrolled device: it signs in against the server. */
export const UPSTREAM_PATH = '/thuong-cap';

function Loading() {
  const { t } = useTranslation();
  return (
    <main className="screen" aria-busy="true">
      {t('loading')}
    </main>
  );
}

const Lazy = ({ children }: { children: ReactNode }) => <Suspense fallback={<Loading />}>{children}</Suspense>;

export function App() {
  return location.pathname.startsWith(UPSTREAM_PATH) ? (
    <Lazy>
      <UpstreamApp />
    </Lazy>
  ) : (
    <TabletApp />
  );
}

function TabletApp() {
  const { t } = useTranslation();
  const ref = useReference();
  const { user, locked } = useSession();
  useIdleLock(ref.settings.idleLockMinutes);

  if (!ref.loaded)
    return (
      <main className="screen" aria-busy="true">
        {t('loading')}
      </main>
    );
  if (!ref.device) return <EnrollScreen />;
  if (ref.device.role === 'kiosk')
    return (
      <Lazy>
        <KioskApp />
      </Lazy>
    );
  if (!user || locked) return <SignInScreen users={ref.users} lockedUser={locked ? user : null} />;
  return (
    <Layout communeName={ref.device.communeName}>
      <CounterRoutes />
    </Layout>
  );
}
