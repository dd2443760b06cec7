/**
 * A push of several batches (issue 13 speed): the outbox is walked by deviceSeq, two requests on
 * the wire at most while the next batch is read and the answers are written in turn; every item
 * goes once, in order, and a failure mid-way keeps what was not confirmed exactly as it was.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { PUSH_BODY_BUDGET, wireEvent } from '../../../src/app/sync/push';
import { setMeta } from '../../../src/app/db/meta';
import type { OutboxItem } from '../../../src/app/db/schema';
import { LIMITS, TransportError, type PushRequest } from '../../../src/protocol';
import { syncEvents } from '../../bench/fixtures';
import { demoServer, enrolled, faulty, type Tablet } from './helpers';

/**
 * n events of this device in its outbox, as the counter stores them (`note`: on every event;
 * `before17`: the events whose index is below it are stored as before version 17, without ownSeq).
 */
async function fill(t: Tablet, n: number, note?: string, before17 = 0) {
  const events = syncEvents(n, t.profile.deviceId, t.profile.codeSlot ?? 1).map((e) => (note ? ({ ...e, payload: { ...e.payload, note } } as typeof e) : e));
  const items: OutboxItem[] = events.map((e) => ({
    eventId: e.id,
    deviceSeq: e.deviceSeq,
    dossierId: e.dossierId,
    createdAt: e.at,
    state: 'pending',
    attempts: 0,
    lastError: null,
    permanent: false,
  }));
  await t.db.transaction('rw', [t.db.events, t.db.outbox, t.db.meta], async () => {
    await t.db.events.bulkAdd(events.map((e, i) => (i < before17 ? e : { ...e, ownSeq: e.deviceSeq })));
    await t.db.outbox.bulkAdd(items);
    await setMeta(t.db, 'deviceSeq', n);
  });
  return events;
}

const n = LIMITS.maxEventsPerPush * 2 + 37;

