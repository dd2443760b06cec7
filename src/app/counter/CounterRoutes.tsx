/** The counter's screens by path; deep links work offline (the service worker serves index.html). */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { matchRoute, ROUTES, useRouter } from '../shell/router';
import { useSession } from '../shell/session';
import { QueueScreen } from './QueueScreen';

// The supervisor's screens (charts, spreadsheets) stay out of the counter's first load; the
// service worker precaches the chunk, so it opens offline too.
const SupervisorScreen = lazy(() => import('../supervisor/SupervisorScreen').then((m) => ({ default: m.SupervisorScreen })));
// The printed forms (and the QR code drawing) load when a form is opened.
const PrintScreen = lazy(() => import('./PrintScreen').then((m) => ({ default: m.PrintScreen })));
// The queue is the first screen; the others (the camera and the PDF writer among them) load when opened.
const DossierScreen = lazy(() => import('./DossierScreen').then((m) => ({ default: m.DossierScreen })));
const IntakeScreen = lazy(() => import('./IntakeScreen').then((m) => ({ default: m.IntakeScreen })));
const SyncScreen = lazy(() => import('./SyncScreen').then((m) => ({ default: m.SyncScreen })));
const LogbookScreen = lazy(() => import('./LogbookScreen').then((m) => ({ default: m.LogbookScreen })));

export function CounterRoutes() {
  const { t } = useTranslation();
  const path = useRouter((s) => s.path);
  const role = useSession((s) => s.user?.role);
  const loading = (
    <main className="screen" aria-busy="true">
      {t('loading')}
    </main>
  );
  const dossier = matchRoute('/ho-so/:code', path);
  if (dossier?.code)
    return (
      <Suspense fallback={loading}>
        <DossierScreen code={dossier.code} />
      </Suspense>
    );
  const print = matchRoute('/in/:form/:code', path);
  if (print?.form && print.code)
    return (
      <Suspense fallback={loading}>
        <PrintScreen form={print.form} code={print.code} />
      </Suspense>
    );
  if (path === ROUTES.intake)
    return (
      <Suspense fallback={loading}>
        <IntakeScreen />
      </Suspense>
    );
  if (path === ROUTES.logbook)
    return (
      <Suspense fallback={loading}>
        <LogbookScreen />
      </Suspense>
    );
  if (path === ROUTES.sync)
    return (
      <Suspense fallback={loading}>
        <SyncScreen />
      </Suspense>
    );
  if (path.startsWith(ROUTES.supervisor) && role === 'supervisor')
    return (
      <Suspense fallback={loading}>
        <SupervisorScreen />
      </Suspense>
    );
  return <QueueScreen />;
}
