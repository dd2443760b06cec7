/** The dossier projections (table dossiers): refolded from their events in the ingesting transaction. */
import type { DossierEvent } from '../../../domain/dossier/events';
import { foldDossier } from '../../../domain/dossier/fold';
import type { DossierState, DossierStatus } from '../../../domain/dossier/state';
import type { KioskDossier } from '../../../protocol/messages';
import type { Sql } from '../db';
import { applyAggregates } from '../aggregatesSql';
import { runningDueAt } from '../../../domain/timeliness/judge';
import { enqueueChanged } from '../../connector/queue';
import type { Store } from '../port';
import { EVENT_COLUMNS, eventOf, num, type EventRow } from './rows';

/** Events just stored by this transaction, with their sequence numbers (all above any stored before). */
export type Appended = readonly { readonly seq: number; readonly event: DossierEvent }[];

/**
 * Refolds every dossier with an appended event from all its events (the older ones read back,
 * the new ones in hand), upserts the projections and applies their aggregate changes.
 */
export async function refold(tx: Sql, communeId: string, outboundQueue: boolean, appended: Appended): Promise<void> {
  if (appended.length === 0) return;
  const byDossier = new Map<string, { events: DossierEvent[]; lastSeq: number }>();
  let minSeq = Infinity;
  for (const { seq, event } of appended) {
    const entry = byDossier.get(event.dossierId) ?? { events: [], lastSeq: 0 };
    entry.events.push(event);
    entry.lastSeq = Math.max(entry.lastSeq, seq);
    byDossier.set(event.dossierId, entry);
    minSeq = Math.min(minSeq, seq);
  }
  const older = await tx.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND dossier_id = ANY($2::text[]) AND server_seq < $3`,
    [communeId, [...byDossier.keys()], minSeq]);
  for (const r of older) byDossier.get(r.dossier_id)?.events.push(eventOf(r));

  const rows: unknown[] = [];
  const after = new Map<string, DossierState>();
  for (const [code, { events, lastSeq }] of byDossier) {
    const s = foldDossier(events);
    if (!s) continue; // no intake yet: the projection appears with the `received` event
    after.set(code, s);
    rows.push({
      code, status: s.status, received_at: s.receivedAt, due_at: s.dueAt, effective_due_at: s.effectiveDueAt, field_code: s.fieldCode,
      procedure_code: s.procedureCode, received_by: s.receivedBy, rated: s.rating !== null, conflict_count: s.conflicts.length, last_seq: lastSeq, state: s,
      running_due_at: runningDueAt(s),
    });
  }
  if (rows.length === 0) return;
  // One statement: the rows as one JSON document; `old` reads the states before the upsert (same snapshot).
  const previous = await tx.query<{ code: string; state: DossierState }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS t(code text, status text, received_at bigint, due_at bigint, effective_due_at bigint,
         field_code text, procedure_code text, received_by text, rated boolean, conflict_count int, last_seq bigint, state jsonb, running_due_at bigint)
     ), old AS (
       SELECT d.code, d.state FROM dossiers d WHERE d.commune_id = $1 AND d.code IN (SELECT code FROM input)
     ), up AS (
       INSERT INTO dossiers (commune_id, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state, running_due_at)
       SELECT $1, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state, running_due_at FROM input
       ON CONFLICT (commune_id, code) DO UPDATE SET status = EXCLUDED.status, received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at,
         effective_due_at = EXCLUDED.effective_due_at, field_code = EXCLUDED.field_code, procedure_code = EXCLUDED.procedure_code,
         received_by = EXCLUDED.received_by, rated = EXCLUDED.rated, conflict_count = EXCLUDED.conflict_count,
         last_seq = EXCLUDED.last_seq, state = EXCLUDED.state, running_due_at = EXCLUDED.running_due_at
     )
     SELECT code, state FROM old`,
    [communeId, JSON.stringify(rows)]);
  const before = new Map(previous.map((r) => [r.code, r.state]));
  // same transaction: the report never lags the projection
  await applyAggregates(tx, communeId, [...after].map(([code, s]) => ({ before: before.get(code) ?? null, after: s })));
  // the portal connector's queue, same transaction
  if (outboundQueue) await enqueueChanged(tx, communeId, [...after.keys()], [...after.keys()].map((code) => byDossier.get(code)!.lastSeq));
}

export function createDossierReads(db: Sql): Pick<Store, 'kioskDossiersAfter'> {
  return {
    async kioskDossiersAfter(communeId, after, limit) {
      const rows = await db.query<{
        code: string; procedure_code: string; procedure_name: string; received_by: string; status: DossierStatus;
        received_at: number; due_at: number | null; effective_due_at: number | null; rated: boolean; last_seq: number; supplement_requested_at: number | null;
      }>(
        `SELECT code, procedure_code, state->>'procedureName' AS procedure_name, received_by, status, received_at, due_at, effective_due_at, rated, last_seq,
           CASE WHEN status = 'supplementRequested' THEN (state->'supplements'->-1->>'requestedAt')::bigint END AS supplement_requested_at
         FROM dossiers WHERE commune_id = $1 AND last_seq > $2 ORDER BY last_seq LIMIT $3`, [communeId, after, limit]);
      return rows.map((r) => {
        const dossier: KioskDossier = {
          code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name, officerId: r.received_by, status: r.status,
          receivedAt: Number(r.received_at), dueAt: num(r.due_at), effectiveDueAt: num(r.effective_due_at), rated: r.rated,
          supplementRequestedAt: num(r.supplement_requested_at),
        };
        return { serverSeq: Number(r.last_seq), dossier };
      });
    },
  };
}
