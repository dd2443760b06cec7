/**
 * The tablet's kept Biểu 06 aggregates in Dexie. The rules (what a dossier contributes, month by
 * month, and how a period's report is read back) are the domain's (stats/bieu06Aggregates.ts), so
 * the server keeps the very same rows in SQL. Here: applying a change and rebuilding, on a table.
 */
import type { Table } from 'dexie';
import { BIEU06_CELLS } from '../../domain/stats/bieu06';
import { aggregateChanges, computeAggregates, emptyCounts, isZero, monthKey, type AggregateRow } from '../../domain/stats/bieu06Aggregates';
import type { DossierState } from '../../domain/dossier/state';

export * from '../../domain/stats/bieu06Aggregates';


/**
 * Call inside the transaction that writes the projection: `before` is the dossier's state before
 * the write (null for a new dossier), `after` the new one. Rows that fall to zero are deleted, so
 * the kept table equals a rebuild exactly.
 */
export async function applyToAggregates(table: Table<AggregateRow, string>, before: DossierState | null, after: DossierState | null): Promise<void> {
  await applyManyToAggregates(table, [[before, after]]);
}

/**
 * Several dossiers' changes at once (a pulled batch): merged first, then one read and one write,
 * so two dossiers counting in the same row never overwrite each other's change.
 */
export async function applyManyToAggregates(table: Table<AggregateRow, string>, changesOf: Iterable<readonly [DossierState | null, DossierState | null]>): Promise<void> {
  const merged = new Map<string, ReturnType<typeof aggregateChanges> extends Map<string, infer V> ? V : never>();
  for (const [before, after] of changesOf) {
    for (const [key, change] of aggregateChanges(before, after)) {
      const have = merged.get(key);
      if (!have) merged.set(key, { ...change, delta: { ...change.delta } });
      else for (const c of BIEU06_CELLS) have.delta[c] += change.delta[c];
    }
  }
  if (merged.size === 0) return;
  const keys = [...merged.keys()];
  const current = await table.bulkGet(keys);
  const puts: AggregateRow[] = [];
  const deletes: string[] = [];
  for (const [i, key] of keys.entries()) {
    const change = merged.get(key)!;
    const counts = { ...(current[i]?.counts ?? emptyCounts()) };
    for (const c of BIEU06_CELLS) counts[c] += change.delta[c];
    if (isZero(counts)) deletes.push(key);
    else puts.push({ key, mode: change.mode, month: monthKey(change.month), fieldCode: change.fieldCode, counts });
  }
  if (puts.length) await table.bulkPut(puts);
  if (deletes.length) await table.bulkDelete(deletes);
}

/** The kept rows of a mode up to a month (stock cells are sums of changes since the beginning). */
export async function aggregateRowsUpTo(table: Table<AggregateRow, string>, mode: AggregateRow['mode'], lastMonth: number): Promise<AggregateRow[]> {
  return table.where('[mode+month]').between([mode, ''], [mode, monthKey(lastMonth)], true, true).toArray();
}

/** Replace the kept rows with a rebuild (inside a transaction over the table). */
export async function rebuildAggregates(table: Table<AggregateRow, string>, states: Iterable<DossierState>): Promise<number> {
  const rows = [...computeAggregates(states).values()];
  await table.clear();
  await table.bulkPut(rows);
  return rows.length;
}
