/**
 * The tablet's kept Biểu 06 aggregates in Dexie. The rules (what a dossier contributes, month by
 * month, and how a period's report is read back) are the domain's (stats/bieu06Aggregates.ts), so
 * the server keeps the very same rows in SQL. Here: applying a change and rebuilding, on a table.
 */
import type { Table } from 'dexie';
import { BIEU06_CELLS } from '../../domain/stats/bieu06';
import { computeAggregates, emptyCounts, isZero, monthKey, type AggregateChange, type AggregateRow } from '../../domain/stats/bieu06Aggregates';
import type { DossierState } from '../../domain/dossier/state';
import { updateKeptRows } from './keptRows';

export * from '../../domain/stats/bieu06Aggregates';

/**
 * Adds changes summed by key (aggregateChanges: each dossier's state before and after, summed
 * first, so two dossiers counting in the same row never overwrite each other): one read and one
 * write. Rows that fall to zero are deleted, so the kept table equals a rebuild exactly. Called by
 * the kept-changes journal when it folds in (keptJournal.ts).
 */
export async function applyAggregateChanges(table: Table<AggregateRow, string>, changes: ReadonlyMap<string, AggregateChange>): Promise<void> {
  await updateKeptRows(table, [...changes.keys()], (row, key) => addToAggregateRow(row, key, changes.get(key)!));
}

/** A kept row with a change added; null when it falls to zero (then it is deleted). */
export function addToAggregateRow(row: AggregateRow | undefined, key: string, change: AggregateChange): AggregateRow | null {
  const counts = { ...(row?.counts ?? emptyCounts()) };
  for (const c of BIEU06_CELLS) counts[c] += change.delta[c];
  return isZero(counts) ? null : { key, mode: change.mode, month: monthKey(change.month), fieldCode: change.fieldCode, counts };
}

/** The kept rows of a mode up to a month (stock cells are sums of changes since the beginning). */
export async function aggregateRowsUpTo(table: Table<AggregateRow, string>, mode: AggregateRow['mode'], lastMonth: number): Promise<AggregateRow[]> {
  return table
    .where('[mode+month]')
    .between([mode, ''], [mode, monthKey(lastMonth)], true, true)
    .toArray();
}

/** Replace the kept rows with a rebuild (inside a transaction over the table). */
export async function rebuildAggregates(table: Table<AggregateRow, string>, states: Iterable<DossierState>): Promise<number> {
  const rows = [...computeAggregates(states).values()];
  await table.clear();
  await table.bulkPut(rows);
  return rows.length;
}
