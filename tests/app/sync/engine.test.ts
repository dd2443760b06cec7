import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSyncEngine, type Timers } from '../../../src/app/sync/engine';
import { processLock } from '../../../src/app/sync/lock';
import { retryFailed, listOutbox } from '../../../src/app/sync/outbox';
import { clockWarning } from '../../../src/app/sync/clock';
import { getMeta } from '../../../src/app/db/meta';
import { PROTOCOL_VERSION, TransportError, type PullRequest, type Transport } from '../../../src/protocol';
import { DEMO_CATALOG } from '../../../src/domain/catalog/demoCatalog';
import { T0 } from '../../support/builders';
import { demoServer, enrolled, faulty, HOUR_MS, intake, transfer, type Tablet } from './helpers';
import { wireEvent } from '../../../src/app/sync/push';

const engineFor = (t: Tablet, transport: Transport, extra: Partial<Parameters<typeof createSyncEngine>[0]> = {}) =>
  createSyncEngine({ db: t.db, transport, appVersion: 'test-1', random: () => 0.5, ...extra });

/** The events and dossiers a device holds, comparable across devices. */
async function holdings(t: Tablet) {
  const events = (await t.db.events.toArray()).map((e) => e.id).sort();
  const dossiers = (await t.db.dossiers.toArray()).map((d) => `${d.id}:${d.status}:${d.conflict}`).sort();
  return { events, dossiers };
}

