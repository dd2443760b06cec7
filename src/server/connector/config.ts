/**
 * The connector's configuration, from the environment, checked at start: off when no PORTAL_*
 * variable is set; on when the required ones are; refused with every problem listed otherwise.
 * The password comes from PORTAL_PASSWORD or a secrets file (PORTAL_PASSWORD_FILE), never from
 * the database, and is never printed.
 */
import { readFileSync } from 'node:fs';
import type { DvcqgSettings } from './dvcqg/client';
import type { WorkerOptions } from './worker';

export type ConnectorSettings = {
  readonly format: 'dvcqg';
  readonly portal: DvcqgSettings;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly worker: Partial<WorkerOptions>;
  /** Signed download links for the portal's fetch of files; null: no files are named. */
  readonly links: { readonly publicUrl: string; readonly secret: string } | null;
};

export type ConnectorConfig =
  { readonly kind: 'off' } | { readonly kind: 'on'; readonly settings: ConnectorSettings } | { readonly kind: 'invalid'; readonly problems: readonly string[] };

export const PORTAL_ENV = [
  'PORTAL_FORMAT',
  'PORTAL_ENDPOINT',
  'PORTAL_AUTH_ENDPOINT',
  'PORTAL_USERNAME',
  'PORTAL_PASSWORD',
  'PORTAL_PASSWORD_FILE',
  'PORTAL_MADONVI',
  'PORTAL_DSTCODE',
  'PORTAL_SESSION_TTL_S',
  'PORTAL_BATCH_SIZE',
  'PORTAL_MAX_IN_FLIGHT',
  'PORTAL_CONNECT_TIMEOUT_MS',
  'PORTAL_READ_TIMEOUT_MS',
  'PORTAL_PUBLIC_URL',
  'PORTAL_LINK_SECRET',
  'PORTAL_LINK_SECRET_FILE',
] as const;

export function connectorConfig(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): ConnectorConfig {
  if (!PORTAL_ENV.some((k) => env[k] !== undefined && env[k] !== '')) return { kind: 'off' };
  const problems: string[] = [];
  const text = (k: (typeof PORTAL_ENV)[number]): string | undefined => (env[k] ?? '').trim() || undefined;
  const url = (k: (typeof PORTAL_ENV)[number], required: boolean): string => {
    const v = text(k);
    if (!v) {
      if (required) problems.push(`${k} is required`);
      return '';
    }
    try {
      const u = new URL(v);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push(`${k} must be an http(s) URL`);
    } catch {
      problems.push(`${k} is not a URL`);
    }
    return v;
  };
  const int = (k: (typeof PORTAL_ENV)[number], fallback: number, min: number, max: number): number => {
    const v = text(k);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`${k} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const secret = (k: 'PORTAL_PASSWORD' | 'PORTAL_LINK_SECRET', file: 'PORTAL_PASSWORD_FILE' | 'PORTAL_LINK_SECRET_FILE'): string | undefined => {
    if (text(k) && text(file)) problems.push(`set ${k} or ${file}, not both`);
    const path = text(file);
    if (!path) return env[k] || undefined;
    try {
      return readFile(path).trim() || undefined;
    } catch {
      problems.push(`${file}: cannot read the file`);
      return undefined;
    }
  };

  const format = text('PORTAL_FORMAT') ?? 'dvcqg';
  if (format !== 'dvcqg') problems.push(`PORTAL_FORMAT: unknown format "${format}" (known: dvcqg)`);
  const endpoint = url('PORTAL_ENDPOINT', true);
  const authEndpoint = url('PORTAL_AUTH_ENDPOINT', true);
  const username = text('PORTAL_USERNAME');
  if (!username) problems.push('PORTAL_USERNAME is required');
  const password = secret('PORTAL_PASSWORD', 'PORTAL_PASSWORD_FILE');
  if (!password) problems.push('PORTAL_PASSWORD or PORTAL_PASSWORD_FILE is required');
  const madonvi = text('PORTAL_MADONVI');
  if (!madonvi) problems.push('PORTAL_MADONVI is required');
  const sessionTtlS = int('PORTAL_SESSION_TTL_S', 600, 120, 86_400);
  const batchSize = int('PORTAL_BATCH_SIZE', 50, 1, 500);
  const maxInFlight = int('PORTAL_MAX_IN_FLIGHT', 4, 1, 64);
  const connectTimeoutMs = int('PORTAL_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000);
  const readTimeoutMs = int('PORTAL_READ_TIMEOUT_MS', 30_000, 100, 600_000);
  const publicUrl = url('PORTAL_PUBLIC_URL', false);
  const linkSecret = secret('PORTAL_LINK_SECRET', 'PORTAL_LINK_SECRET_FILE');
  if (linkSecret !== undefined && linkSecret.length < 32) problems.push('PORTAL_LINK_SECRET must be at least 32 characters');
  if (Boolean(publicUrl) !== Boolean(linkSecret)) problems.push('PORTAL_PUBLIC_URL and PORTAL_LINK_SECRET go together (signed file links for the portal)');
  if (problems.length > 0) return { kind: 'invalid', problems };

  const dstcode = text('PORTAL_DSTCODE');
  // A batch's calls must end before its lease: at most four calls (first sends, updates, a lookup, steps).
  const leaseMs = 4 * (connectTimeoutMs + readTimeoutMs) + 10_000;
  return {
    kind: 'on',
    settings: {
      format: 'dvcqg',
      portal: {
        endpoint,
        authEndpoint,
        username: username!,
        password: password!,
        madonvi: madonvi!,
        sessionTtlMs: sessionTtlS * 1000,
        ...(dstcode ? { dstcode } : {}),
      },
      connectTimeoutMs,
      readTimeoutMs,
      worker: { batchSize, maxInFlight, leaseMs },
      links: publicUrl && linkSecret ? { publicUrl, secret: linkSecret } : null,
    },
  };
}
