/** Due dates depend on the clock: warn when the device is off the server by more than the one tolerance (sync/clock.ts). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getMeta } from '../db/meta';
import { clockWarning } from '../sync/clock';
import { useServices } from './services';

export function ClockWarning() {
  const { t } = useTranslation();
  const { db } = useServices();
  const offset = useLiveQuery(async () => (await getMeta(db, 'sync'))?.clockOffsetMs ?? null, [db]);
  const w = clockWarning(offset);
  if (!w) return null;
  return (
    <div className="banner bad no-print" role="alert">
      {t('clock.off', { minutes: w.minutes, direction: w.direction === 'behind' ? t('clock.behind') : t('clock.ahead') })}
    </div>
  );
}
