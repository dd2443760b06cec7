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

/**
 * The next items to send after `afterSeq`, oldest first: pending ones, and 'sending' ones an older
 * version of the app left behind. One index range read (no cursor); failed items are skipped.
 */
async function nextItems(db: MotCuaDb, afterSeq: number): Promise<OutboxItem[]> {
  for (let after = afterSeq; ;) {
    const rows = await db.outbox.where('deviceSeq').above(after).limit(LIMITS.maxEventsPerPush).toArray();
    const items = rows.filter((o) => o.state !== 'failed');
    if (items.length > 0 || rows.length === 0) return items;
    after = rows.at(-1)!.deviceSeq;
  }
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

/**
 * Applies the server's per-event answers in one transaction, in bulk (a batch is up to 500
 * answers): confirmed items leave the outbox and their events get the server's sequence (written
 * from the rows read for the batch, as stored: events never change once written), refused ones
 * are marked failed.
 */
async function settle(db: MotCuaDb, results: readonly PushResult[], rows: ReadonlyMap<string, StoredEvent>): Promise<PushOutcome> {
  return db.transaction('rw', [db.outbox, db.events], async () => {
    const present = await db.outbox.bulkGet(results.map((r) => r.id));
    const mine = results.filter((_, i) => present[i] !== undefined);
    const done = mine.filter((r) => r.outcome !== 'rejected');
    const refused = mine.filter((r) => r.outcome === 'rejected');
    const withSeq = done.flatMap((r) => {
      const row = rows.get(r.id);
      return row ? [{ ...row, serverSeq: r.serverSeq }] : [];
    });
    await Promise.all([
      db.outbox.bulkDelete(done.map((r) => r.id)),
      withSeq.length ? db.events.bulkPut(withSeq) : null,
      refused.length ? db.outbox.bulkUpdate(refused.map((r) => ({ key: r.id, changes: { state: 'failed' as const, permanent: true, lastError: `errors:server.${r.reason}` } }))) : null,
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

type Batch = { readonly events: DossierEvent[]; readonly rows: ReadonlyMap<string, StoredEvent>; readonly lastSeq: number };

/** The next batch after `afterSeq`: events of the oldest sendable items, within the count and byte limits. */
async function nextBatch(db: MotCuaDb, afterSeq: number): Promise<Batch | null> {
  const items = await nextItems(db, afterSeq);
  if (items.length === 0) return null;
  const stored = await db.events.bulkGet(items.map((i) => i.eventId));
  const events: DossierEvent[] = [];
  const rows = new Map<string, StoredEvent>();
  const seqs: number[] = [];
  for (const [i, item] of items.entries()) {
    const e = stored[i];
    // an outbox item without its event cannot be sent; it stays visible as failed
    if (!e) await markFailed(db, item.eventId, 'sync:error.missingEvent');
    else {
      events.push(wireEvent(e));
      rows.set(e.id, e);
      seqs.push(item.deviceSeq);
    }
  }
  const n = fitBatch(events);
  // the items cut by the byte budget come first in the next batch
  const lastSeq = n < events.length ? seqs[n - 1]! : items.at(-1)!.deviceSeq;
  return { events: events.slice(0, n), rows, lastSeq };
}

/**
 * Sends the outbox from the oldest item on, walking it by deviceSeq. Nothing is written before an
 * answer (an interrupted push leaves the items pending as they were), one transaction after it.
 * One request is on the wire at a time; while it is, the next batch is read and the previous
 * answer is written, so the device's own work hides behind the network's.
 */
export async function pushOutbox(db: MotCuaDb, transport: Transport, token: string, status: () => Promise<DeviceStatus>): Promise<PushOutcome> {
  let sent = 0, rejected = 0;
  let settling: Promise<PushOutcome> | null = null;
  const settled = async () => {
    if (!settling) return;
    const s = await settling;
    settling = null;
    sent += s.sent;
    rejected += s.rejected;
  };
  try {
    let cursor = 0;
    let nextStatus = status();
    let batch = await nextBatch(db, cursor);
    while (batch !== null) {
      const from = cursor;
      cursor = batch.lastSeq;
      const { events, rows } = batch;
      if (events.length === 0) {
        batch = await nextBatch(db, cursor);
        continue;
      }
      const ids = events.map((e) => e.id);
      const request = nextStatus.then((st) => transport.push(token, { protocolVersion: PROTOCOL_VERSION, events, status: st }));
      const prefetch = nextBatch(db, cursor);
      prefetch.catch(() => undefined);
      let res;
      try {
        res = await request;
      } catch (e) {
        await prefetch.catch(() => undefined);
        await settled();
        const isolated = e instanceof TransportError ? await isolateInvalid(db, e, ids) : 0;
        if (isolated > 0) {
          rejected += isolated;
          cursor = from; // the others of the batch go again
          nextStatus = status();
          batch = await nextBatch(db, cursor);
          continue;
        }
        const { key, params } = errorKeyOf(e);
        // offline is the tablet's state, not the item's: the sync page says it once, and no attempt is counted
        if (key === 'sync:error.offline') {
          await db.outbox.where('eventId').anyOf(ids).filter((o) => o.state !== 'failed').modify({ state: 'pending' });
          throw e;
        }
        await db.outbox.where('eventId').anyOf(ids).filter((o) => o.state !== 'failed').modify((o) => {
          Object.assign(o, { state: 'pending', attempts: o.attempts + 1, lastError: key, ...(params ? { lastErrorParams: params } : {}) });
        });
        throw e;
      }
      await settled();
      nextStatus = status(); // read before this answer is written: the count still includes this batch
      nextStatus.catch(() => undefined);
      settling = settle(db, res.results, rows);
      // anything the server did not answer for stays pending and goes again (a correct server answers for all)
      const inBatch = new Set(ids);
      const answered = new Set(res.results.filter((r) => inBatch.has(r.id)).map((r) => r.id)).size;
      if (answered < ids.length) {
        await settled();
        await prefetch.catch(() => undefined);
        if (answered === 0) break;
        cursor = from;
        batch = await nextBatch(db, cursor);
        continue;
      }
      batch = await prefetch;
    }
  } catch (e) {
    // an answer being written is written before the run fails
    await (settling as Promise<PushOutcome> | null)?.catch(() => undefined);
    throw e;
  }
  await settled(); // the last answer is written before the run goes on
  return { sent, rejected };
}
