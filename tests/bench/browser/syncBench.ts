/**
 * Sync speed in real Chromium (issue 4 "Speed"): the app's own client (Dexie, the sync engine,
 * the HTTP transport) against the real server that serves this page. Device A enrolls, gets N
 * events in its outbox as if recorded at the counter, and one engine run pushes them; device B (a
 * second browser context) enrolls and one engine run pulls them all into its Dexie.
 */
import Dexie from 'dexie';
import { openDb, type MotCuaDb, type OutboxItem } from '../../../src/app/db/schema';
import { setMeta } from '../../../src/app/db/meta';
import { enrollDevice } from '../../../src/app/sync/enroll';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { createHttpTransport } from '../../../src/protocol/httpTransport';
import type { Transport } from '../../../src/protocol';
import { syncEvents } from '../fixtures';

const http = createHttpTransport({ baseUrl: '', timeoutMs: 120_000 });
/** Time spent waiting on HTTP (request, server, answer, parse), to tell the client's share from the server's. */
const inHttp = { push: 0, pull: 0 };
const timed =
  <A extends unknown[], T>(k: keyof typeof inHttp, f: (...a: A) => Promise<T>) =>
  async (...a: A): Promise<T> => {
    const t = performance.now();
    try {
      return await f(...a);
    } finally {
      inHttp[k] += performance.now() - t;
    }
  };
const transport: Transport = { ...http, push: timed('push', http.push), pull: timed('pull', http.pull) };

/**
 * Wall time of every IndexedDB operation the client issues, by table and method (the profile of
 * where the tablet's own time goes; requests issued together overlap, so shares may sum past 100 %).
 */
let ops: Record<string, { n: number; ms: number }> = {};
const note = (key: string, t: number) => {
  const o = (ops[key] ??= { n: 0, ms: 0 });
  o.n++;
  o.ms += performance.now() - t;
};
function wrap(target: Record<string, unknown>, method: string, key: (self: unknown) => string): void {
  const orig = target[method] as (...a: unknown[]) => Promise<unknown>;
  target[method] = function (this: unknown, ...a: unknown[]) {
    const t = performance.now();
    const p = orig.apply(this, a);
    p.then(
      () => note(key(this), t),
      () => note(key(this), t),
    );
    return p;
  };
}
function instrument(db: MotCuaDb): void {
  const table = db.Table.prototype as unknown as Record<string, unknown>;
  for (const m of ['get', 'bulkGet', 'put', 'bulkPut', 'add', 'bulkAdd', 'update', 'bulkUpdate', 'delete', 'bulkDelete', 'count']) {
    wrap(table, m, (t) => `${(t as { name?: string }).name ?? '?'}.${m}`);
  }
  const coll = db.Collection.prototype as unknown as Record<string, unknown>;
  const name = (c: unknown) => (c as { _ctx?: { table?: { name?: string } } })._ctx?.table?.name ?? '?';
  for (const m of ['toArray', 'modify', 'delete', 'count', 'primaryKeys', 'first', 'last']) wrap(coll, m, (c) => `${name(c)}.where…${m}`);
  wrap(db as unknown as Record<string, unknown>, 'transaction', () => 'transaction (whole)');
}
const opsReport = () =>
  Object.fromEntries(
    Object.entries(ops)
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, v]) => [k, `${Math.round(v.ms)} ms / ${v.n}`]),
  );

async function enrolled(name: string, code: string): Promise<{ db: MotCuaDb; deviceId: string; slot: number }> {
  await Dexie.delete(name);
  const db = openDb(name);
  await db.open();
  instrument(db);
  const r = await enrollDevice(db, transport, { code, deviceName: name, appVersion: 'bench' });
  if (!r.ok) throw new Error(`enroll: ${JSON.stringify(r)}`);
  return { db, deviceId: r.value.deviceId, slot: r.value.codeSlot ?? 1 };
}

/** One engine run, with the moment it turned from push to pull. */
async function timedRun(db: MotCuaDb) {
  const engine = createSyncEngine({ db, transport, appVersion: 'bench' });
  let pushEnd: number | null = null;
  let pushOps: Record<string, string> = {};
  const unsubscribe = engine.state.subscribe((s, prev) => {
    if (prev.phase === 'push' && s.phase !== 'push') {
      pushEnd = performance.now();
      pushOps = opsReport();
    }
  });
  const t0 = performance.now();
  const result = await engine.runOnce();
  const end = performance.now();
  unsubscribe();
  engine.stop();
  if (result.kind !== 'synced') throw new Error(`sync run: ${JSON.stringify(result)}`);
  return { result, pushMs: (pushEnd ?? end) - t0, runMs: end - t0, pushOps };
}

/** Device A: N events in the outbox (one transaction per 1000, as stored by the counter), then one run. */
export async function runSyncPush(code: string, n: number): Promise<Record<string, unknown>> {
  const { db, deviceId, slot } = await enrolled('bench-sync-a', code);
  const events = syncEvents(n, deviceId, slot);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 1000) {
    const batch = events.slice(i, i + 1000);
    const items: OutboxItem[] = batch.map((e) => ({
      eventId: e.id,
      deviceSeq: e.deviceSeq,
      dossierId: e.dossierId,
      createdAt: e.at,
      state: 'pending',
      attempts: 0,
      lastError: null,
      permanent: false,
    }));
    await db.transaction('rw', [db.events, db.outbox, db.meta], async () => {
      await db.events.bulkAdd(batch.map((e) => ({ ...e, ownSeq: e.deviceSeq }))); // as queueLocalEvent stores them
      await db.outbox.bulkAdd(items);
      await setMeta(db, 'deviceSeq', batch[batch.length - 1]?.deviceSeq ?? 0);
    });
  }
  const fillMs = performance.now() - t0;
  inHttp.push = 0;
  ops = {};
  const { result, pushMs, runMs, pushOps } = await timedRun(db);
  const left = await db.outbox.count();
  db.close();
  if (result.kind !== 'synced' || result.pushed !== n || result.rejected !== 0 || left !== 0)
    throw new Error(`push: ${JSON.stringify(result)}, ${left} left in the outbox`);
  return {
    fillOutboxMs: Math.round(fillMs),
    pushMs: Math.round(pushMs),
    ingestPerSec: Math.round(n / (pushMs / 1000)),
    pushInHttpMs: Math.round(inHttp.push),
    runWithEchoPullMs: Math.round(runMs),
    events: n,
    pushOps,
  };
}

/** Device B: enroll, then one run pulls everything (events stored, dossiers folded, checkpoint moved). */
export async function runSyncPull(code: string, n: number): Promise<Record<string, unknown>> {
  const { db } = await enrolled('bench-sync-b', code);
  inHttp.pull = 0;
  ops = {};
  const { result, runMs } = await timedRun(db);
  const pullOps = opsReport();
  const [events, dossiers] = await Promise.all([db.events.count(), db.dossiers.count()]);
  db.close();
  if (result.kind !== 'synced' || result.pulled !== n || events !== n) throw new Error(`pull: ${JSON.stringify(result)}, ${events} events stored`);
  return { pullMs: Math.round(runMs), pullInHttpMs: Math.round(inHttp.pull), events, dossiers, pullOps };
}

declare global {
  interface Window {
    runSyncPush: typeof runSyncPush;
    runSyncPull: typeof runSyncPull;
  }
}
window.runSyncPush = runSyncPush;
window.runSyncPull = runSyncPull;
