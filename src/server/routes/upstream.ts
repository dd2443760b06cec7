/** The upstream office's routes (/api/v1/upstream/…): thin, like api.ts. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from '../../protocol/errors';
import { parseRequest } from '../../protocol/parse';
import { upstreamPortalRetrySchema, upstreamReportQuerySchema, upstreamSessionRequestSchema } from '../../protocol/upstream';
import type { PortalView } from '../connector/view';
import type { RateLimiter } from '../core/rateLimit';
import type { UpstreamCore } from '../core/upstream';
import { body, clientIp, reject, send } from './api';

export type UpstreamRouteOptions = { readonly core: UpstreamCore; readonly userLimiter: RateLimiter; readonly addressLimiter: RateLimiter; readonly trustProxy?: boolean; readonly portal?: PortalView };

export function upstreamRoutes(o: UpstreamRouteOptions): Hono {
  const { core } = o;
  const r = new Hono();
  r.use('*', bodyLimit({ maxSize: 4096, onError: (c) => c.json(errorBody('invalid', 'the body is too large'), 413) }));

  r.post('/session', async (c) => {
    const req = await body(c, upstreamSessionRequestSchema);
    if (!req.ok) return send(c, req);
    // per address and per user (however the login names them): guessing one supervisor's password from many
    // addresses is stopped too. The answer says how long the lockout lasts.
    const now = core.clock();
    const checks: [RateLimiter, string][] = [[o.addressLimiter, `ip:${clientIp(c, o.trustProxy ?? false)}`], [o.userLimiter, await core.loginKey(req.value.login)]];
    for (const [limiter, key] of checks) {
      const limit = limiter.hit(key, now);
      if (!limit.allowed) {
        const minutes = Math.max(1, Math.ceil(limit.retryAfterMs / 60_000));
        return reject(c, { reason: 'rateLimited', message: `too many sign-in attempts: locked for ${minutes} minute(s)` }, { 'retry-after': String(Math.ceil(limit.retryAfterMs / 1000)) });
      }
    }
    return send(c, await core.signIn(req.value));
  });

  r.get('/names', async (c) => send(c, await core.names()));

  r.get('/devices', async (c) => {
    const s = await core.authenticate(c.req.header('authorization'));
    return send(c, s.ok ? await core.devices(s.value) : s);
  });

  r.get('/late', async (c) => {
    const s = await core.authenticate(c.req.header('authorization'));
    return send(c, s.ok ? await core.late(s.value) : s);
  });

  r.get('/report', async (c) => {
    const s = await core.authenticate(c.req.header('authorization'));
    if (!s.ok) return send(c, s);
    const q = parseRequest(upstreamReportQuerySchema, c.req.query());
    return send(c, q.ok ? await core.report(s.value, q.value) : q);
  });

  const portal = o.portal;
  if (portal) {
    r.get('/portal', async (c) => {
      const s = await core.authenticate(c.req.header('authorization'));
      return send(c, s.ok ? await portal.portal(s.value) : s);
    });
    r.post('/portal/retry', async (c) => {
      const s = await core.authenticate(c.req.header('authorization'));
      if (!s.ok) return send(c, s);
      const req = await body(c, upstreamPortalRetrySchema);
      return send(c, req.ok ? await portal.retry(s.value, req.value) : req);
    });
  }

  r.all('*', (c) => c.json(errorBody('invalid', `no such endpoint: ${c.req.method} ${c.req.path}`), 404));
  return r;
}
