/**
 * Sync speed (issue 4): push N events over loopback HTTP and pull them on a second device, on the
 * embedded PGlite and on PostgreSQL, beside raw SQL inserting the same rows (the limit).
 */
import { randomBytes } from 'node:crypto';
import { createHttpTransport, PROTOCOL_VERSION, type DeviceStatus, type PulledEvent, type PushResponse } from '../../src/protocol';
import { openPglite, openPostgres } from '../../src/server/store/db';
import { startTestServer, type TestStorage } from '../support/server';
import { PG_URL, hasPostgres } from '../support/env';
import { syncEvents as eventsFor } from './fixtures';
import { runMigrations } from '../../src/server/migrations/run';
import { foldDossier } from '../../src/domain/dossier/fold';
import type { DossierEvent } from '../../src/domain/dossier/events';

const STATUS: DeviceStatus = {
  pendingCount: 0,
  oldestPendingAt: null,
  lastError: null,
  appVersion: 'bench',
  storagePersisted: true,
  clockOffsetMs: 0,
  lastSyncAt: null,
};

/** Pushes the events in batches of 500 as the tablet does (src/app/sync/push.ts): two requests on the wire at most. */
async function pushAll(t: ReturnType<typeof createHttpTransport>, token: string, events: readonly DossierEvent[]) {
  const onTheWire: Promise<PushResponse>[] = [];
  const check = (res: PushResponse) => {
    if (res.results.some((x) => x.outcome === 'rejected')) throw new Error('bench push rejected');
  };
  for (let i = 0; i < events.length; i += 500) {
    onTheWire.push(t.push(token, { protocolVersion: PROTOCOL_VERSION, events: events.slice(i, i + 500), status: STATUS }));
    if (onTheWire.length === 2) check(await onTheWire.shift()!);
  }
  for (const p of onTheWire) check(await p);
}

async function syncRound(storage: TestStorage, n: number) {
  const server = await startTestServer({ storage });
  try {
    const t = createHttpTransport({ baseUrl: server.url });
    const a = await t.enroll({ protocolVersion: PROTOCOL_VERSION, code: await server.enrollCode('counter'), deviceName: 'bench A', appVersion: 'bench' });
    const b = await t.enroll({ protocolVersion: PROTOCOL_VERSION, code: await server.enrollCode('counter'), deviceName: 'bench B', appVersion: 'bench' });
    const events = eventsFor(n, a.deviceId, a.codeSlot ?? 1);
    const t0 = performance.now();
    await pushAll(t, a.token, events);
    const pushMs = performance.now() - t0;
    const t1 = performance.now();
    let after = 0,
      pulled: PulledEvent[] = [];
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
    await pushAll(t, a.token, events);
    const replayMs = performance.now() - t2;
    return {
      pushMs: Math.round(pushMs),
      ingestPerSec: Math.round(n / (pushMs / 1000)),
      pullMs: Math.round(pullMs),
      replaySameBatchesMs: Math.round(replayMs),
      events: n,
    };
  } finally {
    await server.stop();
  }
}

const EVENT_INSERT_COLUMNS = '(id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)';

