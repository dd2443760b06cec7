/**
 * The late list's counts and groups from the kept open-dossier days (db/openDays) plus the few
 * dossiers due from today to the at-risk horizon, judged one by one; and the first page of the
 * list itself, most overdue first. Never reads every late dossier.
 */
import Dexie from 'dexie';
import type { WorkCalendar } from '../../domain/calendar/types';
import { atRiskHorizon } from '../../domain/timeliness/lateList';
import { startOfVnDay, vnDate } from '../../domain/time/vnTime';
import type { MotCuaDb } from '../db/schema';
import { lateCategory, type LateCategory, type LateFilter, type LateGroup, type LateItem } from './lateList';

export const LATE_LIST_PAGE = 200;

export type LateSummary = {
  readonly counts: Readonly<Record<LateCategory | 'all', number>>;
  readonly byField: readonly LateGroup[];
  readonly byOfficer: readonly LateGroup[];
};

const zero = (): Record<LateCategory, number> => ({ overdue: 0, dueToday: 0, dueNextWorkingDay: 0 });

function groups(m: Map<string, Record<LateCategory, number>>): LateGroup[] {
  return [...m.entries()]
    .map(([key, counts]) => ({ key, counts, total: counts.overdue + counts.dueToday + counts.dueNextWorkingDay }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
}

export async function lateSummary(db: MotCuaDb, now: number, cal: WorkCalendar): Promise<LateSummary> {
  const today = vnDate(now);
  const [before, soon] = await Promise.all([
    db.openDays.where('day').below(today).toArray(),
    db.dossiers.where('[open+due+id]').between([1, startOfVnDay(today), Dexie.minKey], [1, atRiskHorizon(cal, now), Dexie.minKey], true, false).toArray(),
  ]);
  const counts = zero();
  const byField = new Map<string, Record<LateCategory, number>>();
  const byOfficer = new Map<string, Record<LateCategory, number>>();
  const add = (field: string, officer: string, c: LateCategory, n: number) => {
    counts[c] += n;
    for (const [m, k] of [[byField, field], [byOfficer, officer]] as const) {
      let g = m.get(k);
      if (!g) m.set(k, (g = zero()));
      g[c] += n;
    }
  };
  for (const r of before) add(r.fieldCode, r.officerId, 'overdue', r.n);
  for (const r of soon) add(r.fieldCode, r.receivedBy, lateCategory(r.due, now), 1);
  return { counts: { ...counts, all: counts.overdue + counts.dueToday + counts.dueNextWorkingDay }, byField: groups(byField), byOfficer: groups(byOfficer) };
}

/** The first LATE_LIST_PAGE dossiers of the list, most overdue first, with the filters applied. */
export async function lateListPage(db: MotCuaDb, now: number, cal: WorkCalendar, f: LateFilter, limit = LATE_LIST_PAGE): Promise<LateItem[]> {
  const rows = await db.dossiers.where('[open+due+id]').between([1, -Infinity, Dexie.minKey], [1, atRiskHorizon(cal, now), Dexie.minKey], true, false)
    .filter((r) => (!f.fieldCode || r.fieldCode === f.fieldCode) && (!f.officerId || r.receivedBy === f.officerId) && (!f.category || lateCategory(r.due, now) === f.category))
    .limit(limit).toArray();
  return rows.map((r) => ({ state: r.state, due: r.due, category: lateCategory(r.due, now) }));
}
