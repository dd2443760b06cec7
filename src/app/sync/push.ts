/**
 * Push: this device's outbox in deviceSeq order, in bounded batches. An item leaves the outbox only
 * when the server says it has the event (accepted or duplicate); a rejected item stays, marked
 * failed with the reason, until a person retries or exports it. Nothing vanishes silently.
 */
import { LIMITS, PROTOCOL_VERSION, TransportError, type DeviceStatus, type PushResult, type Transport } from '../../protocol';
import type { DossierEvent } from '../../domain/dossier/events';
import type { MotCuaDb, OutboxItem, StoredEvent } from '../db/schema';
import { errorKeyOf } from './retryPolicy';

export type PushOutcome = { readonly sent: number; readonly rejected: number };

/** Stay well below the server's body limit (LIMITS.maxBodyBytes) with the status and the envelope. */
export const PUSH_BODY_BUDGET = Math.floor(LIMITS.maxBodyBytes * 0.8);

const utf8 = new TextEncoder();

/** The event as it crosses the wire: the local serverSeq is not part of it. */
export function wireEvent(e: StoredEvent): DossierEvent {
  const { serverSeq: _seq, ...event } = e;
  return event as DossierEvent;
}

/** Items waiting to go, oldest first: pending ones, and 'sending' ones a crash or a closed tab left behind. */
async function nextItems(db: MotCuaDb): Promise<OutboxItem[]> {
  return db.outbox.orderBy('deviceSeq').filter((o) => o.state !== 'failed').limit(LIMITS.maxEventsPerPush).toArray();
}

/** How many of the events fit the byte budget (always at least one). */
function fitBatch(events: readonly DossierEvent[]): number {
  let bytes = 0;
  for (let i = 0; i < events.length; i++) {
    bytes += utf8.encode(JSON.stringify(events[i])).length + 1;
    if (bytes > PUSH_BODY_BUDGET && i > 0) return i;
  }
  return events.length;
}

async function markFailed(db: MotCuaDb, eventId: string, lastError: string, params?: Record<string, string | number>): Promise<void> {
  await db.outbox.update(eventId, { state: 'failed', permanent: true, lastError, ...(params ? { lastErrorParams: params } : {}) });
}

/** Applies the server's per-event answers in one transaction, in bulk (a batch is up to 500 answers). */
async function settle(db: MotCuaDb, results: readonly PushResult[]): Promise<PushOutcome> {
  return db.transaction('rw', [db.outbox, db.events], async () => {
    const present = await db.outbox.bulkGet(results.map((r) => r.id));
    const mine = results.filter((_, i) => present[i] !== undefined);
    // `held`: the server keeps it apart until the dossier's intake arrives; the device is done with it
    const done = mine.filter((r) => r.outcome !== 'rejected');
    const refused = mine.filter((r) => r.outcome === 'rejected');
    const sequenced = done.flatMap((r) => (r.outcome === 'held' ? [] : [{ key: r.id, changes: { serverSeq: r.serverSeq } }]));
    await Promise.all([
      db.outbox.bulkDelete(done.map((r) => r.id)),
      db.events.bulkUpdate(sequenced),
      db.outbox.bulkUpdate(refused.map((r) => ({
        key: r.id,
        changes: { state: 'failed' as const, permanent: true, lastError: `errors:server.${r.reason}`, lastErrorParams: { detail: r.message.slice(0, 300) } },
      }))),
    ]);
    return { sent: done.length, rejected: refused.length };
  });
}

/**
 * A whole batch refused as `invalid` names the bad events (`events.3.payload…`): those are marked
 * failed so the others can go. Returns how many were marked.
 */
async function isolateInvalid(db: MotCuaDb, e: TransportError, ids: readonly string[]): Promise<number> {
  if (e.reason !== 'invalid') return 0;
  const bad = new Map<string, string>();
  for (const d of e.details) {
    const m = /^events\.(\d+)(?:\.|$)/.exec(d.path);
    const id = m ? ids[Number(m[1])] : undefined;
    if (id && !bad.has(id)) bad.set(id, `${d.path}: ${d.message}`.slice(0, 300));
  }
  for (const [id, detail] of bad) await markFailed(db, id, 'errors:server.invalid', { detail });
  return bad.size;
}

/** The next batch: events of the oldest sendable items, within the count and byte limits. */
async function nextBatch(db: MotCuaDb): Promise<DossierEvent[] | null> {
  const items = await nextItems(db);
  if (items.length === 0) return null;
  const stored = await db.events.bulkGet(items.map((i) => i.eventId));
  const events: DossierEvent[] = [];
  for (const [i, item] of items.entries()) {
    const e = stored[i];
    // an outbox item without its event cannot be sent; it stays visible as failed
    if (!e) await markFailed(db, item.eventId, 'sync:error.missingEvent');
    else events.push(wireEvent(e));
  }
  return events.slice(0, fitBatch(events));
}

export async function pushOutbox(db: MotCuaDb, transport: Transport, token: string, status: () => Promise<DeviceStatus>): Promise<PushOutcome> {
  let sent = 0, rejected = 0;
  for (;;) {
    const events = await nextBatch(db);
    if (events === null) break;
    if (events.length === 0) continue;
    const ids = events.map((e) => e.id);
    const inBatch = () => db.outbox.where('eventId').anyOf(ids).filter((o) => o.state === 'sending');
    await db.outbox.bulkUpdate(ids.map((key) => ({ key, changes: { state: 'sending' as const } })));
    try {
      const res = await transport.push(token, { protocolVersion: PROTOCOL_VERSION, events, status: await status() });
      const s = await settle(db, res.results);
      sent += s.sent;
      rejected += s.rejected;
      // anything the server did not answer for goes back to pending (a correct server answers for all)
      if (s.sent + s.rejected < ids.length) {
        const unanswered = await inBatch().modify({ state: 'pending' });
        if (unanswered === ids.length) break;
      }
    } catch (e) {
      const isolated = e instanceof TransportError ? await isolateInvalid(db, e, ids) : 0;
      if (isolated > 0) {
        await inBatch().modify({ state: 'pending' });
        rejected += isolated;
        continue;
      }
      const { key, params } = errorKeyOf(e);
      await inBatch().modify((o) => {
        Object.assign(o, { state: 'pending', attempts: o.attempts + 1, lastError: key, ...(params ? { lastErrorParams: params } : {}) });
      });
      throw e;
    }
  }
  return { sent, rejected };
}
