/** Transport over HTTP with fetch (the app, and the contract tests against the real server). */
import { z } from 'zod';
import { errorBodySchema } from './errors';
import { API, deviceProfileSchema, devicesResponseSchema, pullResponseSchema, pushResponseSchema } from './messages';
import { referenceResponseSchema, type ReferenceKind } from './reference';
import { communePortalSchema, portalPath } from './portal';
import { TransportError, type SupervisorTransport } from './transport';

export type HttpTransportOptions = {
  /** e.g. `http://127.0.0.1:8080`; '' for the same origin (the PWA served by the server). */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Abort a request after this long (then it is a network error, retried). Default 30 s. */
  readonly timeoutMs?: number;
};

/** Retry-After in seconds or as an HTTP date, in ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export type HttpCall = <T>(path: string, init: { method: 'GET' | 'POST'; token?: string; body?: unknown }, schema: z.ZodType<T>) => Promise<T>;

/** One JSON request: refusals become TransportError with the server's reason, answers are checked with `schema`. */
export function createHttpCall(options: HttpTransportOptions): HttpCall {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  return async function call<T>(path: string, init: { method: 'GET' | 'POST'; token?: string; body?: unknown }, schema: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(options.baseUrl + path, {
        method: init.method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new TransportError(null, null, `network: ${e instanceof Error ? e.message : String(e)}`);
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const body = errorBodySchema.safeParse(json);
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
      if (body.success) {
        throw new TransportError(
          res.status,
          body.data.error.reason,
          body.data.error.message,
          body.data.error.details ?? [],
          retryAfterMs,
          body.data.serverTime ?? null,
        );
      }
      throw new TransportError(res.status, null, `HTTP ${res.status}`, [], retryAfterMs);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new TransportError(res.status, null, `unexpected answer from ${path}: ${parsed.error.message.slice(0, 300)}`);
    return parsed.data;
  };
}

export function createHttpTransport(options: HttpTransportOptions): SupervisorTransport {
  const call = createHttpCall(options);
  return {
    enroll: (req) => call(API.enroll, { method: 'POST', body: req }, deviceProfileSchema),
    push: (token, req) => call(API.push, { method: 'POST', token, body: req }, pushResponseSchema),
    pull: (token, req) => call(API.pull, { method: 'POST', token, body: req }, pullResponseSchema),
    reference: (token, kind: ReferenceKind) => call(API.reference(kind), { method: 'GET', token }, referenceResponseSchema),
    devices: (token) => call(API.devices, { method: 'GET', token }, devicesResponseSchema),
    portal: (token, range) => call(portalPath(range), { method: 'GET', token }, communePortalSchema),
  };
}
