/**
 * Where a push's time goes: the server part of the sync bench with every SQL statement timed
 * (`PROFILE_ENGINE=pglite|postgres npx tsx tests/bench/profileIngest.ts`; `CPU_PROFILE=1` adds the server's
 * JavaScript by self time).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createHttpTransport, PROTOCOL_VERSION, type DeviceStatus } from '../../src/protocol';
import { openPglite, openPostgres, type Database, type Sql } from '../../src/server/store/db';
import { startServer } from '../../src/server/server';
import { seedDemo, DEMO_COMMUNE } from '../../src/server/seed';
import { PG_URL } from '../support/env';
import { syncEvents } from './fixtures';
import { topSelfTime } from './cpuProfile';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

const STATUS: DeviceStatus = {
  pendingCount: 0,
  oldestPendingAt: null,
  lastError: null,
  appVersion: 'bench',
  storagePersisted: true,
  clockOffsetMs: 0,
  lastSyncAt: null,
};
const times = new Map<string, { n: number; ms: number }>();
let on = false;
let explainBatch = -1,
  batchNo = 0;
const explained: string[] = [];
const timed = (s: Sql, inTx = false): Sql => ({
  async query(text, params) {
    if (inTx && batchNo === explainBatch && /^\s*(INSERT|WITH|UPDATE|DELETE|SELECT id|SELECT 'state')/.test(text)) {
      await s.query('SAVEPOINT x');
      const plan = await s.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      await s.query('ROLLBACK TO SAVEPOINT x');
      explained.push(`== ${text.replace(/\s+/g, ' ').slice(0, 100)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    const t0 = performance.now();
    try {
      return await s.query(text, params);
    } finally {
      if (on) {
        const k = text.replace(/\s+/g, ' ').slice(0, 90);
        const e = times.get(k) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t0;
        times.set(k, e);
      }
    }
  },
  exec: (t) => s.exec(t),
});

const engine = process.env.PROFILE_ENGINE ?? 'postgres';
const n = Number(process.env.BENCH_EVENTS ?? 10_000);
let schema = '';
let raw: Database;
if (engine === 'pglite') raw = await openPglite();
else {
  schema = `t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  raw = await openPostgres(PG_URL, { schema, max: 4 });
}
const db: Database = {
  ...raw,
  ...timed(raw),
  transaction: (fn) => raw.transaction((tx) => fn(timed(tx, true))),
  listen: raw.listen,
  close: raw.close,
  engine: raw.engine,
};
const server = await startServer({
  db,
  port: 0,
  distDir: 'dist',
  enrollPerMinute: 10_000,
  signInLimits: { perUser: 1e4, perAddress: 1e4, windowMs: 60_000 },
  connector: null,
  connectorManual: true,
  log: () => undefined,
});
await seedDemo(server.store, Date.now(), 1000, server.credentials);
const t = createHttpTransport({ baseUrl: server.url });
const a = await t.enroll({
  protocolVersion: PROTOCOL_VERSION,
  code: await server.core.issueCode(DEMO_COMMUNE.id, 'counter'),
  deviceName: 'A',
  appVersion: 'bench',
});
const events = syncEvents(n, a.deviceId, a.codeSlot ?? 1);
on = true;
const inspector = process.env.CPU_PROFILE ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  await inspector.post('Profiler.start');
}
const t0 = performance.now();
explainBatch = Number(process.env.EXPLAIN_BATCH ?? -1);
for (let i = 0; i < events.length; i += 500, batchNo++) {
  const res = await t.push(a.token, { protocolVersion: PROTOCOL_VERSION, events: events.slice(i, i + 500), status: STATUS });
  if (res.results.some((x) => x.outcome === 'rejected')) throw new Error('rejected');
}
const ms = performance.now() - t0;
on = false;
if (inspector) {
  const { profile } = await inspector.post('Profiler.stop');
  console.log(topSelfTime(profile as Parameters<typeof topSelfTime>[0], 40));
  const file = process.env.CPU_PROFILE ?? '';
  if (file.endsWith('.cpuprofile')) writeFileSync(file, JSON.stringify(profile));
}
let sqlMs = 0;
for (const [k, v] of [...times].sort((x, y) => y[1].ms - x[1].ms)) {
  sqlMs += v.ms;
  console.log(`${v.ms.toFixed(0).padStart(6)} ms ${String(v.n).padStart(4)}×  ${k}`);
}
if (explained.length) console.log(explained.join('\n'));
console.log(
  `${engine}: ${n} events in ${ms.toFixed(0)} ms = ${Math.round(n / (ms / 1000))}/s; SQL ${sqlMs.toFixed(0)} ms, the rest ${(ms - sqlMs).toFixed(0)} ms`,
);
await server.close();
if (schema) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA ${schema} CASCADE`);
  await c.end();
}
process.exit(0);