/** The VALUES rows and parameters of a raw multi-row INSERT of events (EVENT_INSERT_COLUMNS). */
function eventInsertValues(batch: readonly DossierEvent[]): { rows: string[]; values: unknown[] } {
  const values: unknown[] = [];
  const rows = batch.map((e, k) => {
    values.push(e.id, e.communeId, e.dossierId, e.deviceId, e.deviceSeq, e.actorId, e.type, e.at, e.tzOffsetMin, JSON.stringify(e.payload), Date.now());
    const b = k * 11;
    return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},$${b + 9},$${b + 10},$${b + 11})`;
  });
  return { rows, values };
}

/**
 * The limit: one client inserting the same rows with multi-row INSERTs in transactions of 500,
 * into a table shaped and indexed like `events`, on the same engine. A regular table, written to
 * the WAL and flushed at each commit like `events` (a TEMP table skips both and is no limit).
 */
export async function rawSql(engine: 'pglite' | 'postgres', n: number): Promise<{ insertMs: number; perSec: number }> {
  const db = engine === 'pglite' ? await openPglite() : await openPostgres(PG_URL, { max: 1 });
  const table = `bench_events_${randomBytes(4).toString('hex')}`;
  try {
    await db.exec(
      `CREATE TABLE ${table} (id uuid PRIMARY KEY, server_seq bigserial UNIQUE, commune_id text, dossier_id text, device_id text, device_seq bigint, actor_id text, type text, at bigint, tz_offset_min int, payload jsonb, received_at bigint)`,
    );
    await db.exec(
      `CREATE INDEX ON ${table} (commune_id, server_seq); CREATE INDEX ON ${table} (commune_id, dossier_id); CREATE INDEX ON ${table} (device_id, device_seq)`,
    );
    const events = eventsFor(n, 'raw', 1);
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += 500) {
      const batch = events.slice(i, i + 500);
      const { rows, values } = eventInsertValues(batch);
      await db.transaction((tx) => tx.query(`INSERT INTO ${table} ${EVENT_INSERT_COLUMNS} VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING`, values));
    }
    const ms = performance.now() - t0;
    return { insertMs: Math.round(ms), perSec: Math.round(n / (ms / 1000)) };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await db.close();
  }
}

/**
 * The floor of what one push must write: one client inserting the same events and upserting their
 * dossiers' projections (folded beforehand, outside the timing) into the real, migrated tables, in
 * one transaction per 500 events; no HTTP, no checks, no fold. Not a budget: it tells how much of
 * the raw INSERT rate the projection writes alone leave.
 */
export async function rawSqlWithProjections(engine: 'pglite' | 'postgres', n: number): Promise<{ perSec: number }> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db = engine === 'pglite' ? await openPglite() : await openPostgres(PG_URL, { max: 1, schema });
  try {
    if (engine === 'postgres') await db.exec(`CREATE SCHEMA ${schema}`);
    await runMigrations(db);
    await db.query(`INSERT INTO communes (id, name, agency_code, created_at) VALUES ('raw', 'raw', 'raw', 0)`);
    const events = eventsFor(n, 'raw', 1).map((e) => ({ ...e, communeId: 'raw' }));
    const byDossier = new Map<string, DossierEvent[]>();
    const batches = [];
    for (let i = 0; i < events.length; i += 500) {
      const batch = events.slice(i, i + 500);
      for (const e of batch) byDossier.set(e.dossierId, [...(byDossier.get(e.dossierId) ?? []), e]);
      const states = [...new Set(batch.map((e) => e.dossierId))].map((code) => foldDossier(byDossier.get(code)!)!);
      batches.push({ batch, states });
    }
    const t0 = performance.now();
    for (const { batch, states } of batches) {
      const { rows, values } = eventInsertValues(batch);
      const dv: unknown[] = [];
      const drows = states.map((st, k) => {
        dv.push(st.code, st.status, st.receivedAt, st.dueAt, st.fieldCode, st.procedureCode, st.receivedBy, JSON.stringify(st));
        const b = k * 8;
        return `('raw',$${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 4},$${b + 5},$${b + 6},$${b + 7},false,0,0,$${b + 8}::jsonb,$${b + 4})`;
      });
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO events ${EVENT_INSERT_COLUMNS} VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING`, values);
        await tx.query(
          `INSERT INTO dossiers (commune_id, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state, running_due_at)
           VALUES ${drows.join(',')} ON CONFLICT (commune_id, code) DO UPDATE SET status = EXCLUDED.status, state = EXCLUDED.state`,
          dv,
        );
      });
    }
    return { perSec: Math.round(n / ((performance.now() - t0) / 1000)) };
  } finally {
    if (engine === 'postgres') await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};

/**
 * Per engine, `rounds` alternations of the raw INSERT limit and our server over HTTP (so a busy
 * machine slows both alike), reported as medians with our ingest rate as a share of the raw one.
 */
async function engineRounds(engine: 'pglite' | 'postgres', n: number, rounds: number) {
  const raw: number[] = [],
    rawWithProjections: number[] = [],
    ours: Awaited<ReturnType<typeof syncRound>>[] = [];
  for (let r = 0; r < rounds; r++) {
    raw.push((await rawSql(engine, n)).perSec);
    ours.push(await syncRound(engine === 'pglite' ? 'memory' : 'pg', n));
    rawWithProjections.push((await rawSqlWithProjections(engine, n)).perSec);
  }
  const m = (k: 'pushMs' | 'ingestPerSec' | 'pullMs' | 'replaySameBatchesMs') => median(ours.map((o) => o[k]));
  const ingestPerSec = m('ingestPerSec'),
    rawPerSec = median(raw);
  return {
    pushMs: m('pushMs'),
    ingestPerSec,
    pullMs: m('pullMs'),
    replaySameBatchesMs: m('replaySameBatchesMs'),
    rawInsertPerSec: rawPerSec,
    ingestShareOfRaw: Math.round((100 * ingestPerSec) / rawPerSec) / 100,
    rawWithProjectionsPerSec: median(rawWithProjections),
    rawWithProjectionsShareOfRaw: Math.round((100 * median(rawWithProjections)) / rawPerSec) / 100,
    rounds,
    events: n,
    perRound: ours.map((o, i) => ({ ingestPerSec: o.ingestPerSec, rawInsertPerSec: raw[i] })),
  };
}

export async function runServerBench(n: number, rounds = Number(process.env.BENCH_ROUNDS ?? 3)): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { pglite: await engineRounds('pglite', n, rounds) };
  out.postgres = hasPostgres ? await engineRounds('postgres', n, rounds) : 'skipped: no PostgreSQL on 127.0.0.1:5432';
  return out;
}
