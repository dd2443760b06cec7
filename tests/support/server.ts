/**
 * The real server for tests: on PGlite in memory, in a data folder, or on the real PostgreSQL in a
 * fresh schema (dropped at stop). Seeded with the demo commune (xa-demo).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../../src/server/store/db';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/server';
import { seedDemo, DEMO_COMMUNE } from '../../src/server/seed';
import type { DeviceRole } from '../../src/protocol';
import type { ObjectStore } from '../../src/server/files/objectStore';
import { PG_URL } from './env';
import { ensureAppBuilt } from './build';

/** `{ pgSchema }`: an existing schema of the real PostgreSQL, shared by several instances and left in place. */
export type TestStorage = 'memory' | 'pg' | { dir: string } | { pgSchema: string };

export type TestServer = {
  readonly url: string;
  /** A fresh one-time enrollment code (the commune is created when missing). */
  enrollCode(role: DeviceRole, communeId?: string): Promise<string>;
  /** Direct access to the store and core, as the admin command has. */
  readonly admin: Pick<RunningServer, 'store' | 'core' | 'upstream' | 'credentials' | 'connector' | 'files'>;
  /** Closes like SIGTERM does: in-flight requests may finish within `graceMs`. */
  close(graceMs: number): Promise<void>;
  stop(): Promise<void>;
};

type ConnectorOptions = Pick<StartOptions, 'connector' | 'dossierFiles' | 'fileSource' | 'connectorManual' | 'connectorLog' | 'clock'>;

export type TestServerOptions = {
  storage?: TestStorage;
  enrollPerMinute?: number;
  distDir?: string;
  maxBodyBytes?: number;
  port?: number;
  signInLimits?: { perUser: number; perAddress: number; windowMs: number };
  objects?: ObjectStore;
  /** The request log (default: dropped, tests stay quiet). */
  log?: (line: string) => void;
  trustedProxyHops?: number;
  /** false: a second instance on a database another one seeded. */
  seed?: boolean;
} & ConnectorOptions;

export async function startTestServer(o: TestServerOptions = {}): Promise<TestServer> {
  const storage = o.storage ?? 'memory';
  let dropSchema: (() => Promise<void>) | null = null;
  let db;
  if (storage === 'memory') db = await openPglite();
  else if (storage === 'pg') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    db = await openPostgres(PG_URL, { schema, max: 4 });
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  } else if ('pgSchema' in storage) db = await openPostgres(PG_URL, { schema: storage.pgSchema, max: 4 });
  else db = await openPglite(storage.dir);

  const server = await startServer({
    db,
    port: o.port ?? 0,
    distDir: resolve(o.distDir ?? (await ensureAppBuilt().catch(() => 'dist'))),
    enrollPerMinute: o.enrollPerMinute ?? 10_000,
    ...(o.maxBodyBytes !== undefined ? { maxBodyBytes: o.maxBodyBytes } : {}),
    signInLimits: o.signInLimits ?? { perUser: 10_000, perAddress: 10_000, windowMs: 60_000 },
    connector: o.connector ?? null,
    connectorManual: o.connectorManual ?? true,
    ...(o.dossierFiles ? { dossierFiles: o.dossierFiles } : {}),
    ...(o.fileSource ? { fileSource: o.fileSource } : {}),
    ...(o.connectorLog ? { connectorLog: o.connectorLog } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.objects ? { objects: o.objects } : {}),
    log: o.log ?? (() => undefined),
    ...(o.trustedProxyHops !== undefined ? { trustedProxyHops: o.trustedProxyHops } : {}),
  });
  if (o.seed !== false) await seedDemo(server.store, Date.now(), 1000, server.credentials);

  return {
    url: server.url,
    admin: {
      store: server.store,
      core: server.core,
      upstream: server.upstream,
      credentials: server.credentials,
      connector: server.connector,
      files: server.files,
    },
    async enrollCode(role, communeId = DEMO_COMMUNE.id) {
      if (!(await server.store.commune(communeId)))
        await server.store.createCommune({ id: communeId, name: communeId, agencyCode: DEMO_COMMUNE.agencyCode }, Date.now());
      return server.core.issueCode(communeId, role);
    },
    async close(graceMs) {
      await server.close(graceMs);
      if (dropSchema) await dropSchema();
    },
    async stop() {
      await server.close();
      if (dropSchema) await dropSchema();
    },
  };
}

/** A loopback port free right now: for a server that must know its public URL before it starts (signed links). */
export const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });

/** Two server instances on one fresh PostgreSQL schema (dropped when both stop): what a load-balanced deployment is. */
export async function startTwoInstances(
  o: Omit<TestServerOptions, 'storage' | 'seed'> = {},
): Promise<{ one: TestServer; two: TestServer; stop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const one = await startTestServer({ ...o, storage: { pgSchema: schema } });
  const two = await startTestServer({ ...o, storage: { pgSchema: schema }, seed: false });
  return {
    one,
    two,
    async stop() {
      await one.stop();
      await two.stop();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
