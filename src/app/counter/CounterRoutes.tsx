/** The counter's screens by path; deep links work offline (the service worker serves index.html). */
import { matchRoute, useRouter } from '../shell/router';
import { DossierScreen } from './DossierScreen';
import { IntakeScreen } from './IntakeScreen';
import { QueueScreen } from './QueueScreen';

export function CounterRoutes() {
  const path = useRouter((s) => s.path);
  const dossier = matchRoute('/ho-so/:code', path);
  if (dossier?.code) return <DossierScreen code={dossier.code} />;
  const print = matchRoute('/in/:form/:code', path);
  if (print?.form && print.code) return <main data-testid='print-page'>{print.code}</main>;
  if (path === '/tiep-nhan') return <IntakeScreen />;
  return <QueueScreen />;
}
