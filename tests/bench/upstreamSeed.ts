/**
 * Fast seeding for the upstream bench: N events over C communes, three years of random dossier
 * lifecycles, written with multi-row INSERT … SELECT unnest(…) straight into events, dossiers and
 * report_aggregates (the same rows the append path writes, computed by the same domain code).
 */
import { foldDossier } from '../../src/domain/dossier/fold';
import type { DossierEvent } from '../../src/domain/dossier/events';
import type { DossierState } from '../../src/domain/dossier/state';
import { addChanges, changesOf } from '../../src/server/store/aggregatesSql';
import type { Database } from '../../src/server/store/db';
import { randomHistories } from '../app/supervisor/fixtures';
import { DAY } from '../support/builders';

const EVENTS_PER_DOSSIER = 3.1; // what randomHistories gives on average

async function insertEvents(db: Database, events: readonly DossierEvent[], now: number): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) {
    const b = events.slice(i, i + 5000);
    await db.query(
      `INSERT INTO events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::bigint[], $9::int[], $10::jsonb[], $11::bigint[])`,
      [
        b.map((e) => e.id),
        b.map((e) => e.communeId),
        b.map((e) => e.dossierId),
        b.map((e) => e.deviceId),
        b.map((e) => e.deviceSeq),
        b.map((e) => e.actorId),
        b.map((e) => e.type),
        b.map((e) => e.at),
        b.map((e) => e.tzOffsetMin),
        b.map((e) => JSON.stringify(e.payload)),
        b.map(() => now),
      ],
    );
  }
}

async function insertDossiers(db: Database, communeId: string, states: readonly DossierState[]): Promise<void> {
  for (let i = 0; i < states.length; i += 2000) {
    const b = states.slice(i, i + 2000);
    await db.query(
      `INSERT INTO dossiers (commune_id, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::int[], $12::bigint[], $13::jsonb[])`,
      [
        communeId,
        b.map((s) => s.id),
        b.map((s) => s.status),
        b.map((s) => s.receivedAt),
        b.map((s) => s.dueAt),
        b.map((s) => s.effectiveDueAt),
        b.map((s) => s.fieldCode),
        b.map((s) => s.procedureCode),
        b.map((s) => s.receivedBy),
        b.map((s) => s.rating !== null),
        b.map((s) => s.conflicts.length),
        b.map(() => 0),
        b.map((s) => JSON.stringify(s)),
      ],
    );
  }
}

export type Seeded = { readonly events: number; readonly dossiers: number; readonly ms: number };

/**
 * Seeds `communeIds` (already created) with about `totalEvents` events up to `now`; hands each
 * commune's folded states to `onCommune` (the bench computes its expected numbers there) and drops them.
 */
export async function seedUpstream(
  db: Database,
  communeIds: readonly string[],
  totalEvents: number,
  now: number,
  deviceOf: (communeId: string) => string,
  onCommune: (communeId: string, states: readonly DossierState[]) => void,
): Promise<Seeded> {
  const t0 = performance.now();
  const perCommune = Math.ceil(totalEvents / communeIds.length / EVENTS_PER_DOSSIER);
  let events = 0,
    dossiers = 0;
  for (const [i, communeId] of communeIds.entries()) {
    const deviceId = deviceOf(communeId);
    const histories = randomHistories(1000 + i, perCommune, now - 1095 * DAY, 1095);
    const all: DossierEvent[] = [];
    const folded: DossierState[] = [];
    for (const h of histories) {
      const es = h.events.filter((e) => e.at < now).map((e): DossierEvent => ({ ...e, communeId, deviceId }));
      const s = es.length > 0 ? foldDossier(es) : null;
      if (!s) continue;
      all.push(...es);
      folded.push(s);
    }
    await insertEvents(db, all, now);
    await insertDossiers(db, communeId, folded);
    const changes = changesOf(folded);
    for (let k = 0; k < changes.length; k += 2000) await addChanges(db, communeId, changes.slice(k, k + 2000));
    onCommune(communeId, folded);
    events += all.length;
    dossiers += folded.length;
  }
  await db.exec('ANALYZE events; ANALYZE dossiers; ANALYZE report_aggregates;');
  return { events, dossiers, ms: Math.round(performance.now() - t0) };
}
