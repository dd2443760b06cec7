/** The HTTP application: the API under /api/v1 and the PWA. */
import { Hono } from 'hono';
import { apiRoutes } from './routes/api';
import { staticRoutes } from './routes/static';
import { upstreamRoutes } from './routes/upstream';
import type { SyncCore } from './core/sync';
import type { UpstreamCore } from './core/upstream';
import { createRateLimiter } from './core/rateLimit';
import type { FileCore } from './files/fileCore';
import { fileRoutes, upstreamFileRoutes } from './files/fileRoutes';

export type AppOptions = {
  readonly core: SyncCore;
  /** The upstream office's API (supervisor sign-in, devices and reports across communes). */
  readonly upstream?: UpstreamCore;
  readonly distDir?: string;
  /** Enrollment attempts per address per minute (default 10). */
  readonly enrollPerMinute?: number;
  readonly trustProxy?: boolean;
  readonly maxBodyBytes?: number;
  /** Digitised files (DIG1): upload, download, signed links. */
  readonly files?: FileCore;
};

export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  // before /api/v1 and /api/v1/upstream, whose body limits and catch-alls would answer first
  if (o.files) {
    app.route('/api/v1/files', fileRoutes({ core: o.core, files: o.files }));
    if (o.upstream) app.route('/api/v1/upstream/files', upstreamFileRoutes({ upstream: o.upstream, files: o.files }));
  }
  if (o.upstream) {
    // before /api/v1, whose catch-all would answer these paths first
    app.route('/api/v1/upstream', upstreamRoutes({
      core: o.upstream,
      signInLimiter: createRateLimiter(o.enrollPerMinute ?? 10, 60_000),
      ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
    }));
  }
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
