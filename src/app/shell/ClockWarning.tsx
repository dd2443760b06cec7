/** Due dates depend on the clock: warn when the device is more than 2 minutes off the server. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getMeta } from '../db/meta';
import { useServices } from './services';

export const CLOCK_TOLERANCE_MS = 2 * 60_000;

export function ClockWarning() {
  const { t } = useTranslation();
  const { db } = useServices();
  const offset = useLiveQuery(async () => (await getMeta(db, 'sync'))?.clockOffsetMs ?? null, [db]);
  if (offset === null || offset === undefined || Math.abs(offset) <= CLOCK_TOLERANCE_MS) return null;
  return <div className="banner bad no-print" role="alert">{t('clock.off', { minutes: Math.round(Math.abs(offset) / 60_000), direction: offset > 0 ? t('clock.behind') : t('clock.ahead') })}</div>;
}
