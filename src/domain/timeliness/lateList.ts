/**
 * TIM2 for the late and at-risk lists: an open dossier judged by `judgeOpen` (judge.ts, THE
 * definition: the LEGAL due date, APO2; a dossier waiting for papers is not late for waiting,
 * DUE4). At risk = due today or by the end of the next working day; the rescheduled date is shown
 * beside, never instead.
 */
import type { WorkCalendar } from '../calendar/types';
import type { DossierState } from '../dossier/state';
import { addDays, startOfVnDay, vnDate, type Instant } from '../time/vnTime';
import { judgeOpen } from './judge';

export { atRiskHorizon } from './judge';

export const LATE_CATEGORIES = ['overdue', 'dueToday', 'dueNextWorkingDay'] as const;
export type LateCategory = (typeof LATE_CATEGORIES)[number];

/** The category of a running due date already known to be before the at-risk horizon. */
export function lateCategoryAt(due: Instant, now: Instant): LateCategory {
  if (now > due) return 'overdue';
  return due < startOfVnDay(addDays(vnDate(now), 1)) ? 'dueToday' : 'dueNextWorkingDay';
}

/** The list a dossier belongs on as of `now`, or null (ended, waiting for papers, no due date, or not due soon). */
export function lateCategoryOf(s: DossierState, now: Instant, cal: WorkCalendar): LateCategory | null {
  const j = judgeOpen(s, now, cal);
  if (!j || j.dueAt === null || j.kind === 'withinTime' || j.kind === 'awaitingSupplement') return null;
  return lateCategoryAt(j.dueAt, now);
}

export type LateGroup = { readonly key: string; readonly counts: Readonly<Record<LateCategory, number>>; readonly total: number };
export type LateTally = {
  readonly counts: Readonly<Record<LateCategory | 'all', number>>;
  readonly byField: readonly LateGroup[];
  readonly byOfficer: readonly LateGroup[];
};

/** Counts per category, and per field and per receiving officer (the largest total first), of `n` dossiers each. */
export function tallyLate(
  entries: Iterable<{ readonly fieldCode: string; readonly officerId: string; readonly category: LateCategory; readonly n: number }>,
): LateTally {
  const zero = (): Record<LateCategory, number> => ({ overdue: 0, dueToday: 0, dueNextWorkingDay: 0 });
  const counts = zero();
  const byField = new Map<string, Record<LateCategory, number>>();
  const byOfficer = new Map<string, Record<LateCategory, number>>();
  for (const e of entries) {
    counts[e.category] += e.n;
    for (const [m, k] of [
      [byField, e.fieldCode],
      [byOfficer, e.officerId],
    ] as const) {
      let g = m.get(k);
      if (!g) m.set(k, (g = zero()));
      g[e.category] += e.n;
    }
  }
  const total = (c: Record<LateCategory, number>) => c.overdue + c.dueToday + c.dueNextWorkingDay;
  const groups = (m: Map<string, Record<LateCategory, number>>): LateGroup[] =>
    [...m.entries()].map(([key, c]) => ({ key, counts: c, total: total(c) })).sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  return { counts: { ...counts, all: total(counts) }, byField: groups(byField), byOfficer: groups(byOfficer) };
}
