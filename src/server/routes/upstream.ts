/** The upstream office's routes (/api/v1/upstream/…): thin, like api.ts. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parseRequest } from '../../protocol/parse';
import { upstreamReportQuerySchema, upstreamSessionRequestSchema } from '../../protocol/upstream';
import type { RateLimiter } from '../core/rateLimit';
import type { Supervisor, UpstreamCore } from '../core/upstream';
import { errorJson, reject, send } from '../edge/answer';
import { bearer, type AuthEnv } from '../edge/auth';
import { body } from '../edge/body';
import { clientAddress } from '../edge/clientAddress';

export type UpstreamRouteOptions = { readonly core: UpstreamCore; readonly signInLimiter: RateLimiter; readonly trustedProxyHops?: number };

export function upstreamRoutes(o: UpstreamRouteOptions): Hono<AuthEnv<Supervisor>> {
  const { core } = o;
  const r = new Hono<AuthEnv<Supervisor>>();
  const session = bearer((authorization) => core.authenticate(authorization));

  r.post('/session', bodyLimit({ maxSize: 4096, onError: (c) => errorJson(c, 413, 'invalid', 'the body is too large') }), async (c) => {
    const req = await body(c, upstreamSessionRequestSchema);
    if (!req.ok) return send(c, req);
    // per address and per user: guessing one supervisor's PIN from many addresses is slowed too
    const now = core.clock();
    for (const key of [`ip:${clientAddress(c, o.trustedProxyHops ?? 0)}`, `user:${req.value.userId}`]) {
      const limit = o.signInLimiter.hit(key, now);
      if (!limit.allowed) {
        return reject(c, { reason: 'rateLimited', message: 'too many sign-in attempts' }, { 'retry-after': String(Math.ceil(limit.retryAfterMs / 1000)) });
      }
    }
    return send(c, await core.signIn(req.value));
  });

  r.get('/devices', session, async (c) => send(c, await core.devices(c.var.principal)));

  r.get('/late', session, async (c) => send(c, await core.late(c.var.principal)));

  r.get('/report', session, async (c) => {
    const q = parseRequest(upstreamReportQuerySchema, c.req.query());
    return send(c, q.ok ? await core.report(c.var.principal, q.value) : q);
  });

  return r;
}
