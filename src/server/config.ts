/**
 * The server's configuration, read from the environment once at start and checked: a wrong value
 * stops the server with a message naming the variable, instead of a failure later at the first
 * request. Everything else receives the parsed Config.
 */
import { resolve } from 'node:path';

export type Config = {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL when set; otherwise PGlite in `pgliteDir`. */
  readonly databaseUrl: string | null;
  readonly pgliteDir: string;
  readonly distDir: string;
  /** Reverse proxies in front that append to X-Forwarded-For (TRUST_PROXY: 0, 1 or a hop count). */
  readonly trustedProxyHops: number;
  /** On SIGTERM, how long in-flight requests may take before their connections are closed. */
  readonly shutdownGraceMs: number;
};

export type ConfigResult = { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly errors: readonly string[] };

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number, errors: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    errors.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return fallback;
  }
  return n;
}

function databaseUrl(raw: string | undefined, errors: string[]): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    errors.push('DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database');
    return null;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    errors.push(`DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//`);
    return null;
  }
  if (!url.hostname && !url.searchParams.get('host')) errors.push('DATABASE_URL names no host');
  if (url.pathname.replace(/^\//, '') === '') errors.push('DATABASE_URL names no database (…/database at the end)');
  return raw;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const errors: string[] = [];
  const trust = env.TRUST_PROXY?.trim().toLowerCase();
  const trustedProxyHops =
    trust === 'true' || trust === 'yes' ? 1 : trust === 'false' || trust === 'no' ? 0 : integer('TRUST_PROXY', env.TRUST_PROXY, 0, 0, 10, errors);
  const config: Config = {
    port: integer('PORT', env.PORT, 8080, 0, 65_535, errors),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: databaseUrl(env.DATABASE_URL, errors),
    pgliteDir: env.PGLITE_DIR?.trim() || '.data/pglite',
    distDir: resolve(env.DIST_DIR?.trim() || 'dist'),
    trustedProxyHops,
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10_000, 0, 600_000, errors),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}
