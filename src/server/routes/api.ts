/** The API routes: thin. Parse with the protocol schemas, call the core, encode the outcome. */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { z } from 'zod';
import { errorBody, HTTP_STATUS } from '../../protocol/errors';
import { enrollRequestSchema, pullRequestSchema, pushRequestSchema } from '../../protocol/messages';
import { parseJsonText, parseRequest, type Rejection } from '../../protocol/parse';
import { referenceKindSchema } from '../../protocol/reference';
import { LIMITS } from '../../protocol/version';
import type { SyncCore, Outcome } from '../core/sync';
import type { RateLimiter } from '../core/rateLimit';

export type ApiOptions = {
  readonly core: SyncCore;
  readonly enrollLimiter: RateLimiter;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  readonly trustProxy?: boolean;
  readonly maxBodyBytes?: number;
};

export function reject(c: Context, r: Rejection, extraHeaders: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(extraHeaders)) c.header(k, v);
  c.header('cache-control', 'no-store');
  return c.json(errorBody(r.reason, r.message, r.details), HTTP_STATUS[r.reason] as 400);
}

export function send<T>(c: Context, o: Outcome<T>) {
  if (!o.ok) return reject(c, o.rejection);
  c.header('cache-control', 'no-store');
  return c.json(o.value as object, 200);
}

export async function body<T>(c: Context, schema: z.ZodType<T>): Promise<Outcome<T>> {
  const json = parseJsonText(await c.req.text());
  return json.ok ? parseRequest(schema, json.value) : json;
}

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not on a node socket (app.request in tests)
  }
}

export function apiRoutes(o: ApiOptions): Hono {
  const { core } = o;
  const api = new Hono();
  const maxBytes = o.maxBodyBytes ?? LIMITS.maxBodyBytes;

  api.use('*', bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json(errorBody('invalid', `the body is larger than ${maxBytes} bytes`, [{ path: '', message: 'payload too large' }]), 413),
  }));

  api.post('/enroll', async (c) => {
    const limit = o.enrollLimiter.hit(clientIp(c, o.trustProxy ?? false), core.clock());
    if (!limit.allowed) {
      return reject(c, { reason: 'rateLimited', message: 'too many enrollment attempts from this address' }, { 'retry-after': String(Math.ceil(limit.retryAfterMs / 1000)) });
    }
    const req = await body(c, enrollRequestSchema);
    return send(c, req.ok ? await core.enroll(req.value) : req);
  });

  api.post('/push', async (c) => {
    const device = await core.authenticate(c.req.header('authorization'));
    if (!device.ok) return send(c, device);
    const req = await body(c, pushRequestSchema);
    return send(c, req.ok ? await core.push(device.value, req.value) : req);
  });

  api.post('/pull', async (c) => {
    const device = await core.authenticate(c.req.header('authorization'));
    if (!device.ok) return send(c, device);
    const req = await body(c, pullRequestSchema);
    return send(c, req.ok ? await core.pull(device.value, req.value) : req);
  });

  api.get('/reference/:kind', async (c) => {
    const device = await core.authenticate(c.req.header('authorization'));
    if (!device.ok) return send(c, device);
    const kind = referenceKindSchema.safeParse(c.req.param('kind'));
    if (!kind.success) return reject(c, { reason: 'invalid', message: 'unknown reference kind', details: [{ path: 'kind', message: 'catalog, calendar or users' }] });
    return send(c, await core.reference(device.value, kind.data));
  });

  api.get('/devices', async (c) => {
    const device = await core.authenticate(c.req.header('authorization'));
    if (!device.ok) return send(c, device);
    return send(c, await core.devices(device.value));
  });

  api.all('*', (c) => c.json(errorBody('invalid', `no such endpoint: ${c.req.method} ${c.req.path}`), 404));
  return api;
}
