/**
 * TIM2 for the supervisor, read without every late dossier: the counts and groups from the kept
 * open-dossier days (db/openDays) plus the few dossiers due from today to the at-risk horizon,
 * judged one by one; and the first page of the list, most overdue first (the [open+due+id] index,
 * due = the date promised to the citizen).
 */
import Dexie from 'dexie';
import type { WorkCalendar } from '../../domain/calendar/types';
import type { DossierState } from '../../domain/dossier/state';
import { atRiskHorizon, lateCategoryAt, tallyLate, type LateCategory, type LateTally } from '../../domain/timeliness/lateList';
import { startOfVnDay, vnDate } from '../../domain/time/vnTime';
import type { DossierRow, MotCuaDb } from '../db/schema';
import { keptOpenDaysBefore } from '../db/keptJournal';

export const LATE_LIST_PAGE = 200;

export type LateItem = { readonly state: DossierState; readonly due: number; readonly category: LateCategory };
export type LateFilter = { readonly fieldCode?: string; readonly officerId?: string; readonly category?: LateCategory };

export async function lateSummary(db: MotCuaDb, now: number, cal: WorkCalendar): Promise<LateTally> {
  const today = vnDate(now);
  const [before, soon] = await Promise.all([
    keptOpenDaysBefore(db, today),
    db.dossiers
      .where('[open+due+id]')
      .between([1, startOfVnDay(today), Dexie.minKey], [1, atRiskHorizon(cal, now), Dexie.minKey], true, false)
      .toArray(),
  ]);
  // promised on an earlier day: overdue whatever the hour
  return tallyLate([
    ...before.map((r) => ({ fieldCode: r.fieldCode, officerId: r.officerId, category: 'overdue' as const, n: r.n })),
    ...soon.map((r) => ({ fieldCode: r.fieldCode, officerId: r.receivedBy, category: lateCategoryAt(r.due, now), n: 1 })),
  ]);
}

const matches = (f: LateFilter, r: DossierRow, now: number) =>
  (!f.fieldCode || r.fieldCode === f.fieldCode) && (!f.officerId || r.receivedBy === f.officerId) && (!f.category || lateCategoryAt(r.due, now) === f.category);

/** The first `limit` dossiers of the list, most overdue first, with the filters applied. */
export async function lateListPage(db: MotCuaDb, now: number, cal: WorkCalendar, f: LateFilter, limit = LATE_LIST_PAGE): Promise<LateItem[]> {
  const rows = await db.dossiers
    .where('[open+due+id]')
    .between([1, -Infinity, Dexie.minKey], [1, atRiskHorizon(cal, now), Dexie.minKey], true, false)
    .filter((r) => matches(f, r, now))
    .limit(limit)
    .toArray();
  // incomplete intakes have no due date yet (MAX_DUE), so never fall in this range
  return rows.map((r) => ({ state: r.state, due: r.due, category: lateCategoryAt(r.due, now) }));
}
