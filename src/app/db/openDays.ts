/** The kept open-dossier counts per promised day (domain/timeliness/openByDay), in Dexie. */
import type { Table } from 'dexie';
import type { DossierState } from '../../domain/dossier/state';
import { computeOpenDays, type OpenDayChange, type OpenDayRow } from '../../domain/timeliness/openByDay';
import { updateKeptRows } from './keptRows';

/** Adds changes summed by key (openDayChanges); rows that fall to zero are deleted. Called by the kept-changes journal (keptJournal.ts). */
export async function applyOpenDayChanges(table: Table<OpenDayRow, string>, changes: ReadonlyMap<string, OpenDayChange>): Promise<void> {
  await updateKeptRows(table, [...changes.keys()], (row, key) => addToOpenDayRow(row, changes.get(key)!));
}

/** A kept row with a change added; null when no dossier is left in it (then it is deleted). */
export function addToOpenDayRow(row: OpenDayRow | undefined, change: OpenDayChange): OpenDayRow | null {
  const { delta, ...slot } = change;
  const n = (row?.n ?? 0) + delta;
  return n <= 0 ? null : { ...slot, n };
}

export async function rebuildOpenDays(table: Table<OpenDayRow, string>, states: Iterable<DossierState>): Promise<number> {
  const rows = computeOpenDays(states);
  await table.clear();
  await table.bulkPut(rows);
  return rows.length;
}
