/**
 * The one SQL dialect (PostgreSQL) on two engines: PGlite (embedded, default: a data folder or
 * memory) and node-postgres (when DATABASE_URL is set). Everything above this file sees `Database`.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel: `fn` gets the payload of every NOTIFY (sent by any connection, so by any
   * server instance on the same database, at its commit). Resolves to the unlisten function.
   */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly engine: 'pglite' | 'postgres';
}

/** PGlite in a data folder, or in memory when `dir` is undefined. */
export async function openPglite(dir?: string): Promise<Database> {
  const db = dir ? new PGlite(dir) : new PGlite();
  await db.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, params as unknown[])).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    engine: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    listen: (channel, fn) => db.listen(channel, fn),
    close: () => db.close(),
  };
}

// int8 (bigint) columns hold epoch ms and sequence numbers, all below 2^53: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** node-postgres; `schema` sets the search_path (the tests run each in a fresh schema). */
export async function openPostgres(url: string, options: { schema?: string; max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('error', () => undefined); // an idle client dropped by the server: the pool replaces it
  const wrap = (c: pg.Pool | pg.PoolClient): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      return (await c.query<T>(text, params as unknown[])).rows;
    },
    async exec(text: string) {
      await c.query(text); // no parameters: the simple protocol runs several statements
    },
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    listen: (channel, fn) => listenPostgres(url, options.schema, channel, fn),
    close: () => pool.end(),
  };
}

/** A connection of its own holds the LISTEN; it reconnects (and listens again) after a drop. */
async function listenPostgres(url: string, schema: string | undefined, channel: string, fn: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    c.on('notification', (n) => {
      if (n.channel === channel) fn(n.payload ?? '');
    });
    c.on('error', () => {
      if (client === c) client = null;
      if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await c.connect();
    await c.query(`LISTEN "${channel.replace(/"/g, '')}"`);
    if (stopped) await c.end();
    else client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}

/** DATABASE_URL -> PostgreSQL; otherwise PGlite in PGLITE_DIR (default .data/pglite). */
export function openFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPglite(env.PGLITE_DIR ?? '.data/pglite');
}
