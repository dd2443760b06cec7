/**
 * The server as separate processes (`node --import tsx src/server/main.ts`): a wrong configuration
 * stops it with a clear message (OPS3), SIGTERM shuts it down cleanly (OPS4), and two instances on
 * one PostgreSQL give every puller every event once, in order, with no gap (SYNC7).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../src/domain/dossier/events';
import { createHttpTransport, PROTOCOL_VERSION, type DeviceProfile } from '../../src/protocol';
import { createSyncCore } from '../../src/server/core/sync';
import { runMigrations } from '../../src/server/migrations/run';
import { seedDemo } from '../../src/server/seed';
import { openPostgres } from '../../src/server/store/db';
import { createSqlStore } from '../../src/server/store/sqlStore';
import { buildEvent, buildReceived, T0 } from '../support/builders';
import { PG_URL, shouldRun } from '../support/env';

type Proc = { child: ChildProcess; out: string[]; url: Promise<string>; exit: Promise<number | null> };

const started: ChildProcess[] = [];
afterAll(() => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
});

function startProcess(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DIST_DIR: '/nonexistent', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const out: string[] = [];
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out.push(d.toString());
      const m = /Một Cửa server: (http:\/\/[\d.]+:\d+)/.exec(out.join(''));
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => out.push(d.toString()));
    child.on('exit', () => reject(new Error(`the server exited before listening:\n${out.join('')}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, url, exit };
}

describe('the server process', () => {
  it('[OPS3] a wrong PORT or DATABASE_URL stops it at start with a message naming the variable', async () => {
    const p = startProcess({ PORT: 'eighty', DATABASE_URL: 'mysql://root@db/motcua' });
    expect(await p.exit).toBe(2);
    const text = p.out.join('');
    expect(text).toMatch(/PORT must be a whole number from 0 to 65535, not "eighty"/);
    expect(text).toMatch(/DATABASE_URL must start with postgres:\/\//);
    const unreachable = startProcess({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await unreachable.exit).toBe(2);
    expect(unreachable.out.join('')).toMatch(/cannot open the PostgreSQL of DATABASE_URL/);
  }, 60_000);

  it('[OPS4] on SIGTERM it stops accepting, closes the database and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-sigterm-'));
    try {
      const p = startProcess({ PGLITE_DIR: dir });
      const url = await p.url;
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
      p.child.kill('SIGTERM');
      expect(await p.exit).toBe(0);
      expect(p.out.join('')).toMatch(/"event":"shutdown","signal":"SIGTERM"/);
      expect(p.out.join('')).toMatch(/"event":"stopped"/);
      await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

const STATUS = { pendingCount: 0, oldestPendingAt: null, lastError: null, appVersion: '1', storagePersisted: null, clockOffsetMs: null, lastSyncAt: null };

describe.runIf(shouldRun('postgres'))('[SYNC7] two server instances on one PostgreSQL', () => {
  it('[SYNC7] concurrent pushes from several devices through both, pulls during them: every puller gets all stored events once, in order, no gap', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const db = await openPostgres(PG_URL, { schema });
    try {
      await runMigrations(db);
      await seedDemo(createSqlStore(db), Date.now(), 1000);
      const core = createSyncCore(createSqlStore(db));
      const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const [a, b] = [startProcess({ DATABASE_URL: url }), startProcess({ DATABASE_URL: url })];
      const servers = [createHttpTransport({ baseUrl: await a.url }), createHttpTransport({ baseUrl: await b.url })];

      const enroll = async (i: number): Promise<DeviceProfile> =>
        servers[i % 2]!.enroll({
          protocolVersion: PROTOCOL_VERSION,
          code: await core.issueCode('xa-demo', 'counter'),
          deviceName: `máy ${i}`,
          appVersion: '1',
        });
      const pushers = await Promise.all([0, 1, 2, 3].map(enroll));
      const pullers = await Promise.all([4, 5].map(enroll));

      const BATCHES = 8,
        PER_BATCH = 25;
      let pushing = true;
      const push = async (p: DeviceProfile, k: number) => {
        let seq = 0;
        for (let batch = 0; batch < BATCHES; batch++) {
          const events: DossierEvent[] = [];
          for (let j = 0; j < PER_BATCH; j++) {
            const code = `000.00.06.H56-260302-${String(p.codeSlot! * 1000 + batch * PER_BATCH + j + 1).padStart(4, '0')}`;
            const env = { id: randomUUID(), deviceId: p.deviceId, communeId: 'xa-demo', dossierId: code, at: T0 + j, deviceSeq: ++seq };
            events.push(j % 5 === 4 ? buildEvent('transferred', { toUnit: 'Tư pháp' }, { ...env, dossierId: events[0]!.dossierId }) : buildReceived({}, env));
          }
          const r = await servers[(k + batch) % 2]!.push(p.token, { protocolVersion: PROTOCOL_VERSION, events, status: STATUS });
          expect(r.results.every((x) => x.outcome === 'accepted')).toBe(true);
        }
      };
      const pull = async (p: DeviceProfile, k: number) => {
        const seen: { serverSeq: number; id: string }[] = [];
        let after = 0;
        for (let round = 0; ; round++) {
          const stillPushing = pushing; // read before the request: a pull that starts after the pushes ended is complete
          const r = await servers[(k + round) % 2]!.pull(p.token, { protocolVersion: PROTOCOL_VERSION, after, limit: 37, status: STATUS });
          if (r.kind !== 'events') throw new Error('expected events');
          seen.push(...r.events.map((e) => ({ serverSeq: e.serverSeq, id: e.event.id })));
          after = r.next;
          if (!stillPushing && !r.hasMore) return seen;
        }
      };
      const pulling = pullers.map(pull);
      await Promise.all(pushers.map(push));
      pushing = false;
      const results = await Promise.all(pulling);

      const stored = await db.query<{ id: string; server_seq: number }>(`SELECT id, server_seq FROM events WHERE commune_id = 'xa-demo' ORDER BY server_seq`);
      expect(stored).toHaveLength(4 * BATCHES * PER_BATCH);
      for (const seen of results) {
        expect(new Set(seen.map((x) => x.id)).size).toBe(seen.length); // no duplicate
        expect(seen.map((x) => x.serverSeq)).toEqual([...seen.map((x) => x.serverSeq)].sort((x, y) => x - y));
        expect(seen.map((x) => x.id)).toEqual(stored.map((r) => r.id)); // no gap: the union is what is stored
      }
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      expect([await a.exit, await b.exit]).toEqual([0, 0]);
    } finally {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }, 180_000);
});
