/** The outbox as the officer sees it: every item not yet on the server, and putting failed ones back in line. */
import type { EventType } from '../../domain/dossier/events';
import type { MotCuaDb, OutboxItem } from '../db/schema';

export type OutboxRow = OutboxItem & { readonly type: EventType | null };

/** Failed items first (they need a person), then the rest oldest first, with each event's type. */
export async function listOutbox(db: MotCuaDb, limit = 200): Promise<{ rows: OutboxRow[]; total: number }> {
  const [failed, rest, total] = await Promise.all([
    db.outbox.where('state').equals('failed').sortBy('deviceSeq'),
    db.outbox
      .orderBy('deviceSeq')
      .filter((o) => o.state !== 'failed')
      .limit(limit)
      .toArray(),
    db.outbox.count(),
  ]);
  const items = [...failed, ...rest].slice(0, Math.max(limit, failed.length));
  const events = await db.events.bulkGet(items.map((i) => i.eventId));
  return { rows: items.map((item, i) => ({ ...item, type: events[i]?.type ?? null })), total };
}

/** Puts one failed item (or all) back to pending for the next run; returns how many. */
export async function retryFailed(db: MotCuaDb, eventId?: string): Promise<number> {
  const failed =
    eventId === undefined
      ? db.outbox.where('state').equals('failed')
      : db.outbox
          .where('eventId')
          .equals(eventId)
          .filter((o) => o.state === 'failed');
  return failed.modify((o) => {
    Object.assign(o, { state: 'pending', permanent: false, lastError: null });
    delete (o as { lastErrorParams?: unknown }).lastErrorParams;
  });
}
