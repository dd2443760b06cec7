/**
 * Sync speed (issue 4): push N events over loopback HTTP and pull them on a second device, on the
 * embedded PGlite and on PostgreSQL, beside raw SQL inserting the same rows (the limit).
 */
import pg from 'pg';
import { createHttpTransport, PROTOCOL_VERSION, type DeviceStatus, type PulledEvent } from '../../src/protocol';
import { startTestServer, type TestStorage } from '../support/server';
import { PG_URL, hasPostgres } from '../support/env';
import { syncEvents as eventsFor } from './fixtures';

const STATUS: DeviceStatus = { pendingCount: 0, oldestPendingAt: null, lastError: null, appVersion: 'bench', storagePersisted: true, clockOffsetMs: 0, lastSyncAt: null };

async function syncRound(storage: TestStorage, n: number) {
  const server = await startTestServer({ storage });
  try {
    const t = createHttpTransport({ baseUrl: server.url });
    const a = await t.enroll({ protocolVersion: PROTOCOL_VERSION, code: await server.enrollCode('counter'), deviceName: 'bench A', appVersion: 'bench' });
    const b = await t.enroll({ protocolVersion: PROTOCOL_VERSION, code: await server.enrollCode('counter'), deviceName: 'bench B', appVersion: 'bench' });
    const events = eventsFor(n, a.deviceId, a.codeSlot ?? 1);
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += 500) {
      const res = await t.push(a.token, { protocolVersion: PROTOCOL_VERSION, events: events.slice(i, i + 500), status: STATUS });
      if (res.results.some((x) => x.outcome === 'rejected')) throw new Error('bench push rejected');
    }
    const pushMs = performance.now() - t0;
    const t1 = performance.now();
    let after = 0, pulled: PulledEvent[] = [];
    for (;;) {
      const res = await t.pull(b.token, { protocolVersion: PROTOCOL_VERSION, after, limit: 1000, status: STATUS });
      if (res.kind !== 'events') throw new Error('kind');
      pulled = pulled.concat(res.events);
      after = res.next;
      if (!res.hasMore) break;
    }
    const pullMs = performance.now() - t1;
    if (pulled.length !== n) throw new Error(`pulled ${pulled.length} of ${n}`);
    const t2 = performance.now();
    for (let i = 0; i < events.length; i += 500) await t.push(a.token, { protocolVersion: PROTOCOL_VERSION, events: events.slice(i, i + 500), status: STATUS });
    const replayMs = performance.now() - t2;
    return { pushMs: Math.round(pushMs), ingestPerSec: Math.round(n / (pushMs / 1000)), pullMs: Math.round(pullMs), replaySameBatchesMs: Math.round(replayMs), events: n };
  } finally {
    await server.stop();
  }
}

/** The limit: one client inserting the same rows with multi-row INSERTs in transactions of 500. */
export async function rawSql(n: number) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query('CREATE TEMP TABLE bench_events (id uuid PRIMARY KEY, server_seq bigserial UNIQUE, commune_id text, dossier_id text, device_id text, device_seq bigint, actor_id text, type text, at bigint, tz_offset_min int, payload jsonb, received_at bigint)');
    await c.query('CREATE INDEX ON bench_events (commune_id, server_seq); CREATE INDEX ON bench_events (commune_id, dossier_id); CREATE INDEX ON bench_events (device_id, device_seq)');
    const events = eventsFor(n, 'raw', 1);
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += 500) {
      const batch = events.slice(i, i + 500);
      const values: unknown[] = [];
      const rows = batch.map((e, k) => {
        values.push(e.id, e.communeId, e.dossierId, e.deviceId, e.deviceSeq, e.actorId, e.type, e.at, e.tzOffsetMin, JSON.stringify(e.payload), Date.now());
        const b = k * 11;
        return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},$${b + 9},$${b + 10},$${b + 11})`;
      });
      await c.query('BEGIN');
      await c.query(`INSERT INTO bench_events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at) VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING`, values);
      await c.query('COMMIT');
    }
    const ms = performance.now() - t0;
    return { insertMs: Math.round(ms), perSec: Math.round(n / (ms / 1000)) };
  } finally {
    await c.end();
  }
}

export async function runServerBench(n: number): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { pglite: await syncRound('memory', n) };
  if (hasPostgres) {
    out.postgres = await syncRound('pg', n);
    out.rawSqlPostgres = await rawSql(n);
  } else out.postgres = 'skipped: no PostgreSQL on 127.0.0.1:5432';
  return out;
}
