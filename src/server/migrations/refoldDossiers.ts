/**
 * Migration 009's step: every stored dossier state refolded from its events with the current
 * domain (the fold now keeps each supplement round's due dates), then each commune's kept
 * aggregates rebuilt from the new states. Dossiers are read a page at a time.
 */
import type { DossierEvent } from '../../domain/dossier/events';
import { foldDossier } from '../../domain/dossier/fold';
import { runningDueAt } from '../../domain/timeliness/judge';
import type { Sql } from '../store/db';
import { rebuildAggregates } from '../store/aggregatesSql';

const PAGE = 500;

type EventRow = {
  id: string;
  dossier_id: string;
  commune_id: string;
  device_id: string;
  actor_id: string;
  at: unknown;
  tz_offset_min: unknown;
  device_seq: unknown;
  type: string;
  payload: unknown;
};

export async function refoldAllDossiers(tx: Sql): Promise<void> {
  const communes = await tx.query<{ commune_id: string }>('SELECT DISTINCT commune_id FROM dossiers ORDER BY commune_id');
  for (const { commune_id: communeId } of communes) {
    let after = '';
    for (;;) {
      const codes = (
        await tx.query<{ code: string }>('SELECT code FROM dossiers WHERE commune_id = $1 AND code > $2 ORDER BY code LIMIT $3', [communeId, after, PAGE])
      ).map((r) => r.code);
      if (codes.length === 0) break;
      after = codes.at(-1)!;
      const rows = await tx.query<EventRow>(
        `SELECT id, dossier_id, commune_id, device_id, actor_id, at, tz_offset_min, device_seq, type, payload
         FROM events WHERE commune_id = $1 AND dossier_id = ANY($2::text[])`,
        [communeId, codes],
      );
      const byDossier = new Map<string, DossierEvent[]>();
      for (const r of rows) {
        const e = {
          id: r.id,
          dossierId: r.dossier_id,
          communeId: r.commune_id,
          deviceId: r.device_id,
          actorId: r.actor_id,
          at: Number(r.at),
          tzOffsetMin: Number(r.tz_offset_min),
          deviceSeq: Number(r.device_seq),
          type: r.type,
          payload: r.payload,
        } as DossierEvent;
        const list = byDossier.get(r.dossier_id);
        if (list) list.push(e);
        else byDossier.set(r.dossier_id, [e]);
      }
      const updated: string[] = [],
        states: string[] = [],
        running: (number | null)[] = [];
      for (const [code, events] of byDossier) {
        const s = foldDossier(events);
        if (!s) continue;
        updated.push(code);
        states.push(JSON.stringify(s));
        running.push(runningDueAt(s));
      }
      if (updated.length > 0) {
        await tx.query(
          `UPDATE dossiers d SET state = u.state, running_due_at = u.running FROM unnest($2::text[], $3::jsonb[], $4::bigint[]) AS u(code, state, running)
           WHERE d.commune_id = $1 AND d.code = u.code`,
          [communeId, updated, states, running],
        );
      }
    }
    await rebuildAggregates(tx, communeId);
  }
}
