/** The dossier projections (table dossiers): refolded from their events in the ingesting transaction. */
import type { DossierEvent } from '../../../domain/dossier/events';
import { foldDossier, foldOnto } from '../../../domain/dossier/fold';
import type { DossierState, DossierStatus } from '../../../domain/dossier/state';
import type { KioskDossier } from '../../../protocol/messages';
import type { Sql } from '../db';
import { deleteZeroRows, upsertChangesSql } from '../aggregatesSql';
import { aggregateChanges } from '../../../domain/stats/bieu06Aggregates';
import { LIVE_CHANNEL, type LiveSignal } from '../../live/hub';
import { runningDueAt } from '../../../domain/timeliness/judge';
import { enqueueChangedSql } from '../../connector/queue';
import type { Store } from '../port';
import { EVENT_COLUMNS, eventOf, num, type EventRow } from './rows';

/** Events just stored by this transaction, with their sequence numbers (all above any stored before). */
export type Appended = readonly { readonly seq: number; readonly event: DossierEvent }[];

/** What the ingesting transaction read of the batch's dossiers before storing (under the commune's lock). */
export type Known = {
  /** The dossiers covered: for each, its stored state (when it has one) and, when it has none, its stored events. */
  readonly covered: ReadonlySet<string>;
  readonly states: ReadonlyMap<string, DossierState>;
  readonly older: ReadonlyMap<string, readonly DossierEvent[]>;
};

/**
 * Folds every dossier with an appended event and upserts the projections, applying their
 * aggregate changes, the connector's queue and the live signal in one statement. SYNC9: a stored
 * state is continued with the new events when they sort after its last one; otherwise (no stored
 * state, or an event dated earlier) the dossier is refolded from all its events. `known` spares
 * the reads of what the caller read already.
 */
