/** The counter's screens by path; deep links work offline (the service worker serves index.html). */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { matchRoute, ROUTES, useRouter } from '../shell/router';
import { useSession } from '../shell/session';
import { DossierScreen } from './DossierScreen';
import { IntakeScreen } from './IntakeScreen';
import { LogbookScreen } from './LogbookScreen';
import { PrintScreen } from './PrintScreen';
import { QueueScreen } from './QueueScreen';
import { SyncScreen } from './SyncScreen';

// The supervisor's screens (charts, spreadsheets) stay out of the counter's first load; the
// service worker precaches the chunk, so it opens offline too.
const SupervisorScreen = lazy(() => import('../supervisor/SupervisorScreen').then((m) => ({ default: m.SupervisorScreen })));

export function CounterRoutes() {
  const { t } = useTranslation();
  const path = useRouter((s) => s.path);
  const role = useSession((s) => s.user?.role);
  const dossier = matchRoute('/ho-so/:code', path);
  if (dossier?.code) return <DossierScreen code={dossier.code} />;
  const print = matchRoute('/in/:form/:code', path);
  if (print?.form && print.code) return <PrintScreen form={print.form} code={print.code} />;
  if (path === ROUTES.intake) return <IntakeScreen />;
  if (path === ROUTES.logbook) return <LogbookScreen />;
  if (path === ROUTES.sync) return <SyncScreen />;
  if (path.startsWith(ROUTES.supervisor) && role === 'supervisor') return <Suspense fallback={<main className="screen" aria-busy="true">{t('loading')}</main>}><SupervisorScreen /></Suspense>;
  return <QueueScreen />;
}