describe('sync engine against the in-memory server', () => {
  it('push then pull: a second tablet converges on the same events and dossiers', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const b = await enrolled(server.enrollCode, server.transport);
    const d1 = await intake(a, T0);
    await intake(a, T0 + 60_000, 'Trần Văn Bình');
    await transfer(a, d1, T0 + 120_000);
    await intake(b, T0 + 90_000, 'Lê Thị Cúc');

    const ra = await engineFor(a, server.transport).runOnce();
    expect(ra).toMatchObject({ kind: 'synced', pushed: 3, rejected: 0 });
    expect(await a.db.outbox.count()).toBe(0);
    expect(server.eventCount()).toBe(3); // confirmed: off the outbox, on the server

    const rb = await engineFor(b, server.transport).runOnce();
    expect(rb).toMatchObject({ kind: 'synced', pushed: 1, pulled: 3 });
    await engineFor(a, server.transport).runOnce();

    expect(server.eventCount()).toBe(4);
    const ha = await holdings(a),
      hb = await holdings(b);
    expect(ha.events).toHaveLength(4);
    expect(ha).toEqual(hb);
    expect((await b.db.dossiers.get(d1))?.status).toBe('processing');
    const sync = await getMeta(b.db, 'sync');
    expect(sync?.lastError).toBeNull();
    expect(sync?.lastSyncAt).toEqual(expect.any(Number));
    expect(await getMeta(b.db, 'checkpoint')).toBe(4);
  });

  it('every request carries the device status (pending count, oldest, version, clock offset)', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    await intake(a, T0 + 1000);
    const { transport, calls } = faulty(server.transport, () => null);
    await engineFor(a, transport).runOnce();
    const push = calls.find((c) => c.method === 'push')?.req as { status: Record<string, unknown> };
    expect(push.status).toMatchObject({ pendingCount: 2, oldestPendingAt: T0, appVersion: 'test-1', lastError: null });
    const pull = calls.find((c) => c.method === 'pull')?.req as PullRequest;
    expect(pull.status.pendingCount).toBe(0);
    expect(pull.status.clockOffsetMs).toEqual(expect.any(Number));
    const devices = await server.transport.devices(a.profile.token);
    expect(devices.devices.find((d) => d.deviceId === a.profile.deviceId)?.status?.appVersion).toBe('test-1');
  });

  it('the connection drops after the server committed: the retry gives no duplicate', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    for (let i = 0; i < 5; i++) await intake(a, T0 + i * 60_000, `Công dân ${i}`);
    // the link stays down after the batch got through: the empty push that asks whether the server answers fails too
    const { transport } = faulty(server.transport, (m, nth) => (m === 'push' && nth <= 2 ? { dropAnswer: true } : null));
    const engine = engineFor(a, transport);

    const first = await engine.runOnce();
    expect(first).toMatchObject({ kind: 'failed', retry: true, error: { key: 'sync:error.offline' } });
    expect(server.eventCount()).toBe(5);
    const items = await a.db.outbox.toArray();
    expect(items).toHaveLength(5);
    // a dropped answer while the browser says it is online is a failed attempt (only a browser that says offline counts none)
    expect(items.every((o) => o.state === 'pending' && o.attempts === 1 && o.lastError === 'sync:error.offline')).toBe(true);
    expect((await getMeta(a.db, 'sync'))?.lastError).toBe('sync:error.offline');

    const second = await engine.runOnce();
    expect(second).toMatchObject({ kind: 'synced', pushed: 5 });
    expect(server.eventCount()).toBe(5);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.events.count()).toBe(5);
  });

  it('duplicate and reordered batches change nothing', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    for (let i = 0; i < 4; i++) await intake(a, T0 + i * 60_000, `Công dân ${i}`);
    const events = (await a.db.events.toArray()).map(wireEvent);
    const status = { pendingCount: 4, oldestPendingAt: T0, lastError: null, appVersion: 'x', storagePersisted: null, clockOffsetMs: null, lastSyncAt: null };
    // an earlier attempt got through in another order, twice, but the device never heard
    await server.transport.push(a.profile.token, { protocolVersion: PROTOCOL_VERSION, events: [...events].reverse(), status });
    await server.transport.push(a.profile.token, { protocolVersion: PROTOCOL_VERSION, events: [events[2]!, events[0]!], status });
    expect(server.eventCount()).toBe(4);

    const r = await engineFor(a, server.transport).runOnce();
    expect(r).toMatchObject({ kind: 'synced', pushed: 4, rejected: 0, pulled: 0 });
    expect(server.eventCount()).toBe(4);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.events.count()).toBe(4);
    expect(await a.db.dossiers.count()).toBe(4);
  });

  it('a 500 is retried with backoff, then the next run succeeds and clears the error', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    // the server is down for the batch and for the empty push that asks whether it answers
    const { transport } = faulty(server.transport, (m, nth) => (m === 'push' && nth <= 2 ? { before: new TransportError(500, null, 'HTTP 500') } : null));
    const engine = engineFor(a, transport);
    const failed = await engine.runOnce();
    expect(failed).toMatchObject({ kind: 'failed', retry: true, error: { key: 'sync:error.serverDown', params: { status: 500 } } });
    expect(failed.kind === 'failed' && failed.delayMs).toBe(1_000); // 0.5 × 2 s for the first failure
    expect(engine.state.getState().failures).toBe(1);
    expect((await a.db.outbox.toArray())[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: 'sync:error.serverDown' });

    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 1 });
    expect(engine.state.getState().failures).toBe(0);
    expect((await getMeta(a.db, 'sync'))?.lastError).toBeNull();
  });

  it('a 429 with Retry-After schedules the next run exactly then', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    const scheduled: number[] = [];
    const timers: Timers = {
      set: (_fn, ms) => {
        scheduled.push(ms);
        return scheduled.length;
      },
      clear: () => undefined,
    };
    const now = () => 1_000_000;
    const { transport } = faulty(server.transport, (m, nth) =>
      m === 'push' && nth === 1 ? { before: new TransportError(429, 'rateLimited', 'slow down', [], 7_000) } : null,
    );
    const engine = engineFor(a, transport, { timers, now });
    engine.start();
    await waitFor(() => engine.state.getState().lastResult !== null);
    engine.stop();
    expect(engine.state.getState().lastResult).toMatchObject({ kind: 'failed', retry: true, delayMs: 7_000, error: { key: 'errors:server.rateLimited' } });
    expect(scheduled).toEqual([7_000]);
    expect(await a.db.outbox.count()).toBe(1);
  });

  it('a revoked token: the items stay, the error is shown as permanent and no timer hammers the server', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    await intake(a, T0 + 1000);
    server.revoke(a.profile.deviceId);
    const scheduled: number[] = [];
    const engine = engineFor(a, server.transport, { timers: { set: (_f, ms) => scheduled.push(ms), clear: () => undefined } });
    engine.start();
    await waitFor(() => engine.state.getState().lastResult !== null);
    engine.stop();
    expect(engine.state.getState().lastResult).toMatchObject({ kind: 'failed', retry: false, delayMs: null, error: { key: 'errors:server.revoked' } });
    expect(scheduled).toEqual([]);
    expect(engine.state.getState().nextRunAt).toBeNull();
    const items = await a.db.outbox.toArray();
    expect(items).toHaveLength(2);
    expect(items.every((o) => o.state === 'pending' && o.lastError === 'errors:server.revoked')).toBe(true);
    expect((await getMeta(a.db, 'sync'))?.lastError).toBe('errors:server.revoked');
    expect(server.eventCount()).toBe(0);
  });

  it('a rejected event stays visible as failed with its reason; retry puts it back; the rest go through', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    // an event claiming another commune (e.g. a device moved between communes) is refused as forbidden
    const foreign = await intake(a, T0 + 1000, 'Phạm Văn Dũng', { ...a.actor, device: { ...a.profile, communeId: 'xa-khac' } });
    await intake(a, T0 + 2000, 'Đỗ Thị Hoa');
    const engine = engineFor(a, server.transport);
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 2, rejected: 1 });
    const left = await a.db.outbox.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ dossierId: foreign, state: 'failed', permanent: true, lastError: 'errors:server.forbidden' });
    expect((await listOutbox(a.db)).rows[0]).toMatchObject({ dossierId: foreign, type: 'received', state: 'failed' });

    // failed items are not sent again by themselves
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 0, rejected: 0 });
    expect(await retryFailed(a.db, left[0]!.eventId)).toBe(1);
    expect(await a.db.outbox.get(left[0]!.eventId)).toMatchObject({ state: 'pending', permanent: false, lastError: null });
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pushed: 0, rejected: 1 });
    expect(await a.db.outbox.get(left[0]!.eventId)).toMatchObject({ state: 'failed' });
    expect(await a.db.events.get(left[0]!.eventId)).toBeDefined();
  });

  it('a batch refused as invalid: the bad event is set aside as failed, the others go', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    const bad = await intake(a, T0 + 1000, 'Vũ Văn Em');
    await intake(a, T0 + 2000, 'Ngô Thị Phương');
    const badEvent = (await a.db.events.where('dossierId').equals(bad).first())!;
    await a.db.events.put({ ...badEvent, tzOffsetMin: 'bảy giờ' as never });
    expect(await engineFor(a, server.transport).runOnce()).toMatchObject({ kind: 'synced', pushed: 2, rejected: 1 });
    const left = await a.db.outbox.toArray();
    expect(left).toEqual([expect.objectContaining({ eventId: badEvent.id, state: 'failed', lastError: 'errors:server.invalid' })]);
    expect(left[0]?.lastErrorParams?.detail).toMatch(/tzOffsetMin/);
    expect(server.eventCount()).toBe(2);
  });

  it('a large pull goes in pages and resumes from the checkpoint after a failure mid-way', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    for (let i = 0; i < 23; i++) await intake(a, T0 + i * 60_000, `Công dân ${i}`);
    await engineFor(a, server.transport).runOnce();
    expect(server.eventCount()).toBe(23);

    const b = await enrolled(server.enrollCode, server.transport);
    const { transport, calls } = faulty(server.transport, (m, nth) =>
      m === 'pull' && nth === 3 ? { before: new TransportError(null, null, 'network down') } : null,
    );
    const engine = engineFor(b, transport, { pullPageSize: 5 });
    const progress: number[] = [];
    engine.state.subscribe((s) => {
      if (s.phase === 'pull') progress.push(s.pulled);
    });
    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', retry: true });
    expect(await getMeta(b.db, 'checkpoint')).toBe(10);
    expect(await b.db.events.count()).toBe(10);
    expect((await getMeta(b.db, 'sync'))?.pullProgress).toEqual({ done: 10, hasMore: true });

    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', pulled: 13 });
    expect(await b.db.events.count()).toBe(23);
    expect(await b.db.dossiers.count()).toBe(23);
    const afters = calls.filter((c) => c.method === 'pull').map((c) => (c.req as PullRequest).after);
    expect(afters).toEqual([0, 5, 10, 10, 15, 20]);
    expect(progress).toContain(5);
    expect(progress).toContain(13);
    expect((await getMeta(b.db, 'sync'))?.pullProgress).toEqual({ done: 13, hasMore: false });
  });

  it('measures the clock offset when the device clock is off by hours, and reports it', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const deviceNow = () => Date.now() - 3 * HOUR_MS; // the tablet is 3 hours slow
    const { transport, calls } = faulty(server.transport, () => null);
    await engineFor(a, transport, { now: deviceNow }).runOnce();
    const offset = (await getMeta(a.db, 'sync'))?.clockOffsetMs ?? 0;
    expect(Math.abs(offset - 3 * HOUR_MS)).toBeLessThan(2_000);
    expect(clockWarning(offset)).toEqual({ direction: 'behind', minutes: 180 });
    // the next exchange reports the measured offset upstream
    await engineFor(a, transport, { now: deviceNow }).runOnce();
    const last = calls.filter((c) => c.method === 'pull').at(-1)?.req as PullRequest;
    expect(Math.abs((last.status.clockOffsetMs ?? 0) - 3 * HOUR_MS)).toBeLessThan(2_000);
  });

  it('the server clock ahead by hours gives the same offset, whatever the device time', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    server.clock.now = Date.now() + 5 * HOUR_MS;
    await engineFor(a, server.transport).runOnce();
    const offset = (await getMeta(a.db, 'sync'))?.clockOffsetMs ?? 0;
    expect(Math.abs(offset - 5 * HOUR_MS)).toBeLessThan(5_000);
  });

  it('a kiosk pulls kiosk rows only: no names, no events, no users', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const code = await intake(a, T0, 'Nguyễn Thị Bí Mật');
    await engineFor(a, server.transport).runOnce();

    const kiosk = await enrolled(server.enrollCode, server.transport, 'kiosk');
    expect(await getMeta(kiosk.db, 'users')).toBeUndefined();
    expect(await getMeta(kiosk.db, 'catalog')).toBeDefined();
    expect(await engineFor(kiosk, server.transport).runOnce()).toMatchObject({ kind: 'synced', pulled: 1 });
    const rows = await kiosk.db.kioskDossiers.toArray();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'code',
      'dueAt',
      'effectiveDueAt',
      'officerId',
      'procedureCode',
      'procedureName',
      'rated',
      'receivedAt',
      'status',
      'supplementRequestedAt',
    ]);
    expect(rows[0]).toMatchObject({ code, rated: 0, status: 'received' });
    const everything = JSON.stringify(await Promise.all([kiosk.db.kioskDossiers.toArray(), kiosk.db.meta.toArray(), kiosk.db.events.toArray()]));
    expect(everything).not.toMatch(/Bí Mật|001190012345|0912345678/);
    expect(await kiosk.db.events.count()).toBe(0);
    expect(await kiosk.db.dossiers.count()).toBe(0);
    expect(await getMeta(kiosk.db, 'users')).toBeUndefined();
  });

  it('refreshes a reference document when its version changes upstream', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    expect((await getMeta(a.db, 'catalog'))?.version).toBe(DEMO_CATALOG.version);
    const engine = engineFor(a, server.transport);
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', reference: [] });
    server.publishCatalog({ ...DEMO_CATALOG, version: 'demo-2026.2' });
    expect(await engine.runOnce()).toMatchObject({ kind: 'synced', reference: ['catalog'] });
    expect((await getMeta(a.db, 'catalog'))?.version).toBe('demo-2026.2');
  });

  it('never two runs at once: a second call joins, a second engine on the same database skips', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    const lock = processLock(`test-${a.db.name}`);
    const one = engineFor(a, server.transport, { lock });
    const two = engineFor(a, server.transport, { lock });
    const [r1, r1again, r2] = await Promise.all([one.runOnce(), one.runOnce(), two.runOnce()]);
    expect(r1).toBe(r1again);
    expect(r1).toMatchObject({ kind: 'synced', pushed: 1 });
    expect(r2).toEqual({ kind: 'skipped', reason: 'busy' });
    expect(server.eventCount()).toBe(1);
  });

  it('started: a local write is sent soon, without waiting for the interval; stop() ends the triggers', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    const engine = engineFor(a, server.transport, { intervalMs: 3_600_000, soonMs: 20 });
    engine.start();
    // the next run is scheduled just after the result is published
    await waitFor(() => engine.state.getState().lastResult?.kind === 'synced' && engine.state.getState().nextRunAt !== null);
    expect(engine.state.getState().nextRunAt).toEqual(expect.any(Number));
    await intake(a, T0);
    await waitForAsync(async () => server.eventCount() === 1 && (await a.db.outbox.count()) === 0 && !engine.state.getState().running);
    engine.stop();
    expect(engine.state.getState().nextRunAt).toBeNull();
    await intake(a, T0 + 1000);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.eventCount()).toBe(1);
  });

  it('a device that is not enrolled does nothing', async () => {
    const server = demoServer();
    const { freshDb } = await import('./helpers');
    const engine = createSyncEngine({ db: freshDb(), transport: server.transport, appVersion: 'x' });
    expect(await engine.runOnce()).toEqual({ kind: 'skipped', reason: 'notEnrolled' });
  });
});

async function waitForAsync(cond: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function waitFor(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
