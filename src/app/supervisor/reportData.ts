/**
 * Reading the dossiers a report needs by index ranges, not the whole table every time.
 *
 * A dossier can count in a period ending at E only if it was received before E (an accepted
 * dossier's receipt comes before its acceptance). Until the kept aggregates (aggregates.ts) are
 * wired into the write path, the report reads exactly that range of the `receivedAt` index and lets
 * the domain decide (bieu06); the drill-down always does, since it needs the ids.
 */
import type { DossierState } from '../../domain/dossier/state';
import { reportEnd } from '../../domain/stats/bieu06';
import type { DateRange } from '../../domain/stats/periods';
import { startOfVnDay, addDays, type Instant } from '../../domain/time/vnTime';
import type { MotCuaDb } from '../db/schema';

/** Every dossier received before the report's end (E = the day after `to`, or `asOf` when earlier). */
export async function statesForReport(db: MotCuaDb, range: DateRange, asOf?: Instant): Promise<DossierState[]> {
  const end = reportEnd(range, asOf);
  const rows = await db.dossiers.where('receivedAt').below(end).toArray();
  return rows.map((r) => r.state);
}

/** The logbook (FRM4): dossiers received in an inclusive range of Vietnam dates, by receipt time. */
export async function statesReceivedIn(db: MotCuaDb, range: DateRange): Promise<DossierState[]> {
  const rows = await db.dossiers
    .where('receivedAt')
    .between(startOfVnDay(range.from), startOfVnDay(addDays(range.to, 1)), true, false)
    .toArray();
  return rows.map((r) => r.state);
}

/** The states behind a list of ids (a drill-down), in the order given. */
export async function statesByIds(db: MotCuaDb, ids: readonly string[]): Promise<DossierState[]> {
  const rows = await db.dossiers.bulkGet([...ids]);
  return rows.flatMap((r) => (r ? [r.state] : []));
}

/** Every rated dossier (the ratedAt index holds only those): satisfaction and the indicators need no more. */
export async function ratedStates(db: MotCuaDb): Promise<DossierState[]> {
  const rows = await db.dossiers.where('ratedAt').aboveOrEqual(-Infinity).toArray();
  return rows.map((r) => r.state);
}
