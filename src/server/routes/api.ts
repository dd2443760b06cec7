/** The device API routes: thin. Parse with the protocol schemas, call the core, encode the outcome. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { enrollRequestSchema, pullRequestSchema } from '../../protocol/messages';
import { parsePushRequest, parseRequest } from '../../protocol/parse';
import { portalRangeSchema } from '../../protocol/portal';
import type { PortalView } from '../connector/view';
import { referenceKindSchema } from '../../protocol/reference';
import { LIMITS } from '../../protocol/version';
import type { SyncCore } from '../core/sync';
import type { RateLimiter } from '../core/rateLimit';
import type { Device } from '../store/port';
import { errorJson, reject, send } from '../edge/answer';
import { bearer, type AuthEnv } from '../edge/auth';
import { body, jsonBody } from '../edge/body';
import { clientAddress } from '../edge/clientAddress';

export type ApiOptions = {
  readonly core: SyncCore;
  readonly enrollLimiter: RateLimiter;
  /** How many reverse proxies in front of the server append to X-Forwarded-For (0: none, use the socket). */
  readonly trustedProxyHops?: number;
  readonly maxBodyBytes?: number;
  readonly portal?: PortalView;
};

export function apiRoutes(o: ApiOptions): Hono<AuthEnv<Device>> {
  const { core } = o;
  const api = new Hono<AuthEnv<Device>>();
  const maxBytes = o.maxBodyBytes ?? LIMITS.maxBodyBytes;
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => errorJson(c, 413, 'invalid', `the body is larger than ${maxBytes} bytes`, [{ path: '', message: 'payload too large' }]),
  });
  const device = bearer((authorization) => core.authenticate(authorization));

  api.post('/enroll', limit, async (c) => {
    const hit = o.enrollLimiter.hit(clientAddress(c, o.trustedProxyHops ?? 0), core.clock());
    if (!hit.allowed) {
      return reject(
        c,
        { reason: 'rateLimited', message: 'too many enrollment attempts from this address' },
        { 'retry-after': String(Math.ceil(hit.retryAfterMs / 1000)) },
      );
    }
    const req = await body(c, enrollRequestSchema);
    return send(c, req.ok ? await core.enroll(req.value) : req);
  });

  api.post('/push', limit, device, async (c) => {
    const json = await jsonBody(c);
    const req = json.ok ? parsePushRequest(json.value) : json;
    return send(c, req.ok ? await core.push(c.var.principal, req.value) : req);
  });

  api.post('/pull', limit, device, async (c) => {
    const req = await body(c, pullRequestSchema);
    return send(c, req.ok ? await core.pull(c.var.principal, req.value) : req);
  });

  api.get('/reference/:kind', device, async (c) => {
    const kind = referenceKindSchema.safeParse(c.req.param('kind'));
    if (!kind.success)
      return reject(c, { reason: 'invalid', message: 'unknown reference kind', details: [{ path: 'kind', message: 'catalog, calendar or users' }] });
    return send(c, await core.reference(c.var.principal, kind.data));
  });

  api.get('/devices', device, async (c) => send(c, await core.devices(c.var.principal)));

  const portal = o.portal;
  if (portal) {
    api.get('/portal', device, async (c) => {
      const q = parseRequest(portalRangeSchema, c.req.query());
      return send(c, q.ok ? await portal.commune(c.var.principal, q.value) : q);
    });
  }

  return api;
}
