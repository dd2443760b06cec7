/** TIM1, TIM2: early / on time / late for ended dossiers; within time / at risk / overdue for open ones. */
import type { WorkCalendar } from '../calendar/types';
import { vnDate, type Instant } from '../time/vnTime';
import type { DossierState } from '../dossier/state';
import { judgeOpen, type OpenTimeliness } from './judge';

export type { OpenTimeliness } from './judge';

export type EndTimeliness = 'early' | 'onTime' | 'late';

/** The moment processing ended for timeliness (TIM1): resolved, returned or stopped; refusals have no due date. */
function processingEnd(s: DossierState): Instant | null {
  return s.resolvedAt ?? s.returnedAt ?? s.stoppedAt ?? null;
}

/** TIM1: compared with the LEGAL due date by calendar day (statistics keep the original, APO2). */
export function endTimeliness(s: DossierState): EndTimeliness | null {
  const end = processingEnd(s);
  if (end === null || s.dueAt === null) return null;
  const endDay = vnDate(end),
    dueDay = vnDate(s.dueAt);
  return endDay < dueDay ? 'early' : endDay === dueDay ? 'onTime' : 'late';
}

/**
 * TIM2, as of a moment: the kind of `judgeOpen` (judge.ts, THE definition: legal due date, DUE4
 * pause/restart, REP1a). Null when the dossier has ended or was never accepted.
 */
export function openTimeliness(s: DossierState, asOf: Instant, cal: WorkCalendar): OpenTimeliness | null {
  return judgeOpen(s, asOf, cal)?.kind ?? null;
}
