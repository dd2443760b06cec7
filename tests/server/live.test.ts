/**
 * Live updates (SYNC8): a device connected to /api/v1/live hears that its commune has
 * new events as soon as they are stored, also when they were stored through another server
 * instance on the same PostgreSQL (LISTEN/NOTIFY); only its own commune; one connection per
 * device; the same bearer token as every request.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startLive } from '../../src/app/sync/live';
import { createHttpTransport, PROTOCOL_VERSION, type DeviceProfile } from '../../src/protocol';
import { openPglite, openPostgres } from '../../src/server/store/db';
import { startServer, type RunningServer } from '../../src/server/server';
import { DEMO_COMMUNE, seedDemo } from '../../src/server/seed';
import { STATUS } from '../contracts/sync.contract';
import { buildReceived } from '../support/builders';
import { PG_URL, shouldRun } from '../support/env';

const servers: RunningServer[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const c of cleanups.splice(0)) await c();
});

async function enroll(server: RunningServer, communeId: string = DEMO_COMMUNE.id): Promise<DeviceProfile> {
  if (!(await server.store.commune(communeId)))
    await server.store.createCommune({ id: communeId, name: communeId, agencyCode: DEMO_COMMUNE.agencyCode }, Date.now());
  const code = await server.core.issueCode(communeId, 'counter');
  return createHttpTransport({ baseUrl: server.url }).enroll({ protocolVersion: PROTOCOL_VERSION, code, deviceName: 'live test', appVersion: 'test' });
}

let n = 0;
async function pushOne(server: RunningServer, p: DeviceProfile): Promise<void> {
  n++;
  const e = buildReceived(
    {},
    { id: randomUUID(), communeId: p.communeId, deviceId: p.deviceId, dossierId: `000.00.06.H56-260302-${(p.codeSlot ?? 1) * 1000 + n}`, deviceSeq: n },
  );
  const res = await createHttpTransport({ baseUrl: server.url }).push(p.token, { protocolVersion: PROTOCOL_VERSION, events: [e], status: STATUS });
  expect(res.results[0]?.outcome).toBe('accepted');
}

/** A live client that counts signals; `next()` resolves at the next one. */
function listener(server: RunningServer, token: string) {
  let signals = 0;
  const waiters: (() => void)[] = [];
  const states: string[] = [];
  const live = startLive({
    baseUrl: server.url,
    token: async () => token,
    random: () => 0.5,
    onEvents: async () => {
      signals++;
      waiters.splice(0).forEach((w) => w());
    },
    onState: (s) => states.push(s),
  });
  cleanups.push(async () => live.stop());
  return {
    live,
    states,
    signals: () => signals,
    next: (ms = 5000) =>
      new Promise<number>((resolve, reject) => {
        const t0 = Date.now();
        const timer = setTimeout(() => reject(new Error(`no live signal within ${ms} ms`)), ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(Date.now() - t0);
        });
      }),
  };
}

const until = async (f: () => boolean, ms = 5000) => {
  for (const t0 = Date.now(); !f(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() - t0 > ms) throw new Error('timed out');
};

describe('[SYNC8] live updates on PGlite (one instance)', () => {
  it("a connected device hears its commune's new events at once, not another commune's", { timeout: 60_000 }, async () => {
    const server = await startServer({ db: await openPglite(), port: 0 });
    servers.push(server);
    await seedDemo(server.store, Date.now());
    const a = await enroll(server),
      b = await enroll(server),
      other = await enroll(server, 'xa-khac');
    const hears = listener(server, b.token);
    const foreign = listener(server, other.token);
    await until(() => hears.states.includes('connected') && foreign.states.includes('connected'));
    // the first signal comes on connecting: "pull what you missed"
    await until(() => hears.signals() === 1 && foreign.signals() === 1);
    const heard = hears.next();
    await pushOne(server, a);
    expect(await heard).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(foreign.signals()).toBe(1);
  });

  it('refuses a request without a valid token, and keeps one connection per device', { timeout: 60_000 }, async () => {
    const server = await startServer({ db: await openPglite(), port: 0 });
    servers.push(server);
    await seedDemo(server.store, Date.now());
    const res = await fetch(`${server.url}/api/v1/live`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { reason: 'unknownDevice' } });
    const b = await enroll(server);
    const first = listener(server, b.token);
    await until(() => first.states.includes('connected'));
    const second = listener(server, b.token);
    await until(() => second.states.includes('connected') && first.states.includes('down'));
    expect(server.live.connected()).toBeLessThanOrEqual(1);
    first.live.stop();
    second.live.stop();
  });
});

describe.runIf(shouldRun('postgres'))('live updates across two server instances on one PostgreSQL', () => {
  it('an event stored through instance 1 reaches a device connected to instance 2 (LISTEN/NOTIFY)', { timeout: 60_000 }, async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    });
    const one = await startServer({ db: await openPostgres(PG_URL, { schema, max: 3 }), port: 0 });
    servers.push(one);
    await seedDemo(one.store, Date.now());
    const two = await startServer({ db: await openPostgres(PG_URL, { schema, max: 3 }), port: 0 });
    servers.push(two);
    const a = await enroll(one),
      b = await enroll(two);
    const hears = listener(two, b.token);
    await until(() => hears.signals() === 1);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const heard = hears.next();
      await pushOne(one, a);
      latencies.push(await heard);
    }
    expect(Math.max(...latencies)).toBeLessThan(2000);
  });
});
