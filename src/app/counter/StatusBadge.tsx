import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../domain/calendar/types';
import type { DossierState } from '../../domain/dossier/state';
import { endTimeliness, openTimeliness } from '../../domain/timeliness/timeliness';

export function StatusBadge({ state }: { state: DossierState }) {
  const { t } = useTranslation('counter');
  return <span className="badge">{t(`status.${state.status}`)}</span>;
}

/** TIM1/TIM2: early / on time / late once ended; within time / at risk / overdue while open. */
export function TimelinessBadge({ state, now, cal }: { state: DossierState; now: number; cal: WorkCalendar }) {
  const { t } = useTranslation('counter');
  const open = openTimeliness(state, now, cal);
  const end = open ? null : endTimeliness(state);
  const which = open ?? end;
  if (!which) return null;
  return <span className={`badge ${which}`}>{t(`timeliness.${which}`)}</span>;
}
