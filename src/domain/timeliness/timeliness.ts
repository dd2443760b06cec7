/** TIM1, TIM2: early / on time / late for ended dossiers; within time / at risk / overdue for open ones. */
import type { WorkCalendar } from '../calendar/types';
import { nextWorkingDay } from '../calendar/workCalendar';
import { addDays, startOfVnDay, vnDate, type Instant } from '../time/vnTime';
import type { DossierState } from '../dossier/state';

export type EndTimeliness = 'early' | 'onTime' | 'late';
export type OpenTimeliness = 'withinTime' | 'atRisk' | 'overdue';

/** The moment processing ended for timeliness (TIM1): resolved, returned or stopped; refusals have no due date. */
function processingEnd(s: DossierState): Instant | null {
  return s.resolvedAt ?? s.returnedAt ?? s.stoppedAt ?? null;
}

/** TIM1: compared with the LEGAL due date by calendar day (statistics keep the original, APO2). */
export function endTimeliness(s: DossierState): EndTimeliness | null {
  const end = processingEnd(s);
  if (end === null || s.dueAt === null) return null;
  const endDay = vnDate(end), dueDay = vnDate(s.dueAt);
  return endDay < dueDay ? 'early' : endDay === dueDay ? 'onTime' : 'late';
}

/**
 * TIM2, as of a moment. A dossier waiting for a supplement is judged on its current due date
 * like any other open one: with the 'pause' policy the date moves when the papers come back.
 * Null when the dossier has ended or was never accepted.
 */
export function openTimeliness(s: DossierState, asOf: Instant, cal: WorkCalendar): OpenTimeliness | null {
  if (s.endedAt !== null && s.endedAt <= asOf) return null;
  if (s.dueAt === null) return null;
  if (asOf > s.dueAt) return 'overdue';
  // at risk: due today or by the end of the next working day
  const horizon = startOfVnDay(addDays(nextWorkingDay(cal, vnDate(asOf)), 1));
  return s.dueAt < horizon ? 'atRisk' : 'withinTime';
}