describe('[SYNC2] push of several batches', () => {
  it('[SYNC10] sends every item once in deviceSeq order and empties the outbox, leaving the stored events as they were', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const events = await fill(a, n);
    const { transport, calls } = faulty(server.transport, () => null);
    const r = await createSyncEngine({ db: a.db, transport, appVersion: 'test-1' }).runOnce();
    expect(r).toMatchObject({ kind: 'synced', pushed: n, rejected: 0 });
    const pushes = calls.filter((c) => c.method === 'push').map((c) => c.req as PushRequest);
    expect(pushes.map((p) => p.events.length)).toEqual([LIMITS.maxEventsPerPush, LIMITS.maxEventsPerPush, 37]);
    expect(pushes.flatMap((p) => p.events.map((e) => e.deviceSeq))).toEqual(events.map((e) => e.deviceSeq));
    expect(pushes[0]!.status.pendingCount).toBe(n);
    expect(await a.db.outbox.count()).toBe(0);
    expect(server.eventCount()).toBe(n);
    const byId = (xs: readonly { id: string }[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId((await a.db.events.toArray()).map(wireEvent))).toEqual(byId(events)); // confirmed by leaving the outbox: the events are not written again
  });

  it('[SYNC2] a batch stops at the body budget: events of long notes in three-byte letters go in more pushes, each once and in order, every body within the budget', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const events = await fill(a, 600, 'ệ'.repeat(LIMITS.text));
    const { transport, calls } = faulty(server.transport, () => null);
    const r = await createSyncEngine({ db: a.db, transport, appVersion: 'test-1' }).runOnce();
    expect(r).toMatchObject({ kind: 'synced', pushed: 600, rejected: 0 });
    const pushes = calls.filter((c) => c.method === 'push').map((c) => c.req as PushRequest);
    expect(pushes.length).toBeGreaterThanOrEqual(3); // 600 events of about 6.5 kB each: about 240 fit in 1.6 MB
    for (const p of pushes) expect(new TextEncoder().encode(JSON.stringify(p.events)).length).toBeLessThanOrEqual(PUSH_BODY_BUDGET);
    expect(pushes.flatMap((p) => p.events.map((e) => e.deviceSeq))).toEqual(events.map((e) => e.deviceSeq));
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('[SYNC2] the server down from the second batch on, while the first answer is applied: the first is confirmed, the two sent behind it wait untouched but counted, the one read after them is not counted, and the next run sends each once', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const size = LIMITS.maxEventsPerPush;
    const total = size * 3 + 37;
    const events = await fill(a, total);
    const down = new TransportError(503, null, 'HTTP 503');
    // on the wire: the 1st batch and the 2nd behind it, then the 3rd once the 1st is answered; the
    // 2nd and 3rd fail and so does the probe after them (the server is down, not the batch)
    const { transport, calls } = faulty(server.transport, (method, nth) => (method === 'push' && nth >= 2 && nth <= 4 ? { before: down } : null));
    const r = await createSyncEngine({ db: a.db, transport, appVersion: 'test-1' }).runOnce();
    expect(r.kind).not.toBe('synced');
    const pushes = calls.filter((c) => c.method === 'push').map((c) => (c.req as PushRequest).events.length);
    expect(pushes).toEqual([size, size, size, 0]);
    const left = await a.db.outbox.orderBy('deviceSeq').toArray();
    expect(left.map((o) => o.deviceSeq)).toEqual(events.slice(size).map((e) => e.deviceSeq));
    expect(left.every((o) => o.state === 'pending')).toBe(true);
    expect(left.slice(0, 2 * size).every((o) => o.attempts === 1)).toBe(true);
    expect(left.slice(2 * size).every((o) => o.attempts === 0)).toBe(true); // never sent
    expect(server.eventCount()).toBe(size);
    const firsts = await a.db.outbox.bulkGet(events.slice(0, size).map((e) => e.id));
    expect(firsts.every((o) => o === undefined)).toBe(true);

    const again = await createSyncEngine({ db: a.db, transport: server.transport, appVersion: 'test-1' }).runOnce();
    expect(again).toMatchObject({ kind: 'synced', pushed: total - size, rejected: 0 });
    expect(server.eventCount()).toBe(total);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('[SYNC10] two requests on the wire at most: the server may store the later batch first, and every item still goes once', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const events = await fill(a, n);
    let onTheWire = 0,
      most = 0;
    const order: number[] = [];
    const transport = {
      ...server.transport,
      push: async (token: string, req: PushRequest) => {
        onTheWire++;
        most = Math.max(most, onTheWire);
        try {
          // the first answer is the slowest: the second arrives before it
          await new Promise((res) => setTimeout(res, req.events[0]?.deviceSeq === 1 ? 60 : 5));
          const res = await server.transport.push(token, req);
          order.push(req.events[0]?.deviceSeq ?? 0);
          return res;
        } finally {
          onTheWire--;
        }
      },
    };
    const r = await createSyncEngine({ db: a.db, transport, appVersion: 'test-1' }).runOnce();
    expect(r).toMatchObject({ kind: 'synced', pushed: n, rejected: 0 });
    expect(most).toBe(2);
    expect(order[0]).not.toBe(1); // the server stored the second batch first
    expect(await a.db.outbox.count()).toBe(0);
    expect(server.eventCount()).toBe(events.length);
  });

  it('[SYNC10] events recorded before version 17 (no ownSeq) and after it go together, each once, in order, as they are on the wire', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const events = await fill(a, n, undefined, LIMITS.maxEventsPerPush + 100);
    const { transport, calls } = faulty(server.transport, () => null);
    const r = await createSyncEngine({ db: a.db, transport, appVersion: 'test-1' }).runOnce();
    expect(r).toMatchObject({ kind: 'synced', pushed: n, rejected: 0 });
    const sent = calls.filter((c) => c.method === 'push').flatMap((c) => (c.req as PushRequest).events);
    expect(sent).toEqual(events);
    expect(sent.every((e) => !('ownSeq' in e))).toBe(true);
    expect(server.eventCount()).toBe(n);
  });
});
