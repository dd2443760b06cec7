/**
 * The kept counts' journal: a local action appends what it changes in the kept rows (Biểu 06
 * aggregates and open days) as one row, instead of reading and rewriting each of those rows in its
 * transaction; the journal is folded into the rows later, in a transaction of its own. Readers add
 * the journal to the rows they read, in one transaction, so kept rows plus journal always equal a
 * rebuild. Why: an intake touches about five kept rows, each a read and a write; one append is a
 * single request, and no two actions ever write the same journal row.
 */
import Dexie from 'dexie';
import type { DossierState } from '../../domain/dossier/state';
import { aggregateChanges, aggregateKey, monthOfKey, type AggregateChange, type AggregateRow } from '../../domain/stats/bieu06Aggregates';
import { openDayChanges, type OpenDayChange, type OpenDayRow } from '../../domain/timeliness/openByDay';
import { addToAggregateRow, aggregateRowsUpTo, applyAggregateChanges } from './aggregates';
import { addToOpenDayRow, applyOpenDayChanges } from './openDays';
import type { KeptChangesRow, MotCuaDb } from './schema';

type Pairs = readonly (readonly [DossierState | null, DossierState | null])[];

/** Inside the action's transaction: one journal row with what its state changes do to the kept rows (none when nothing changes). */
export async function journalKeptChanges(db: MotCuaDb, pairs: Pairs): Promise<void> {
  const aggregates = [...aggregateChanges(pairs).values()];
  const openDays = [...openDayChanges(pairs).values()];
  if (aggregates.length === 0 && openDays.length === 0) return;
  await db.keptChanges.add({ aggregates, openDays });
}

function summed(entries: readonly KeptChangesRow[]) {
  const aggregates = new Map<string, AggregateChange>();
  const openDays = new Map<string, OpenDayChange>();
  for (const e of entries) {
    for (const c of e.aggregates) {
      const key = aggregateKey(c.mode, c.month, c.fieldCode);
      const have = aggregates.get(key);
      if (!have) aggregates.set(key, { ...c, delta: { ...c.delta } });
      else for (const cell of Object.keys(c.delta) as (keyof AggregateChange['delta'])[]) have.delta[cell] += c.delta[cell];
    }
    for (const c of e.openDays) {
      const have = openDays.get(c.key);
      if (have) have.delta += c.delta;
      else openDays.set(c.key, { ...c });
    }
  }
  return { aggregates, openDays };
}

/** How many journal rows a tab appends before it folds them in (the app also folds in, at start, what earlier sessions left). */
const SETTLE_EVERY = 64;
const appended = new WeakMap<MotCuaDb, number>();

/** Folds the whole journal into the kept rows, in one transaction. */
export async function settleKeptChanges(db: MotCuaDb): Promise<void> {
  await Dexie.ignoreTransaction(() =>
    db.transaction('rw', [db.keptChanges, db.reportAggregates, db.openDays], async () => {
      const entries = await db.keptChanges.toArray();
      if (entries.length === 0) return;
      const { aggregates, openDays } = summed(entries);
      await Promise.all([
        applyAggregateChanges(db.reportAggregates, aggregates),
        applyOpenDayChanges(db.openDays, openDays),
        db.keptChanges.bulkDelete(entries.map((e) => e.seq!)),
      ]);
    }),
  );
}

/** After an action committed: every SETTLE_EVERY of them, folds the journal in, apart from the action (a failure leaves it for next time). */
export function noteKeptChanges(db: MotCuaDb): void {
  const n = (appended.get(db) ?? 0) + 1;
  appended.set(db, n < SETTLE_EVERY ? n : 0);
  if (n >= SETTLE_EVERY) settleKeptChanges(db).catch(() => undefined);
}

/** Rows by key with changes added (a change taken only when `applies`); rows that fall to nothing are left out. */
function withChanges<R extends { readonly key: string }, C>(
  rows: readonly R[],
  changes: ReadonlyMap<string, C>,
  applies: (change: C) => boolean,
  add: (row: R | undefined, key: string, change: C) => R | null,
): R[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const [key, change] of changes) {
    if (!applies(change)) continue;
    const row = add(byKey.get(key), key, change);
    if (row) byKey.set(key, row);
    else byKey.delete(key);
  }
  return [...byKey.values()];
}

/** The kept Biểu 06 rows of a mode up to a month, the journal added (a read-only transaction, so a live query may call it). */
export async function keptAggregateRowsUpTo(db: MotCuaDb, mode: AggregateRow['mode'], lastMonth: number): Promise<AggregateRow[]> {
  return db.transaction('r', [db.reportAggregates, db.keptChanges], async () => {
    const [rows, entries] = await Promise.all([aggregateRowsUpTo(db.reportAggregates, mode, lastMonth), db.keptChanges.toArray()]);
    if (entries.length === 0) return rows;
    return withChanges(rows, summed(entries).aggregates, (c) => c.mode === mode && c.month <= lastMonth, addToAggregateRow).sort(
      (a, b) => monthOfKey(a.month) - monthOfKey(b.month) || (a.key < b.key ? -1 : 1),
    );
  });
}

/** The kept open-dossier rows of the days before `day`, the journal added. */
export async function keptOpenDaysBefore(db: MotCuaDb, day: string): Promise<OpenDayRow[]> {
  return db.transaction('r', [db.openDays, db.keptChanges], async () => {
    const [rows, entries] = await Promise.all([db.openDays.where('day').below(day).toArray(), db.keptChanges.toArray()]);
    if (entries.length === 0) return rows;
    return withChanges(
      rows,
      summed(entries).openDays,
      (c) => c.day < day,
      (row, _key, c) => addToOpenDayRow(row, c),
    );
  });
}
