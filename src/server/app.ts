/** The HTTP application: the API under /api/v1 and the PWA. */
import { Hono } from 'hono';
import { apiRoutes } from './routes/api';
import { staticRoutes } from './routes/static';
import { upstreamRoutes } from './routes/upstream';
import { liveRoutes } from './routes/live';
import type { LiveHub } from './live/hub';
import type { SyncCore } from './core/sync';
import type { UpstreamCore } from './core/upstream';
import { createRateLimiter } from './core/rateLimit';

export type AppOptions = {
  readonly core: SyncCore;
  /** The upstream office's API (supervisor sign-in, devices and reports across communes). */
  readonly upstream?: UpstreamCore;
  readonly distDir?: string;
  /** Enrollment attempts per address per minute (default 10). */
  readonly enrollPerMinute?: number;
  readonly trustProxy?: boolean;
  readonly maxBodyBytes?: number;
  /** Live updates (GET /api/v1/live, Server-Sent Events); without it devices keep their timer. */
  readonly live?: LiveHub;
};

export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  if (o.upstream) {
    // before /api/v1, whose catch-all would answer these paths first
    app.route('/api/v1/upstream', upstreamRoutes({
      core: o.upstream,
      signInLimiter: createRateLimiter(o.enrollPerMinute ?? 10, 60_000),
      ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
    }));
  }
  if (o.live) app.route('/api/v1/live', liveRoutes({ core: o.core, hub: o.live }));
  app.route('/api/v1', apiRoutes({
    core: o.core,
    enrollLimiter: createRateLimiter(o.enrollPerMinute ?? 10, 60_000),
    ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
    ...(o.maxBodyBytes !== undefined ? { maxBodyBytes: o.maxBodyBytes } : {}),
  }));
  app.all('/api/*', (c) => c.json({ error: { reason: 'invalid', message: `no such endpoint: ${c.req.path}` } }, 404));
  app.onError((e, c) => {
    console.error('[server]', e);
    return c.text('internal error', 500);
  });
  if (o.distDir) staticRoutes(app, o.distDir);
  return app;
}
