/**
 * Push: this device's outbox in deviceSeq order, in bounded batches. An item leaves the outbox only
 * when the server says it has the event (accepted or duplicate); a rejected item stays, marked
 * failed with the reason, until a person retries or exports it. Nothing vanishes silently.
 */
import type { DeviceStatus, PushResponse, PushResult } from '../../protocol';
import { TransportError, type Transport } from '../../protocol/transport';
import { LIMITS, PROTOCOL_VERSION } from '../../protocol/version';
import type { DossierEvent } from '../../domain/dossier/events';
import type { MotCuaDb, OutboxItem, StoredEvent } from '../db/schema';
import { errorKeyOf } from './retryPolicy';

/** `stuck`: events set aside this run because they alone kept failing (SYNC2). */
export type PushOutcome = { readonly sent: number; readonly rejected: number; readonly stuck: number };

/** Stay well below the server's body limit (LIMITS.maxBodyBytes) with the status and the envelope. */
export const PUSH_BODY_BUDGET = Math.floor(LIMITS.maxBodyBytes * 0.8);

const utf8 = new TextEncoder();

/** The event as it crosses the wire: the local serverSeq and ownSeq are not part of it. */
export function wireEvent(e: StoredEvent): DossierEvent {
  const { serverSeq: _seq, ownSeq: _own, ...event } = e;
  return event as DossierEvent;
}

/**
 * The stored events of outbox items, in their order: one read of the ownSeq index over the items'
 * range, then a read by id of any the range did not give (recorded before version 17).
 */
async function eventsOf(db: MotCuaDb, items: readonly OutboxItem[]): Promise<(StoredEvent | undefined)[]> {
  const byId = new Map<string, StoredEvent>();
  if (items.length > 0) {
    const ranged = await db.events.where('ownSeq').between(items[0]!.deviceSeq, items.at(-1)!.deviceSeq, true, true).toArray();
    for (const e of ranged) byId.set(e.id, e);
  }
  const missing = items.filter((i) => !byId.has(i.eventId)).map((i) => i.eventId);
  if (missing.length > 0) for (const e of await db.events.bulkGet(missing)) if (e) byId.set(e.id, e);
  return items.map((i) => byId.get(i.eventId));
}

/**
 * Items waiting to go, oldest first (after `after`, when given): all but the failed ones. Read a
 * page at a time in one request each (a filter in Dexie would walk a cursor, one round trip per
 * item); failed items are few, so one page is nearly always enough.
 */
async function nextItems(db: MotCuaDb, max: number, after?: number): Promise<OutboxItem[]> {
  const out: OutboxItem[] = [];
  let from = after;
  for (;;) {
    const page = await (from === undefined ? db.outbox.orderBy('deviceSeq') : db.outbox.where('deviceSeq').above(from)).limit(max).toArray();
    for (const o of page) if (o.state !== 'failed' && out.length < max) out.push(o);
    if (page.length < max || out.length >= max) return out;
    from = page.at(-1)!.deviceSeq;
  }
}

/** How many of the events fit the byte budget (always at least one). */
function fitBatch(events: readonly DossierEvent[]): number {
  // a UTF-16 code unit is at most 3 bytes of UTF-8: a batch within the budget by that bound fits
  // whole, without encoding each event (the usual case: 500 events are far below it)
  if (JSON.stringify(events).length * 3 <= PUSH_BODY_BUDGET) return events.length;
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
 * answers); an answer for an event not in the batch is ignored. SYNC10: an event the server has
 * leaves the outbox, and that is the device's whole record of it (RET2 reads it there): the stored event
 * is not written again, which would cost a second write (and a second sealing) of every event.
 */
