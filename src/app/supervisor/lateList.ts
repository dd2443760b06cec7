/**
 * TIM2 for the supervisor: open dossiers overdue, due today, or due by the end of the next working
 * day, read as one range of the [open+due+id] index (due = the date promised to the citizen), and
 * grouped per field and per officer.
 */
import Dexie from 'dexie';
import type { WorkCalendar } from '../../domain/calendar/types';
import type { DossierState } from '../../domain/dossier/state';
import { addDays, startOfVnDay, vnDate } from '../../domain/time/vnTime';
import { atRiskHorizon, LATE_CATEGORIES, type LateCategory } from '../../domain/timeliness/lateList';
import type { MotCuaDb } from '../db/schema';

export { LATE_CATEGORIES, type LateCategory };

export type LateItem = { readonly state: DossierState; readonly due: number; readonly category: LateCategory };

export function lateCategory(due: number, now: number): LateCategory {
  if (due < now) return 'overdue';
  return due < startOfVnDay(addDays(vnDate(now), 1)) ? 'dueToday' : 'dueNextWorkingDay';
}

/** Open dossiers with a promised date before the at-risk horizon, most overdue first. */
export async function lateAndAtRisk(db: MotCuaDb, now: number, cal: WorkCalendar): Promise<LateItem[]> {
  const horizon = atRiskHorizon(cal, now);
  const rows = await db.dossiers.where('[open+due+id]').between([1, -Infinity, Dexie.minKey], [1, horizon, Dexie.minKey], true, false).toArray();
  // incomplete intakes have no due date yet (MAX_DUE), so never fall in this range
  return rows.map((r) => ({ state: r.state, due: r.due, category: lateCategory(r.due, now) }));
}

export type LateFilter = { readonly fieldCode?: string; readonly officerId?: string; readonly category?: LateCategory };

export function filterLate(items: readonly LateItem[], f: LateFilter): LateItem[] {
  return items.filter((i) =>
    (!f.fieldCode || i.state.fieldCode === f.fieldCode) &&
    (!f.officerId || i.state.receivedBy === f.officerId) &&
    (!f.category || i.category === f.category));
}

export type LateGroup = { readonly key: string; readonly counts: Readonly<Record<LateCategory, number>>; readonly total: number };

/** Counts per category for each field (or officer), the largest total first. */
export function groupLate(items: readonly LateItem[], by: 'field' | 'officer'): LateGroup[] {
  const groups = new Map<string, Record<LateCategory, number>>();
  for (const i of items) {
    const key = by === 'field' ? i.state.fieldCode : i.state.receivedBy;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { overdue: 0, dueToday: 0, dueNextWorkingDay: 0 }));
    g[i.category] += 1;
  }
  return [...groups.entries()]
    .map(([key, counts]) => ({ key, counts, total: counts.overdue + counts.dueToday + counts.dueNextWorkingDay }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
}
