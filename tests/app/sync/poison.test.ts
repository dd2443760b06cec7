/** SYNC2: a poison event never blocks the outbox (push.ts bisects a failing batch). */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransportError, type Transport } from '../../../src/protocol';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { processLock } from '../../../src/app/sync/lock';
import { demoServer, enrolled, intake, type Tablet } from './helpers';
import { T0 } from '../../support/builders';

const noTimers = { set: () => 0, clear: () => undefined };

/** The server fails every push whose batch holds a poison event, the way a server bug or a proxy would. */
function poisoned(inner: Transport, poison: () => ReadonlySet<string>, fault: 'http500' | 'network' | 'http413') {
  const pushes: number[] = [];
  const transport: Transport = {
    ...inner,
    push: async (token, req) => {
      pushes.push(req.events.length);
      if (req.events.some((e) => poison().has(e.id))) {
        if (fault === 'network') throw new TransportError(null, null, 'network: connection reset');
        throw new TransportError(fault === 'http500' ? 500 : 413, null, `HTTP ${fault}`);
      }
      return inner.push(token, req);
    },
  };
  return { transport, pushes };
}

async function tabletWith(n: number): Promise<{ server: ReturnType<typeof demoServer>; tablet: Tablet; ids: string[] }> {
  const server = demoServer();
  const tablet = await enrolled(server.enrollCode, server.transport);
  for (let i = 0; i < n; i++) await intake(tablet, T0 + i * 1000, `Công dân ${i}`);
  const ids = (await tablet.db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.eventId);
  return { server, tablet, ids };
}

describe('[SYNC2] a poison event never blocks the outbox', () => {
  it('[SYNC2] property: any poison events among N good ones; every good one arrives in one run, each poison one is reported stuck', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('http500' as const, 'network' as const, 'http413' as const),
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        async (n, maxBatch, fault, flags) => {
          const { server, tablet, ids } = await tabletWith(n);
          const poison = new Set(ids.filter((_, i) => flags[i] && (i % 3 === 0 || flags[(i + 1) % 24])));
          const { transport } = poisoned(server.transport, () => poison, fault);
          const engine = createSyncEngine({
            db: tablet.db,
            transport,
            appVersion: 't',
            lock: processLock(),
            timers: noTimers,
            random: () => 0.5,
            pushBatchSize: maxBatch,
          });
          const r = await engine.runOnce();
          expect(r).toMatchObject({ kind: 'synced', pushed: n - poison.size, stuck: poison.size });
          expect(server.eventCount()).toBe(n - poison.size);
          const left = await tablet.db.outbox.toArray();
          expect(left.map((o) => o.eventId).sort()).toEqual([...poison].sort());
          for (const o of left) {
            expect(o.state).toBe('failed');
            expect(o.lastError).toBe(fault === 'network' ? 'sync:error.stuckNoAnswer' : 'sync:error.stuck');
          }
          await tablet.db.delete();
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);

  it('[SYNC2] a stuck event is sent again on retry and arrives once the server takes it', async () => {
    const { server, tablet, ids } = await tabletWith(5);
    const poison = new Set([ids[2]!]);
    const { transport } = poisoned(server.transport, () => poison, 'http500');
    const engine = createSyncEngine({ db: tablet.db, transport, appVersion: 't', lock: processLock(), timers: noTimers });
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 4, stuck: 1 });
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 0 }); // a stuck item waits for a person
    poison.clear(); // the server was fixed
    const { retryFailed } = await import('../../../src/app/sync/outbox');
    expect(await retryFailed(tablet.db, ids[2]!)).toBe(1);
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 1, stuck: 0 });
    expect(server.eventCount()).toBe(5);
  });

  it('[SYNC2] an outage is not a poison: the run backs off after two requests and marks nothing stuck', async () => {
    const { server, tablet } = await tabletWith(20);
    const down = { on: true };
    const pushes: number[] = [];
    const transport: Transport = {
      ...server.transport,
      push: async (token, req) => {
        pushes.push(req.events.length);
        if (down.on) throw new TransportError(null, null, 'network: offline');
        return server.transport.push(token, req);
      },
    };
    const engine = createSyncEngine({ db: tablet.db, transport, appVersion: 't', lock: processLock(), timers: noTimers, random: () => 0.5 });
    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', retry: true, error: { key: 'sync:error.offline' } });
    expect(pushes).toEqual([20, 0]); // the batch, then the empty push asking whether the server answers
    const items = await tablet.db.outbox.toArray();
    expect(items.every((o) => o.state === 'pending' && o.attempts === 1)).toBe(true);
    down.on = false;
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 20, stuck: 0 });
  });

  it('[SYNC2] one bad answer alone is not enough to call an event stuck: it is sent alone once more', async () => {
    const { server, tablet } = await tabletWith(1);
    let failures = 1;
    const transport: Transport = {
      ...server.transport,
      push: async (token, req) => {
        if (req.events.length > 0 && failures-- > 0) throw new TransportError(502, null, 'HTTP 502');
        return server.transport.push(token, req);
      },
    };
    const engine = createSyncEngine({ db: tablet.db, transport, appVersion: 't', lock: processLock(), timers: noTimers });
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 1, stuck: 0 });
  });
});
