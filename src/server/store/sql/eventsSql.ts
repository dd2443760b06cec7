/** The event log (table events): append once per id, read a commune's events after a sequence. */
import type { DossierEvent } from '../../../domain/dossier/events';
import { canonicalize } from '../../../protocol/canonicalJson';
import type { PulledEvent, PushResult } from '../../../protocol/messages';
import type { Database } from '../db';
import type { Store } from '../port';
import { refold } from './dossiersSql';
import { EVENT_COLUMNS, eventOf, lockCommune, type EventRow } from './rows';

/** Same id, same content: a retry, not a different event. */
function sameEvent(a: DossierEvent, b: DossierEvent): boolean {
  return canonicalize(a) === canonicalize(b);
}

export type EventStore = Pick<Store, 'appendEvents' | 'eventsAfter' | 'countEvents'>;

export function createEventStore(db: Database): EventStore {
  return {
    async appendEvents(communeId, events, now) {
      if (events.length === 0) return [];
      return db.transaction(async (tx) => {
        await lockCommune(tx, communeId);
        const first = new Map<string, DossierEvent>();
        for (const e of events) if (!first.has(e.id)) first.set(e.id, e);
        const unique = [...first.values()];
        const inserted = await tx.query<{ id: string; server_seq: number }>(
          `INSERT INTO events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)
           SELECT id, $1, dossier_id, device_id, device_seq, actor_id, type, at, tz, payload, $2
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[], $10::int[], $11::jsonb[])
             AS t(id, dossier_id, device_id, device_seq, actor_id, type, at, tz, payload)
           ON CONFLICT (id) DO NOTHING RETURNING id, server_seq`,
          [communeId, now, unique.map((e) => e.id), unique.map((e) => e.dossierId), unique.map((e) => e.deviceId),
            unique.map((e) => e.deviceSeq), unique.map((e) => e.actorId), unique.map((e) => e.type), unique.map((e) => e.at),
            unique.map((e) => e.tzOffsetMin), unique.map((e) => JSON.stringify(e.payload))]);
        const acceptedSeq = new Map(inserted.map((r) => [r.id, Number(r.server_seq)]));
        const already = unique.filter((e) => !acceptedSeq.has(e.id)).map((e) => e.id);
        const existing = new Map<string, { seq: number; event: DossierEvent }>();
        if (already.length > 0) {
          const rows = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::uuid[])`, [already]);
          for (const r of rows) existing.set(r.id, { seq: Number(r.server_seq), event: eventOf(r) });
        }
        await refold(tx, communeId, [...new Set(unique.filter((e) => acceptedSeq.has(e.id)).map((e) => e.dossierId))]);

        const seen = new Set<string>();
        return events.map((e): PushResult => {
          const firstTime = !seen.has(e.id);
          seen.add(e.id);
          const seq = acceptedSeq.get(e.id);
          const stored = seq !== undefined ? { seq, event: first.get(e.id)! } : existing.get(e.id);
          if (!stored || !sameEvent(stored.event, e)) {
            return { id: e.id, outcome: 'rejected', reason: 'conflict', message: 'this event id is already used by a different event' };
          }
          if (seq !== undefined && firstTime) return { id: e.id, outcome: 'accepted', serverSeq: seq };
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
