/** The dossier projections (table dossiers): refolded from their events in the ingesting transaction. */
import type { DossierEvent } from '../../../domain/dossier/events';
import { foldDossier } from '../../../domain/dossier/fold';
import type { DossierState, DossierStatus } from '../../../domain/dossier/state';
import type { KioskDossier } from '../../../protocol/messages';
import type { Sql } from '../db';
import { applyAggregates } from '../aggregatesSql';
import type { Store } from '../port';
import { EVENT_COLUMNS, eventOf, num, type EventRow } from './rows';

/** Refolds the dossiers from all their events, upserts the projections and their aggregate changes. */
export async function refold(tx: Sql, communeId: string, dossierIds: readonly string[]): Promise<void> {
  if (dossierIds.length === 0) return;
  const rows = await tx.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND dossier_id = ANY($2::text[]) ORDER BY server_seq`, [communeId, dossierIds]);
  const byDossier = new Map<string, { events: DossierEvent[]; lastSeq: number }>();
  for (const r of rows) {
    const entry = byDossier.get(r.dossier_id) ?? { events: [], lastSeq: 0 };
    entry.events.push(eventOf(r));
    entry.lastSeq = Math.max(entry.lastSeq, Number(r.server_seq));
    byDossier.set(r.dossier_id, entry);
  }
  const previous = new Map((await tx.query<{ code: string; state: DossierState }>(
    'SELECT code, state FROM dossiers WHERE commune_id = $1 AND code = ANY($2::text[])', [communeId, [...byDossier.keys()]])).map((r) => [r.code, r.state]));
  const pairs: { before: DossierState | null; after: DossierState }[] = [];
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], []];
  for (const [code, { events, lastSeq }] of byDossier) {
    const s = foldDossier(events);
    if (!s) continue; // no intake yet: the projection appears with the `received` event
    pairs.push({ before: previous.get(code) ?? null, after: s });
    const values = [code, s.status, s.receivedAt, s.dueAt, s.effectiveDueAt, s.fieldCode, s.procedureCode, s.receivedBy,
      s.rating !== null, s.conflicts.length, lastSeq, JSON.stringify(s)];
    values.forEach((v, i) => cols[i]!.push(v));
  }
  if (cols[0]!.length === 0) return;
  await tx.query(
    `INSERT INTO dossiers (commune_id, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::int[], $12::bigint[], $13::jsonb[])
     ON CONFLICT (commune_id, code) DO UPDATE SET status = EXCLUDED.status, received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at,
       effective_due_at = EXCLUDED.effective_due_at, field_code = EXCLUDED.field_code, procedure_code = EXCLUDED.procedure_code,
       received_by = EXCLUDED.received_by, rated = EXCLUDED.rated, conflict_count = EXCLUDED.conflict_count,
       last_seq = EXCLUDED.last_seq, state = EXCLUDED.state`,
    [communeId, ...cols]);
  await applyAggregates(tx, communeId, pairs); // same transaction: the report never lags the projection
}

export function createDossierReads(db: Sql): Pick<Store, 'kioskDossiersAfter'> {
  return {
    async kioskDossiersAfter(communeId, after, limit) {
      const rows = await db.query<{
        code: string; procedure_code: string; procedure_name: string; received_by: string; status: DossierStatus;
        received_at: number; due_at: number | null; effective_due_at: number | null; rated: boolean; last_seq: number;
      }>(
        `SELECT code, procedure_code, state->>'procedureName' AS procedure_name, received_by, status, received_at, due_at, effective_due_at, rated, last_seq
         FROM dossiers WHERE commune_id = $1 AND last_seq > $2 ORDER BY last_seq LIMIT $3`, [communeId, after, limit]);
      return rows.map((r) => {
        const dossier: KioskDossier = {
          code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name, officerId: r.received_by, status: r.status,
          receivedAt: Number(r.received_at), dueAt: num(r.due_at), effectiveDueAt: num(r.effective_due_at), rated: r.rated,
        };
        return { serverSeq: Number(r.last_seq), dossier };
      });
    },
  };
}
