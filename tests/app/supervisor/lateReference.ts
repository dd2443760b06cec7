/**
 * The late list by reading every late dossier (what the late tab did before the kept counts):
 * the reference lateSummary/lateListPage are checked against, and the bench's "before".
 */
import Dexie from 'dexie';
import type { WorkCalendar } from '../../../src/domain/calendar/types';
import { atRiskHorizon, lateCategoryAt, type LateCategory, type LateGroup } from '../../../src/domain/timeliness/lateList';
import type { MotCuaDb } from '../../../src/app/db/schema';
import type { LateFilter, LateItem } from '../../../src/app/supervisor/lateSummary';

export async function lateAndAtRisk(db: MotCuaDb, now: number, cal: WorkCalendar): Promise<LateItem[]> {
  const rows = await db.dossiers
    .where('[open+due+id]')
    .between([1, -Infinity, Dexie.minKey], [1, atRiskHorizon(cal, now), Dexie.minKey], true, false)
    .toArray();
  return rows.map((r) => ({ state: r.state, due: r.due, category: lateCategoryAt(r.due, now) }));
}

export function filterLate(items: readonly LateItem[], f: LateFilter): LateItem[] {
  return items.filter(
    (i) =>
      (!f.fieldCode || i.state.fieldCode === f.fieldCode) && (!f.officerId || i.state.receivedBy === f.officerId) && (!f.category || i.category === f.category),
  );
}

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
