/**
 * TIM2 for the late and at-risk lists: an open dossier against the date promised to the citizen
 * (the effective due date, moved once by an apology, APO2), the way the counter sees it.
 * At risk = due today or by the end of the next working day.
 */
import type { WorkCalendar } from '../calendar/types';
import { nextWorkingDay } from '../calendar/workCalendar';
import type { DossierState } from '../dossier/state';
import { addDays, startOfVnDay, vnDate, type Instant } from '../time/vnTime';

export const LATE_CATEGORIES = ['overdue', 'dueToday', 'dueNextWorkingDay'] as const;
export type LateCategory = (typeof LATE_CATEGORIES)[number];

/** The end of the next working day after `now`'s date: promised dates before it are listed. */
export function atRiskHorizon(cal: WorkCalendar, now: Instant): Instant {
  return startOfVnDay(addDays(nextWorkingDay(cal, vnDate(now)), 1));
}

/** The list a dossier belongs on as of `now`, or null (ended, no promised date yet, or not due soon). */
export function lateCategoryOf(s: DossierState, now: Instant, cal: WorkCalendar): LateCategory | null {
  if (s.endedAt !== null && s.endedAt <= now) return null;
  const due = s.effectiveDueAt;
  if (due === null || due >= atRiskHorizon(cal, now)) return null;
  if (due < now) return 'overdue';
  return due < startOfVnDay(addDays(vnDate(now), 1)) ? 'dueToday' : 'dueNextWorkingDay';
}
