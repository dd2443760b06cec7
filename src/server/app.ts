/** The HTTP application: the API under /api/v1 and the PWA. */
import { Hono } from 'hono';
import { apiRoutes } from './routes/api';
import { staticRoutes } from './routes/static';
import { upstreamRoutes } from './routes/upstream';
import type { SyncCore } from './core/sync';
import type { UpstreamCore } from './core/upstream';
import { createRateLimiter } from './core/rateLimit';
import { errorJson, serverNow, setServerClock } from './edge/answer';
import type { HealthReport } from './edge/health';
import { requestIdOf, requestLog, type LogLine } from './edge/requestLog';

export type AppOptions = {
  readonly core: SyncCore;
  /** The upstream office's API (supervisor sign-in, devices and reports across communes). */
  readonly upstream?: UpstreamCore;
  readonly distDir?: string;
  /** Enrollment attempts per address per minute (default 10). */
  readonly enrollPerMinute?: number;
  /** Reverse proxies in front of the server that append to X-Forwarded-For (default 0). */
  readonly trustedProxyHops?: number;
  readonly maxBodyBytes?: number;
  /** Where the request log and server faults go, one line each (default: stdout / stderr). */
  readonly log?: LogLine;
  readonly logError?: LogLine;
  /** GET /api/v1/health; without it the endpoint says nothing is known. */
  readonly health?: () => Promise<HealthReport>;
};

export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  const clock = o.core.clock;
  const logError = o.logError ?? ((line) => console.error(line));
  const hops = o.trustedProxyHops ?? 0;

  app.use('*', requestLog(o.log ?? ((line) => console.log(line))));
  app.use('*', async (c, next) => {
    setServerClock(c, clock);
    await next();
  });

  app.get('/api/v1/health', async (c) => {
    c.header('cache-control', 'no-store');
    if (!o.health) return errorJson(c, 503, 'internal', 'no health check configured');
    const h = await o.health();
    return c.json(h, h.status === 'ok' ? 200 : 503);
  });
  if (o.upstream) {
    app.route('/api/v1/upstream', upstreamRoutes({ core: o.upstream, signInLimiter: createRateLimiter(o.enrollPerMinute ?? 10, 60_000), trustedProxyHops: hops }));
  }
  app.route('/api/v1', apiRoutes({
    core: o.core,
    enrollLimiter: createRateLimiter(o.enrollPerMinute ?? 10, 60_000),
    trustedProxyHops: hops,
    ...(o.maxBodyBytes !== undefined ? { maxBodyBytes: o.maxBodyBytes } : {}),
  }));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return errorJson(c, 404, 'notFound', `no such endpoint: ${c.req.method} ${c.req.path}`);
    return c.text('not found', 404);
  });
  app.onError((e, c) => {
    const requestId = requestIdOf(c);
    logError(JSON.stringify({ at: new Date().toISOString(), requestId, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    c.header('cache-control', 'no-store');
    // the cause stays in the log; the device hears only that it was the server's fault (retryable)
    return c.json({ serverTime: serverNow(c), requestId, error: { reason: 'internal', message: 'internal server error' } }, 500);
  });
  if (o.distDir) staticRoutes(app, o.distDir);
  return app;
}
