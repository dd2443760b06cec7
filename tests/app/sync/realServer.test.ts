/** The engine against the real server (PGlite in memory) over HTTP. */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { buildOutboxFile } from '../../../src/app/sync/exportOutbox';
import { getMeta } from '../../../src/app/db/meta';
import { createHttpTransport, outboxFileSchema, type Transport } from '../../../src/protocol';
import { startTestServer, type TestServer } from '../../support/server';
import { T0 } from '../../support/builders';
import { enrolled, faulty, intake, transfer, type Tablet } from './helpers';

describe('sync engine against the real server (PGlite)', () => {
  let server: TestServer;
  let http: Transport;
  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    http = createHttpTransport({ baseUrl: server.url });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const tablet = (role: 'counter' | 'kiosk' = 'counter') => enrolled((r) => server.enrollCode(r), http, role);
  const engine = (t: Tablet, transport: Transport = http) => createSyncEngine({ db: t.db, transport, appVersion: 'test-real' });
  const serverCount = async () => (await server.admin.store.eventsAfter('xa-demo', 0, 10_000)).length;

  it('two tablets converge; a dropped answer after the commit gives no duplicate', async () => {
    const a = await tablet();
    const b = await tablet();
    expect((await getMeta(a.db, 'users'))?.body.users.length).toBeGreaterThan(0);
    const before = await serverCount();
    const d1 = await intake(a, T0);
    await intake(a, T0 + 60_000, 'Trần Văn Bình');
    await transfer(a, d1, T0 + 120_000);
    await intake(b, T0 + 30_000, 'Lê Thị Cúc');

    // the link stays down after the batch got through: the empty push asking whether the server answers fails too
    const { transport } = faulty(http, (m, nth) => (m === 'push' && nth <= 2 ? { dropAnswer: true } : null));
    const ea = engine(a, transport);
    expect(await ea.runOnce()).toMatchObject({ kind: 'failed', retry: true, error: { key: 'sync:error.offline' } });
    expect(await serverCount()).toBe(before + 3);
    expect(await ea.runOnce()).toMatchObject({ kind: 'synced', pushed: 3 });
    expect(await serverCount()).toBe(before + 3);

    expect(await engine(b).runOnce()).toMatchObject({ kind: 'synced', pushed: 1 });
    await ea.runOnce();
    expect(await serverCount()).toBe(before + 4);
    const ids = async (t: Tablet) => (await t.db.events.toArray()).map((e) => e.id).sort();
    expect(await ids(a)).toEqual(await ids(b));
    expect((await b.db.dossiers.get(d1))?.status).toBe('processing');
    expect(await a.db.outbox.count()).toBe(0);
    expect(await b.db.outbox.count()).toBe(0);
    const clock = (await getMeta(a.db, 'sync'))?.clockOffsetMs ?? Infinity;
    expect(Math.abs(clock)).toBeLessThan(2_000);
  });

  it('the exported file is imported upstream; the later push is answered "already had"', async () => {
    const a = await tablet();
    await intake(a, T0 + 5 * 60_000, 'Hoàng Văn Sơn');
    await intake(a, T0 + 6 * 60_000, 'Đinh Thị Mai');
    const built = await buildOutboxFile(a.db);
    if (!built.ok) throw new Error(built.error.code);
    const file = outboxFileSchema.parse(JSON.parse(JSON.stringify(built.value)));
    const imported = await server.admin.core.importOutbox(file);
    expect(imported.ok && imported.value.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    const after = await serverCount();
    expect(await engine(a).runOnce()).toMatchObject({ kind: 'synced', pushed: 2, rejected: 0 });
    expect(await serverCount()).toBe(after);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('a revoked device keeps its items and shows the permanent error', async () => {
    const a = await tablet();
    await intake(a, T0 + 7 * 60_000, 'Bùi Văn Tâm');
    await server.admin.store.revokeDevice(a.profile.deviceId, Date.now());
    expect(await engine(a).runOnce()).toMatchObject({ kind: 'failed', retry: false, error: { key: 'errors:server.revoked' } });
    expect(await a.db.outbox.count()).toBe(1);
    expect((await getMeta(a.db, 'sync'))?.lastError).toBe('errors:server.revoked');
  });

  it('a kiosk pulls kiosk rows without personal data', async () => {
    const k = await tablet('kiosk');
    expect(await engine(k).runOnce()).toMatchObject({ kind: 'synced' });
    const rows = await k.db.kioskDossiers.toArray();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/Nguyễn Thị Đào|Hoàng Văn Sơn|001190012345|0912345678/);
    expect(await k.db.events.count()).toBe(0);
    expect(await getMeta(k.db, 'users')).toBeUndefined();
  });
});
