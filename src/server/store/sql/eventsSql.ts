/** The event log (table events): append once per id, read a commune's events after a sequence. */
import type { DossierEvent } from '../../../domain/dossier/events';
import { canonicalize } from '../../../protocol/canonicalJson';
import type { PulledEvent, PushResult } from '../../../protocol/messages';
import type { Database, Sql } from '../db';
import { holdEvents, intakeOf, releaseHeld } from '../heldEvents';
import { intakesOf, planByIntake } from '../../../domain/dossier/belongs';
import type { DossierEventOf } from '../../../domain/dossier/events';
import type { DossierState } from '../../../domain/dossier/state';
import type { Store } from '../port';
import { refold, type Known } from './dossiersSql';
import { EVENT_COLUMNS, eventOf, lockCommune, type EventRow } from './rows';

/** Same id, same content: a retry, not a different event. */
function sameEvent(a: DossierEvent, b: DossierEvent): boolean {
  return canonicalize(a) === canonicalize(b);
}

export type EventStore = Pick<Store, 'appendEvents' | 'eventsAfter' | 'countEvents'>;

/** Inserts the events not stored yet (one JSON document for the batch); the serverSeq of each new one, and the stored copy of each other. */
async function insertEvents(tx: Sql, communeId: string, list: readonly DossierEvent[], now: number) {
  const acceptedSeq = new Map<string, number>();
  const existing = new Map<string, { seq: number; event: DossierEvent }>();
  if (list.length === 0) return { acceptedSeq, existing };
  const inserted = await tx.query<{ id: string; server_seq: number }>(
    `INSERT INTO events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)
     SELECT id, $1, "dossierId", "deviceId", "deviceSeq", "actorId", type, at, "tzOffsetMin", payload, $2
     FROM jsonb_to_recordset($3::jsonb)
       AS t(id uuid, "dossierId" text, "deviceId" text, "deviceSeq" bigint, "actorId" text, type text, at bigint, "tzOffsetMin" int, payload jsonb)
     ON CONFLICT (id) DO NOTHING RETURNING id, server_seq`,
    [communeId, now, JSON.stringify(list)],
  );
  for (const r of inserted) acceptedSeq.set(r.id, Number(r.server_seq));
  const already = list.filter((e) => !acceptedSeq.has(e.id)).map((e) => e.id);
  if (already.length > 0) {
    const rows = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::uuid[])`, [already]);
    for (const r of rows) existing.set(r.id, { seq: Number(r.server_seq), event: eventOf(r) });
  }
  return { acceptedSeq, existing };
}

type BatchRow = EventRow & { kind: 'state' | 'intake' | 'older' | 'held'; state: DossierState | null; event: DossierEvent | null };

/**
 * One read, under the commune's lock, of what storing a batch needs: the stored state of each of
 * its dossiers (and all stored events of those without one), the stored intakes of the dossiers
 * it acts on (SYNC4, the earliest first), and the events held for the dossiers it brings an intake
 * for (oldest first). Each part is one index lookup per dossier (a LATERAL subquery kept apart by
 * OFFSET 0), whatever the tables' statistics: a fresh table has none, PGlite never gathers them.
 */
async function readBatch(tx: Sql, communeId: string, dossiers: readonly string[], actions: readonly string[], intakes: readonly string[]) {
  const none =
    'NULL::uuid AS id, NULL::bigint AS server_seq, NULL::text AS device_id, NULL::bigint AS device_seq, NULL::text AS actor_id, NULL::text AS type, NULL::bigint AS at, NULL::int AS tz_offset_min, NULL::jsonb AS payload';
  const cols = 'e.id, e.server_seq, e.device_id, e.device_seq, e.actor_id, e.type, e.at, e.tz_offset_min, e.payload';
  const rows = await tx.query<BatchRow>(
    `SELECT 'state' AS kind, k AS dossier_id, d.state, NULL::jsonb AS event, NULL::bigint AS held_at, ${none}
       FROM unnest($2::text[]) AS k CROSS JOIN LATERAL (SELECT state FROM dossiers WHERE commune_id = $1 AND code = k OFFSET 0) AS d
     UNION ALL
     SELECT 'older', k, NULL, NULL, NULL, ${cols}
       FROM unnest($2::text[]) AS k CROSS JOIN LATERAL (SELECT * FROM events WHERE commune_id = $1 AND dossier_id = k OFFSET 0) AS e
       WHERE NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.commune_id = $1 AND d.code = k OFFSET 0)
     UNION ALL
     SELECT 'intake', k, NULL, NULL, NULL, ${cols}
       FROM unnest($3::text[]) AS k CROSS JOIN LATERAL (SELECT * FROM events WHERE commune_id = $1 AND dossier_id = k AND type = 'received' OFFSET 0) AS e
     UNION ALL
     SELECT 'held', k, NULL, h.event, h.held_at, h.id, ${none.split(', ').slice(1).join(', ')}
       FROM unnest($4::text[]) AS k CROSS JOIN LATERAL (SELECT id, event, held_at FROM held_events WHERE commune_id = $1 AND dossier_id = k AND state = 'held' OFFSET 0) AS h
     ORDER BY kind, at, held_at, id`,
    [communeId, [...new Set(dossiers)], [...new Set(actions)], [...new Set(intakes)]],
  );
  const states = new Map<string, DossierState>();
  const older = new Map<string, DossierEvent[]>();
  const stored = new Map<string, DossierEventOf<'received'>>();
  const held: DossierEvent[] = [];
  for (const r of rows) {
    if (r.kind === 'state') states.set(r.dossier_id, r.state!);
    else if (r.kind === 'older') {
      const list = older.get(r.dossier_id);
      const e = eventOf({ ...r, commune_id: communeId });
      if (list) list.push(e);
      else older.set(r.dossier_id, [e]);
    } else if (r.kind === 'intake') {
      if (!stored.has(r.dossier_id)) stored.set(r.dossier_id, intakeOf(communeId, r));
    } else held.push(r.event!);
  }
  const known: Known = { covered: new Set(dossiers), states, older };
  return { known, intakes: stored, held };
}

export function createEventStore(db: Database, o: { outboundQueue?: boolean } = {}): EventStore {
  return {
    async appendEvents(communeId, events, now) {
      if (events.length === 0) return [];
      return db.transaction(async (tx) => {
        await lockCommune(tx, communeId);
        const first = new Map<string, DossierEvent>();
        for (const e of events) if (!first.has(e.id)) first.set(e.id, e);
        const unique = [...first.values()];
        // SYNC4: an action on a dossier whose intake is not here yet is held apart, and released when it comes
        const actions = unique.filter((e) => e.type !== 'received').map((e) => e.dossierId);
        const ctx = await readBatch(
          tx,
          communeId,
          unique.map((e) => e.dossierId),
          actions,
          [...intakesOf(unique).keys()],
        );
        const plan = planByIntake(unique, ctx.intakes);
        const alreadyStored =
          plan.hold.length === 0
            ? new Set<string>()
            : new Set((await tx.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1::uuid[])', [plan.hold.map((e) => e.id)])).map((r) => r.id));
        const held = await holdEvents(
          tx,
          communeId,
          plan.hold.filter((e) => !alreadyStored.has(e.id)),
          now,
        );
        const direct = await insertEvents(tx, communeId, [...plan.store, ...plan.hold.filter((e) => alreadyStored.has(e.id))], now);
        const newIntakes = intakesOf(plan.store.filter((e) => direct.acceptedSeq.has(e.id)));
        const releasedEvents = await releaseHeld(tx, newIntakes, ctx.held, now);
        const released = await insertEvents(tx, communeId, releasedEvents, now);
        const acceptedSeq = new Map([...direct.acceptedSeq, ...released.acceptedSeq]);
        const existing = direct.existing;
        // the projections, aggregates, connector queue and live signal (SYNC8) in one statement
        await refold(
          tx,
          communeId,
          {
            outboundQueue: o.outboundQueue !== false,
            known: ctx.known,
            notify: acceptedSeq.size > 0 ? { communeId, seq: Math.max(...acceptedSeq.values()) } : null,
          },
          [...unique, ...releasedEvents].flatMap((event) => {
            const seq = acceptedSeq.get(event.id);
            return seq === undefined ? [] : [{ seq, event }];
          }),
        );

        const seen = new Set<string>();
        return events.map((e): PushResult => {
          const firstTime = !seen.has(e.id);
          seen.add(e.id);
          const refusal = plan.refuse.get(e.id);
          if (refusal !== undefined) return { id: e.id, outcome: 'rejected', reason: 'invalid', message: refusal };
          const hold = held.get(e.id);
          if (hold === 'held' && sameEvent(first.get(e.id)!, e)) return { id: e.id, outcome: 'held' };
          const seq = acceptedSeq.get(e.id);
          // stored just now from this very batch: the first of its id is it, a repeat is compared
          const fresh = seq !== undefined && firstTime;
          const stored = seq !== undefined ? { seq, event: first.get(e.id)! } : existing.get(e.id);
          if (hold !== undefined || !stored || (!fresh && !sameEvent(stored.event, e))) {
            return { id: e.id, outcome: 'rejected', reason: 'conflict', message: 'this event id is already used by a different event' };
          }
          if (fresh) return { id: e.id, outcome: 'accepted', serverSeq: seq };
          return { id: e.id, outcome: 'duplicate', serverSeq: stored.seq };
        });
      });
    },

    async eventsAfter(communeId, after, limit): Promise<PulledEvent[]> {
      const rows = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND server_seq > $2 ORDER BY server_seq LIMIT $3`, [
        communeId,
        after,
        limit,
      ]);
      return rows.map((r) => ({ serverSeq: Number(r.server_seq), event: eventOf(r) }));
    },

    async countEvents(communeId) {
      const [r] = communeId
        ? await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE commune_id = $1', [communeId])
        : await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      return Number(r?.n ?? 0);
    },
  };
}