export async function refold(
  tx: Sql,
  communeId: string,
  o: { outboundQueue: boolean; notify: LiveSignal | null; known?: Known },
  appended: Appended,
): Promise<void> {
  const byDossier = new Map<string, { events: DossierEvent[]; lastSeq: number }>();
  let minSeq = Infinity;
  for (const { seq, event } of appended) {
    const entry = byDossier.get(event.dossierId) ?? { events: [], lastSeq: 0 };
    entry.events.push(event);
    entry.lastSeq = Math.max(entry.lastSeq, seq);
    byDossier.set(event.dossierId, entry);
    minSeq = Math.min(minSeq, seq);
  }
  const known = o.known ?? { covered: new Set<string>(), states: new Map<string, DossierState>(), older: new Map<string, DossierEvent[]>() };
  const before = new Map<string, DossierState>();
  const unknown = [...byDossier.keys()].filter((code) => !known.covered.has(code));
  if (unknown.length > 0) {
    // one primary-key lookup per code (LATERAL … OFFSET 0), whatever the table's statistics
    const stored = await tx.query<{ code: string; state: DossierState }>(
      'SELECT k AS code, d.state FROM unnest($2::text[]) AS k CROSS JOIN LATERAL (SELECT state FROM dossiers WHERE commune_id = $1 AND code = k OFFSET 0) AS d',
      [communeId, unknown],
    );
    for (const r of stored) before.set(r.code, r.state);
  }
  const after = new Map<string, DossierState>();
  const readOlder: string[] = [];
  for (const [code, entry] of byDossier) {
    const was = known.covered.has(code) ? known.states.get(code) : before.get(code);
    if (was) before.set(code, was);
    const s = was ? foldOnto(was, entry.events) : null;
    if (s) after.set(code, s);
    else if (!was && known.covered.has(code)) {
      const all = foldDossier([...(known.older.get(code) ?? []), ...entry.events]);
      if (all) after.set(code, all); // no intake yet: the projection appears with the `received` event
    } else readOlder.push(code);
  }
  if (readOlder.length > 0) {
    const older = await tx.query<EventRow>(
      `SELECT e.* FROM unnest($2::text[]) AS k CROSS JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND dossier_id = k AND server_seq < $3 OFFSET 0) AS e`,
      [communeId, readOlder, minSeq],
    );
    for (const r of older) byDossier.get(r.dossier_id)?.events.push(eventOf(r));
    for (const code of readOlder) {
      const s = foldDossier(byDossier.get(code)!.events);
      if (s) after.set(code, s);
    }
  }
  const rows = [...after].map(([code, s]) => ({
    code,
    status: s.status,
    received_at: s.receivedAt,
    due_at: s.dueAt,
    effective_due_at: s.effectiveDueAt,
    field_code: s.fieldCode,
    procedure_code: s.procedureCode,
    received_by: s.receivedBy,
    rated: s.rating !== null,
    conflict_count: s.conflicts.length,
    last_seq: byDossier.get(code)!.lastSeq,
    state: s,
    running_due_at: runningDueAt(s),
  }));
  // same transaction: the report never lags the projection
  const changes = [...aggregateChanges([...after].map(([code, s]) => [before.get(code) ?? null, s] as const)).values()];
  const params: unknown[] = [communeId, JSON.stringify(rows)];
  const parts: string[] = [];
  if (rows.length > 0) {
    parts.push(`d AS (
      INSERT INTO dossiers (commune_id, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state, running_due_at)
      SELECT $1, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state, running_due_at
      FROM jsonb_to_recordset($2::jsonb) AS t(code text, status text, received_at bigint, due_at bigint, effective_due_at bigint,
          field_code text, procedure_code text, received_by text, rated boolean, conflict_count int, last_seq bigint, state jsonb, running_due_at bigint)
      ON CONFLICT (commune_id, code) DO UPDATE SET status = EXCLUDED.status, received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at,
        effective_due_at = EXCLUDED.effective_due_at, field_code = EXCLUDED.field_code, procedure_code = EXCLUDED.procedure_code,
        received_by = EXCLUDED.received_by, rated = EXCLUDED.rated, conflict_count = EXCLUDED.conflict_count,
        last_seq = EXCLUDED.last_seq, state = EXCLUDED.state, running_due_at = EXCLUDED.running_due_at)`);
    // the portal connector's queue, same transaction
    if (o.outboundQueue)
      parts.push(`o AS (${enqueueChangedSql('(SELECT code, last_seq FROM jsonb_to_recordset($2::jsonb) AS t(code text, last_seq bigint))')})`);
  }
  if (changes.length > 0) {
    const up = upsertChangesSql(changes, params.length + 1);
    params.push(...up.params);
    parts.push(`a AS (${up.sql})`);
  }
  if (parts.length === 0 && !o.notify) return;
  const n = o.notify ? `SELECT pg_notify($${params.push(LIVE_CHANNEL)}, $${params.push(JSON.stringify(o.notify))})` : 'SELECT 1';
  // the live signal is a row of its own (always evaluated), the zero rows of the upsert joined to it
  const zero = await tx.query<{ mode: string | null; month: number; field_code: string }>(
    `${parts.length > 0 ? `WITH ${parts.join(', ')} ` : ''}SELECT ${changes.length > 0 ? 'a.mode, a.month, a.field_code' : 'NULL::text AS mode, NULL::int AS month, NULL::text AS field_code'}
     FROM (${n}) AS n${changes.length > 0 ? ' LEFT JOIN a ON a.zero' : ''}`,
    params,
  );
  await deleteZeroRows(
    tx,
    communeId,
    zero.filter((r): r is { mode: string; month: number; field_code: string } => r.mode !== null),
  );
}

export function createDossierReads(db: Sql): Pick<Store, 'kioskDossiersAfter'> {
  return {
    async kioskDossiersAfter(communeId, after, limit) {
      const rows = await db.query<{
        code: string;
        procedure_code: string;
        procedure_name: string;
        received_by: string;
        status: DossierStatus;
        received_at: number;
        due_at: number | null;
        effective_due_at: number | null;
        rated: boolean;
        last_seq: number;
        supplement_requested_at: number | null;
      }>(
        `SELECT code, procedure_code, state->>'procedureName' AS procedure_name, received_by, status, received_at, due_at, effective_due_at, rated, last_seq,
           CASE WHEN status = 'supplementRequested' THEN (state->'supplements'->-1->>'requestedAt')::bigint END AS supplement_requested_at
         FROM dossiers WHERE commune_id = $1 AND last_seq > $2 ORDER BY last_seq LIMIT $3`,
        [communeId, after, limit],
      );
      return rows.map((r) => {
        const dossier: KioskDossier = {
          code: r.code,
          procedureCode: r.procedure_code,
          procedureName: r.procedure_name,
          officerId: r.received_by,
          status: r.status,
          receivedAt: Number(r.received_at),
          dueAt: num(r.due_at),
          effectiveDueAt: num(r.effective_due_at),
          rated: r.rated,
          supplementRequestedAt: num(r.supplement_requested_at),
        };
        return { serverSeq: Number(r.last_seq), dossier };
      });
    },
  };
}
