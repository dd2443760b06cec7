/**
 * The server's kept Biểu 06 aggregates (table report_aggregates, migration 006), the same rows as
 * the tablet's: the domain (stats/bieu06Aggregates.ts) says what each dossier contributes to each
 * (mode, month, field); here they are summed per commune in SQL.
 *
 * Why it is fast: a period's report needs, per commune and field, the flows of its months and the
 * stock changes up to its first and last months. `reportRows` folds every month before the first
 * into one row (month = first − 1), so the domain's `reportFromAggregates` reads at most 13 rows
 * per (commune, field), whatever the number of dossiers or the length of the history.
 *
 * What depends on "as of": the kept rows judge a period at its end E. The CURRENT period is judged
 * at now < E; nothing has happened yet between now and E, so the only dossiers counted differently
 * are those whose legal due date falls in [now, E) (overdue at E, within time now). Those few are
 * read by the due-date index and moved with the domain's `withAsOf`.
 */
import { BIEU06_CELLS, type Bieu06Cell } from '../../domain/stats/bieu06';
import {
  aggregateKey,
  computeAggregates,
  emptyCounts,
  monthKey,
  monthOfKey,
  type AggregateChange,
  type AggregateRow,
} from '../../domain/stats/bieu06Aggregates';
import type { DossierState } from '../../domain/dossier/state';
import type { PeriodMode } from '../../domain/stats/periods';
import type { Sql } from './db';

export const CELL_COLUMNS: Readonly<Record<Bieu06Cell, string>> = {
  'received.carriedOver': 'carried_over',
  'received.online': 'online',
  'received.inPersonOrPostal': 'in_person_or_postal',
  'resolved.early': 'resolved_early',
  'resolved.onTime': 'resolved_on_time',
  'resolved.late': 'resolved_late',
  'inProgress.withinTime': 'in_progress_within_time',
  'inProgress.overdue': 'in_progress_overdue',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
  awaitingSupplement: 'awaiting_supplement',
  outOfArea: 'out_of_area',
  returned: 'returned',
  'secondSupplement.resolved': 'second_supplement_resolved',
  'secondSupplement.inProgress': 'second_supplement_in_progress', // migration 009
};
const COLS = BIEU06_CELLS.map((c) => CELL_COLUMNS[c]);

type Change = AggregateChange;
type Raw = Record<string, unknown> & { mode: PeriodMode; month: number; field_code: string };

function rowOf(r: Raw): AggregateRow {
  const counts = emptyCounts();
  for (const c of BIEU06_CELLS) counts[c] = Number(r[CELL_COLUMNS[c]]);
  const month = Number(r.month);
  return { key: aggregateKey(r.mode, month, r.field_code), mode: r.mode, month: monthKey(month), fieldCode: r.field_code, counts };
}

/**
 * The upsert of summed changes as one statement (its parameters from `$first`, `$1` is the
 * commune); it returns the keys of the rows it left at zero, which the caller deletes.
 */
export function upsertChangesSql(list: readonly Change[], first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [
    list.map((c) => c.mode),
    list.map((c) => c.month),
    list.map((c) => c.fieldCode),
    ...BIEU06_CELLS.map((cell) => list.map((c) => c.delta[cell])),
  ];
  const casts = COLS.map((_, i) => `$${first + 3 + i}::int[]`).join(', ');
  return {
    sql: `INSERT INTO report_aggregates (commune_id, mode, month, field_code, ${COLS.join(', ')})
     SELECT $1, * FROM unnest($${first}::text[], $${first + 1}::int[], $${first + 2}::text[], ${casts})
     ON CONFLICT (commune_id, mode, month, field_code) DO UPDATE SET ${COLS.map((c) => `${c} = report_aggregates.${c} + EXCLUDED.${c}`).join(', ')}
     RETURNING mode, month, field_code, (${COLS.map((c) => `${c} = 0`).join(' AND ')}) AS zero`,
    params,
  };
}

