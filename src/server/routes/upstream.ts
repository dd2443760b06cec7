/** The upstream office's routes (/api/v1/upstream/…): thin, like api.ts. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parseRequest } from '../../protocol/parse';
import { upstreamPortalRetrySchema, upstreamReportQuerySchema, upstreamSessionRequestSchema } from '../../protocol/upstream';
import type { PortalView } from '../connector/view';
import type { RateLimiter } from '../core/rateLimit';
import type { Supervisor, UpstreamCore } from '../core/upstream';
import { errorJson, reject, send } from '../edge/answer';
import { bearer, type AuthEnv } from '../edge/auth';
import { body } from '../edge/body';
import { clientAddress } from '../edge/clientAddress';

export type UpstreamRouteOptions = {
  readonly core: UpstreamCore;
  readonly userLimiter: RateLimiter;
  readonly addressLimiter: RateLimiter;
  readonly trustedProxyHops?: number;
  readonly portal?: PortalView;
};

export function upstreamRoutes(o: UpstreamRouteOptions): Hono<AuthEnv<Supervisor>> {
  const { core } = o;
  const r = new Hono<AuthEnv<Supervisor>>();
  const session = bearer((authorization) => core.authenticate(authorization));

  r.post('/session', bodyLimit({ maxSize: 4096, onError: (c) => errorJson(c, 413, 'invalid', 'the body is too large') }), async (c) => {
    const req = await body(c, upstreamSessionRequestSchema);
    if (!req.ok) return send(c, req);
    // per address and per user (however the login names them): guessing one supervisor's password from many
    // addresses is stopped too. The answer says how long the lockout lasts.
    const now = core.clock();
    const checks: [RateLimiter, string][] = [
      [o.addressLimiter, `ip:${clientAddress(c, o.trustedProxyHops ?? 0)}`],
      [o.userLimiter, await core.loginKey(req.value.login)],
    ];
    for (const [limiter, key] of checks) {
      const limit = limiter.hit(key, now);
      if (!limit.allowed) {
        const minutes = Math.max(1, Math.ceil(limit.retryAfterMs / 60_000));
        return reject(
          c,
          { reason: 'rateLimited', message: `too many sign-in attempts: locked for ${minutes} minute(s)` },
          { 'retry-after': String(Math.ceil(limit.retryAfterMs / 1000)) },
        );
      }
    }
    return send(c, await core.signIn(req.value));
  });

  r.get('/names', async (c) => send(c, await core.names()));

  r.get('/devices', session, async (c) => send(c, await core.devices(c.var.principal)));

  r.get('/late', session, async (c) => send(c, await core.late(c.var.principal)));

  r.get('/report', session, async (c) => {
    const q = parseRequest(upstreamReportQuerySchema, c.req.query());
    return send(c, q.ok ? await core.report(c.var.principal, q.value) : q);
  });

  const portal = o.portal;
  if (portal) {
    r.get('/portal', session, async (c) => send(c, await portal.portal(c.var.principal)));
    r.post('/portal/retry', session, async (c) => {
      const req = await body(c, upstreamPortalRetrySchema);
      return send(c, req.ok ? await portal.retry(c.var.principal, req.value) : req);
    });
  }

  return r;
}
