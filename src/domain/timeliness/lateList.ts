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

/** The category of a promised date already known to be before the at-risk horizon. */
export function lateCategoryAt(due: Instant, now: Instant): LateCategory {
  if (due < now) return 'overdue';
  return due < startOfVnDay(addDays(vnDate(now), 1)) ? 'dueToday' : 'dueNextWorkingDay';
}

/** The list a dossier belongs on as of `now`, or null (ended, no promised date yet, or not due soon). */
export function lateCategoryOf(s: DossierState, now: Instant, cal: WorkCalendar): LateCategory | null {
  if (s.endedAt !== null && s.endedAt <= now) return null;
  const due = s.effectiveDueAt;
  if (due === null || due >= atRiskHorizon(cal, now)) return null;
  return lateCategoryAt(due, now);
}

export type LateGroup = { readonly key: string; readonly counts: Readonly<Record<LateCategory, number>>; readonly total: number };
export type LateTally = { readonly counts: Readonly<Record<LateCategory | 'all', number>>; readonly byField: readonly LateGroup[]; readonly byOfficer: readonly LateGroup[] };

/** Counts per category, and per field and per receiving officer (the largest total first), of `n` dossiers each. */
export function tallyLate(entries: Iterable<{ readonly fieldCode: string; readonly officerId: string; readonly category: LateCategory; readonly n: number }>): LateTally {
  const zero = (): Record<LateCategory, number> => ({ overdue: 0, dueToday: 0, dueNextWorkingDay: 0 });
  const counts = zero();
  const byField = new Map<string, Record<LateCategory, number>>();
  const byOfficer = new Map<string, Record<LateCategory, number>>();
  for (const e of entries) {
    counts[e.category] += e.n;
    for (const [m, k] of [[byField, e.fieldCode], [byOfficer, e.officerId]] as const) {
      let g = m.get(k);
      if (!g) m.set(k, (g = zero()));
      g[e.category] += e.n;
    }
  }
  const total = (c: Record<LateCategory, number>) => c.overdue + c.dueToday + c.dueNextWorkingDay;
  const groups = (m: Map<string, Record<LateCategory, number>>): LateGroup[] => [...m.entries()]
    .map(([key, c]) => ({ key, counts: c, total: total(c) }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  return { counts: { ...counts, all: total(counts) }, byField: groups(byField), byOfficer: groups(byOfficer) };
}
