/** The app: enroll the device once, then the screens of its role; counter screens need a signed-in officer. */
import { useTranslation } from 'react-i18next';
import { CounterRoutes } from '../counter/CounterRoutes';
import { KioskApp } from '../kiosk/KioskApp';
import { UpstreamApp } from '../upstream/UpstreamApp';
import { EnrollScreen } from './EnrollScreen';
import { useIdleLock } from './idleLock';
import { Layout } from './Layout';
import { useReference } from './reference';
import { useSession } from './session';
import { SignInScreen } from './SignInScreen';

/** The upstream office (/thuong-cap) needs no enrolled device: it signs in against the server. */
export const UPSTREAM_PATH = '/thuong-cap';

export function App() {
  return location.pathname.startsWith(UPSTREAM_PATH) ? <UpstreamApp /> : <TabletApp />;
}

function TabletApp() {
  const { t } = useTranslation();
  const ref = useReference();
  const { user, locked } = useSession();
  useIdleLock(ref.settings.idleLockMinutes);

  if (!ref.loaded) return <main className="screen" aria-busy="true">{t('loading')}</main>;
  if (!ref.device) return <EnrollScreen />;
  if (ref.device.role === 'kiosk') return <KioskApp />;
  if (!user || locked) return <SignInScreen users={ref.users} lockedUser={locked ? user : null} />;
  return (
    <Layout communeName={ref.device.communeName}>
      <CounterRoutes />
    </Layout>
  );
}
