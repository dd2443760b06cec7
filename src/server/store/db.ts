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
    close: () => pool.end(),
  };
}

/** DATABASE_URL -> PostgreSQL; otherwise PGlite in PGLITE_DIR (default .data/pglite). */
export function openFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPglite(env.PGLITE_DIR ?? '.data/pglite');
}