async function settle(db: MotCuaDb, results: readonly PushResult[], sent: ReadonlySet<string>): Promise<PushOutcome> {
  return db.transaction('rw', [db.outbox], async () => {
    const mine = results.filter((r) => sent.has(r.id));
    // `held`: the server keeps it apart until the dossier's intake arrives; the device is done with it
    const done = mine.filter((r) => r.outcome !== 'rejected');
    const refused = mine.filter((r) => r.outcome === 'rejected');
    await Promise.all([
      db.outbox.bulkDelete(done.map((r) => r.id)),
      refused.length
        ? db.outbox.bulkUpdate(
            refused.map((r) => ({
              key: r.id,
              changes: {
                state: 'failed' as const,
                permanent: true,
                lastError: `errors:server.${r.reason}`,
                lastErrorParams: { detail: r.message.slice(0, 300) },
              },
            })),
          )
        : null,
    ]);
    return { sent: done.length, rejected: refused.length, stuck: 0 };
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

/** The next batch: events of the oldest sendable items, within the count and byte limits, as stored. */
async function nextBatch(db: MotCuaDb, max: number, after?: number): Promise<StoredEvent[] | null> {
  const items = await nextItems(db, max, after);
  if (items.length === 0) return null;
  const stored = await eventsOf(db, items);
  const events: StoredEvent[] = [];
  for (const [i, item] of items.entries()) {
    const e = stored[i];
    // an outbox item without its event cannot be sent; it stays visible as failed
    if (!e) await markFailed(db, item.eventId, 'sync:error.missingEvent');
    else events.push(e);
  }
  return events.slice(0, fitBatch(events.map(wireEvent)));
}

/**
 * A failure that may be caused by what the batch holds rather than by the network or the server
 * being down: no answer, a 5xx, a timeout, a body too large, an answer that does not parse.
 */
function mayBeTheBatch(e: unknown): boolean {
  if (!(e instanceof TransportError)) return false;
  return e.status === null || e.status >= 500 || e.status === 408 || e.status === 413 || (e.status >= 200 && e.status < 300);
}

function halves<T>(list: readonly T[]): [T[], T[]] {
  const mid = Math.ceil(list.length / 2);
  return [list.slice(0, mid), list.slice(mid)];
}

export type PushOptions = {
  /** Events per batch at most (LIMITS.maxEventsPerPush; tests use small batches). */
  readonly maxBatch?: number;
};

/**
 * SYNC2: a poison event never blocks the outbox. When a batch fails in a way the batch itself may
 * cause, an empty push asks whether the server answers at all: if not, the whole run backs off
 * (an outage costs two requests, not a bisection); if it does, the batch is split in halves and
 * each half is sent on its own, so the good events go and the culprit is cornered. A single event
 * that fails twice while the server answers is set aside as stuck (failed, with the reason), for a
 * person to retry or export; the rest flows.
 */
export async function pushOutbox(
  db: MotCuaDb,
  transport: Transport,
  token: string,
  status: () => Promise<DeviceStatus>,
  options: PushOptions = {},
): Promise<PushOutcome> {
  const maxBatch = options.maxBatch ?? LIMITS.maxEventsPerPush;
  let sent = 0,
    rejected = 0,
    stuck = 0;
  const split: StoredEvent[][] = []; // halves waiting, the next one last
  const failedAlone = new Set<string>();
  const serverAnswers = async (): Promise<boolean> => {
    try {
      await transport.push(token, { protocolVersion: PROTOCOL_VERSION, events: [], status: await status() });
      return true;
    } catch {
      return false;
    }
  };
  // The plain path is a pipeline with two requests on the wire: while the server stores one
  // batch, the next (read, with its status, while the answer before travelled) is already on its
  // way, so the server never waits for the tablet; answers are applied in turn, in order.
  let settling: Promise<void> = Promise.resolve();
  let settleFailed = false;
  const settleInTurn = (results: readonly PushResult[], batch: readonly StoredEvent[]) => {
    const before = settling;
    settling = (async () => {
      await before;
      const s = await settle(db, results, new Set(batch.map((e) => e.id)));
      sent += s.sent;
      rejected += s.rejected;
    })();
    settling.catch(() => {
      settleFailed = true;
    });
  };
  type OnTheWire = { readonly batch: StoredEvent[]; readonly answer: Promise<PushResponse> };
  const send = (batch: StoredEvent[], st: DeviceStatus): OnTheWire => {
    const answer = transport.push(token, { protocolVersion: PROTOCOL_VERSION, events: batch.map(wireEvent), status: st });
    answer.catch(() => undefined); // awaited in turn
    return { batch, answer };
  };
  const behind: OnTheWire[] = [];
  let readAheadEnded = false;
  /** The requests sent behind a failed or last one: answers applied, the ids of the failed ones returned. */
  const drainBehind = async (): Promise<string[]> => {
    const failed: string[] = [];
    for (const w of behind.splice(0)) {
      try {
        settleInTurn((await w.answer).results, w.batch);
      } catch {
        failed.push(...w.batch.map((e) => e.id));
      }
    }
    return failed;
  };
  for (;;) {
    if (settleFailed) break; // the device could not store an answer: stop sending (the error is thrown below)
    let head = behind.shift();
    if (!head) {
      if (readAheadEnded && split.length === 0) break;
      const batch = split.length > 0 ? split.pop()! : await nextBatch(db, maxBatch);
      if (batch === null) break;
      if (batch.length === 0) continue;
      head = send(batch, await status());
    }
    const ids = head.batch.map((e) => e.id);
    if (split.length === 0 && behind.length === 0 && !readAheadEnded) {
      // the items stay 'pending' while on the wire: a crash or a closed tab leaves them to be sent again
      const [next, st] = await Promise.all([nextBatch(db, maxBatch, head.batch.at(-1)!.deviceSeq), status()]);
      if (next === null) readAheadEnded = true;
      else if (next.length > 0) behind.push(send(next, st));
    }
    let results: readonly PushResult[];
    try {
      results = (await head.answer).results;
    } catch (e) {
      const failedBehind = await drainBehind();
      await settling; // the answers before are applied first (an error of their own propagates)
      readAheadEnded = false; // what is left is read again from the outbox
      const isolated = e instanceof TransportError ? await isolateInvalid(db, e, ids) : 0;
      if (isolated > 0) {
        rejected += isolated;
        split.length = 0; // what was waiting is picked up again from the outbox
        continue;
      }
      const { key, params } = errorKeyOf(e);
      const unsent = () =>
        db.outbox
          .where('eventId')
          .anyOf([...ids, ...failedBehind, ...split.flat().map((x) => x.id)])
          .filter((o) => o.state !== 'failed');
      if (!mayBeTheBatch(e) || !(await serverAnswers())) {
        // the browser says it is offline: that is the tablet's state, not the items'; the sync page says it once, no attempt is counted
        if (key === 'sync:error.offline' && typeof navigator !== 'undefined' && navigator.onLine === false) throw e;
        await unsent().modify((o) => {
          Object.assign(o, { state: 'pending', attempts: o.attempts + 1, lastError: key, ...(params ? { lastErrorParams: params } : {}) });
        });
        throw e;
      }
      if (head.batch.length > 1) {
        const [first, second] = halves(head.batch);
        split.push(second, first);
      } else if (!failedAlone.has(ids[0]!)) {
        failedAlone.add(ids[0]!); // once more alone before calling it stuck: one failure may be bad luck
        split.push(head.batch);
      } else {
        const status = e instanceof TransportError && e.status !== null ? e.status : 0;
        await db.outbox.update(ids[0]!, {
          state: 'failed',
          permanent: false,
          lastError: status === 0 ? 'sync:error.stuckNoAnswer' : 'sync:error.stuck',
          lastErrorParams: { status },
        });
        stuck += 1;
      }
      continue;
    }
    settleInTurn(results, head.batch);
    // a server that answered for none of them: stop here; what it did not answer for stays pending
    const inBatch = new Set(ids);
    if (!results.some((r) => inBatch.has(r.id)) && split.length === 0) break;
  }
  await drainBehind();
  await settling;
  return { sent, rejected, stuck };
}
