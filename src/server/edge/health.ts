/**
 * GET /api/v1/health for operators and load balancers: the database answers, every migration
 * this build knows is applied, and which version runs. 200 when all is well, 503 otherwise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration } from '../migrations/index';
import type { Database } from '../store/db';

export type HealthReport = {
  readonly status: 'ok' | 'unavailable';
  readonly serverTime: number;
  readonly version: string;
  readonly database: { readonly engine: Database['engine']; readonly reachable: boolean };
  readonly migrations: { readonly current: boolean; readonly applied: number; readonly expected: number; readonly missing: readonly string[] };
};

/** The package version of the running server (package.json in the working directory, as `npm start` runs it). */
export function serverVersion(cwd: string = process.cwd()): string {
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function checkHealth(db: Database, expected: readonly Migration[], version: string, now: () => number): Promise<HealthReport> {
  let reachable = false;
  let applied = new Set<string>();
  try {
    const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
    applied = new Set(rows.map((r) => r.name));
    reachable = true;
  } catch {
    // unreachable, or not migrated at all: both unavailable
  }
  const missing = expected.map((m) => m.name).filter((n) => !applied.has(n));
  const current = reachable && missing.length === 0;
  return {
    status: current ? 'ok' : 'unavailable',
    serverTime: now(),
    version,
    database: { engine: db.engine, reachable },
    migrations: { current, applied: expected.length - missing.length, expected: expected.length, missing },
  };
}
