/** The event log (table events): append once per id, read a commune's events after a sequence. */
import type { DossierEvent } from '../../../domain/dossier/events';
import { canonicalize } from '../../../protocol/canonicalJson';
import type { PulledEvent, PushResult } from '../../../protocol/messages';
import type { Database, Sql } from '../db';
import { holdEvents, releaseHeld, storedIntakes } from '../heldEvents';
import { intakesOf, planByIntake } from '../../../domain/dossier/belongs';
import type { Store } from '../port';
import { notifyStored } from '../../live/hub';
import { refold } from './dossiersSql';
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
    [communeId, now, JSON.stringify(list)]);
  for (const r of inserted) acceptedSeq.set(r.id, Number(r.server_seq));
  const already = list.filter((e) => !acceptedSeq.has(e.id)).map((e) => e.id);
  if (already.length > 0) {
    const rows = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::uuid[])`, [already]);
    for (const r of rows) existing.set(r.id, { seq: Number(r.server_seq), event: eventOf(r) });
  }
  return { acceptedSeq, existing };
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
        const plan = planByIntake(unique, await storedIntakes(tx, communeId, actions));
        const alreadyStored = plan.hold.length === 0 ? new Set<string>()
          : new Set((await tx.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1::uuid[])', [plan.hold.map((e) => e.id)])).map((r) => r.id));
        const held = await holdEvents(tx, communeId, plan.hold.filter((e) => !alreadyStored.has(e.id)), now);
        const direct = await insertEvents(tx, communeId, [...plan.store, ...plan.hold.filter((e) => alreadyStored.has(e.id))], now);
        const newIntakes = intakesOf(plan.store.filter((e) => direct.acceptedSeq.has(e.id)));
        const releasedEvents = await releaseHeld(tx, communeId, newIntakes, now);
        const released = await insertEvents(tx, communeId, releasedEvents, now);
        const acceptedSeq = new Map([...direct.acceptedSeq, ...released.acceptedSeq]);
        const existing = direct.existing;
        await refold(tx, communeId, o.outboundQueue !== false, [...unique, ...releasedEvents].flatMap((event) => {
          const seq = acceptedSeq.get(event.id);
          return seq === undefined ? [] : [{ seq, event }];
        }));

        if (acceptedSeq.size > 0) await notifyStored(tx, { communeId, seq: Math.max(...acceptedSeq.values()) });

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
      const rows = await db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND server_seq > $2 ORDER BY server_seq LIMIT $3`, [communeId, after, limit]);
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