/** Deletes the rows an upsert left at zero, so kept == rebuilt exactly. */
export async function deleteZeroRows(tx: Sql, communeId: string, rows: readonly { mode: string; month: number; field_code: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `DELETE FROM report_aggregates r USING unnest($2::text[], $3::int[], $4::text[]) AS t(mode, month, field_code)
     WHERE r.commune_id = $1 AND r.mode = t.mode AND r.month = t.month AND r.field_code = t.field_code AND ${COLS.map((c) => `r.${c} = 0`).join(' AND ')}`,
    [communeId, rows.map((r) => r.mode), rows.map((r) => r.month), rows.map((r) => r.field_code)],
  );
}

/** Adds the changes (summed per row) to the commune's rows; rows falling to zero are deleted, so kept == rebuilt exactly. */
export async function addChanges(tx: Sql, communeId: string, changes: Iterable<Change>): Promise<void> {
  const list = [...changes];
  if (list.length === 0) return;
  const { sql, params } = upsertChangesSql(list, 2);
  const rows = await tx.query<{ mode: string; month: number; field_code: string; zero: boolean }>(sql, [communeId, ...params]);
  await deleteZeroRows(
    tx,
    communeId,
    rows.filter((r) => r.zero),
  );
}

/** The kept rows of a commune, sorted by key (what a rebuild must equal). */
export async function keptAggregates(db: Sql, communeId: string): Promise<AggregateRow[]> {
  const rows = await db.query<Raw>(`SELECT mode, month, field_code, ${COLS.join(', ')} FROM report_aggregates WHERE commune_id = $1`, [communeId]);
  return rows.map(rowOf).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The rows a rebuild gives from states (for bulk loads and the rebuild below). */
export function changesOf(states: Iterable<DossierState>): Change[] {
  return [...computeAggregates(states).values()].map((r) => ({
    mode: r.mode,
    month: monthOfKey(r.month),
    fieldCode: r.fieldCode,
    delta: r.counts,
  }));
}

/** Replaces a commune's rows by a recomputation from its stored dossier states (call under the commune's lock). */
export async function rebuildAggregates(tx: Sql, communeId: string): Promise<number> {
  const states = (await tx.query<{ state: DossierState }>('SELECT state FROM dossiers WHERE commune_id = $1', [communeId])).map((r) => r.state);
  await tx.query('DELETE FROM report_aggregates WHERE commune_id = $1', [communeId]);
  const changes = changesOf(states);
  for (let i = 0; i < changes.length; i += 2000) await addChanges(tx, communeId, changes.slice(i, i + 2000));
  return changes.length;
}

/**
 * The rows a period's report needs, per commune: months before `first` folded into one row at
 * `first − 1` (only its stock changes matter), then the months up to `last` as kept.
 */
export async function reportRows(db: Sql, communeIds: readonly string[], mode: PeriodMode, first: number, last: number): Promise<Map<string, AggregateRow[]>> {
  const rows = await db.query<Raw & { commune_id: string }>(
    `SELECT commune_id, mode, GREATEST(month, $3::int - 1) AS month, field_code, ${COLS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
     FROM report_aggregates WHERE commune_id = ANY($1::text[]) AND mode = $2 AND month <= $4::int
     GROUP BY commune_id, mode, GREATEST(month, $3::int - 1), field_code`,
    [communeIds, mode, first, last],
  );
  const out = new Map<string, AggregateRow[]>(communeIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.commune_id)?.push(rowOf(r));
  return out;
}

/** The dossiers whose legal due date falls in [from, to), per commune (index dossiers_commune_due). */
export async function statesDueBetween(db: Sql, communeIds: readonly string[], from: number, to: number): Promise<Map<string, DossierState[]>> {
  const rows = await db.query<{ commune_id: string; state: DossierState }>(
    'SELECT commune_id, state FROM dossiers WHERE commune_id = ANY($1::text[]) AND due_at >= $2 AND due_at < $3',
    [communeIds, from, to],
  );
  const out = new Map<string, DossierState[]>(communeIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.commune_id)?.push(r.state);
  return out;
}
