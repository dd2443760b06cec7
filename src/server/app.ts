/** The HTTP application: the API under /api/v1 and the PWA. */
import { Hono } from 'hono';
import { apiRoutes } from './routes/api';
import { staticRoutes } from './routes/static';
import { upstreamRoutes } from './routes/upstream';
import type { SyncCore } from './core/sync';
import type { UpstreamCore } from './core/upstream';
import { createRateLimiter } from './core/rateLimit';
import { securityHeaders } from './http/securityHeaders';
import { portalFileRoutes, type PortalFileRouteOptions } from './routes/portalFiles';
import { FILE_LINK_PATH } from './connector/fileLinks';
import type { PortalView } from './connector/view';
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
  /** Upstream sign-in attempts per user and per address in a window (issue 14.1; default 5 and 20 per 15 minutes). */
  readonly signInLimits?: { readonly perUser: number; readonly perAddress: number; readonly windowMs: number };
  /** Signed file links for the national portal's downloads (when the connector is on). */
  readonly portalFiles?: PortalFileRouteOptions;
  /** The upstream office's view of the national portal connector. */
  readonly portalView?: PortalView;
  /** Digitised files (DIG1): upload, download, signed links. */
  readonly files?: FileCore;
};

export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  app.use('*', securityHeaders());
  // before /api/v1 and /api/v1/upstream, whose body limits and catch-alls would answer first
  if (o.files) {
    app.route('/api/v1/files', fileRoutes({ core: o.core, files: o.files }));
    if (o.upstream) app.route('/api/v1/upstream/files', upstreamFileRoutes({ upstream: o.upstream, files: o.files }));
  }
  if (o.upstream) {
    const limits = o.signInLimits ?? { perUser: 5, perAddress: 20, windowMs: 15 * 60_000 };
    // before /api/v1, whose catch-all would answer these paths first
    app.route('/api/v1/upstream', upstreamRoutes({
      core: o.upstream,
      userLimiter: createRateLimiter(limits.perUser, limits.windowMs),
      addressLimiter: createRateLimiter(limits.perAddress, limits.windowMs),
      ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
      ...(o.portalView ? { portal: o.portalView } : {}),
    }));
  }
  if (o.portalFiles) app.route(FILE_LINK_PATH, portalFileRoutes(o.portalFiles));
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
