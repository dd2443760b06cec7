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
import { securityHeaders } from './http/securityHeaders';
import { portalFileRoutes, type PortalFileRouteOptions } from './routes/portalFiles';
import { FILE_LINK_PATH } from './connector/fileLinks';
import type { PortalView } from './connector/view';
import type { FileCore } from './files/fileCore';
import { fileRoutes, upstreamFileRoutes } from './files/fileRoutes';
import { errorJson, serverNow, setServerClock } from './edge/answer';
import type { HealthReport } from './edge/health';
import { requestIdOf, requestLog, type LogLine } from './edge/requestLog';
import type { AccessCore } from './access/accessCore';
import { accessRoutes, dossierRoutes, upstreamAccessRoutes } from './access/accessRoutes';

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
  /** Upstream sign-in attempts per user and per address in a window (default 5 and 20 per 15 minutes). */
  readonly signInLimits?: { readonly perUser: number; readonly perAddress: number; readonly windowMs: number };
  /** Signed file links for the national portal's downloads (when the connector is on). */
  readonly portalFiles?: PortalFileRouteOptions;
  /** The upstream office's view of the national portal connector. */
  readonly portalView?: PortalView;
  /** Digitised files (DIG1): upload, download, signed links. */
  readonly files?: FileCore;
  /** Where the request log and server faults go, one line each (default: stdout / stderr). */
  readonly log?: LogLine;
  readonly logError?: LogLine;
  /** GET /api/v1/health; without it the endpoint says nothing is known. */
  readonly health?: () => Promise<HealthReport>;
  /** Live updates (GET /api/v1/live, Server-Sent Events); without it devices keep their timer. */
  readonly live?: LiveHub;
  /** PD4 access log and RET3's one-dossier read; absent in tests that do not need them. */
  readonly access?: AccessCore;
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
  app.use('*', securityHeaders());

  app.get('/api/v1/health', async (c) => {
    c.header('cache-control', 'no-store');
    if (!o.health) return errorJson(c, 503, 'internal', 'no health check configured');
    const h = await o.health();
    return c.json(h, h.status === 'ok' ? 200 : 503);
  });
  // before /api/v1 and /api/v1/upstream, whose body limits and catch-alls would answer first
  if (o.files) {
    app.route('/api/v1/files', fileRoutes({ core: o.core, files: o.files }));
    if (o.upstream)
      app.route('/api/v1/upstream/files', upstreamFileRoutes({ upstream: o.upstream, files: o.files, ...(o.access ? { access: o.access } : {}) }));
  }
  if (o.access) {
    app.route('/api/v1/access-log', accessRoutes({ core: o.core, access: o.access }));
    app.route('/api/v1/dossiers', dossierRoutes({ core: o.core, access: o.access }));
    if (o.upstream) app.route('/api/v1/upstream/access-log', upstreamAccessRoutes({ upstream: o.upstream, access: o.access }));
  }
  if (o.upstream) {
    const limits = o.signInLimits ?? { perUser: 5, perAddress: 20, windowMs: 15 * 60_000 };
    // before /api/v1, whose catch-all would answer these paths first
    app.route(
      '/api/v1/upstream',
      upstreamRoutes({
        core: o.upstream,
        userLimiter: createRateLimiter(limits.perUser, limits.windowMs),
        addressLimiter: createRateLimiter(limits.perAddress, limits.windowMs),
        trustedProxyHops: hops,
        ...(o.portalView ? { portal: o.portalView } : {}),
      }),
    );
  }
  if (o.portalFiles) app.route(FILE_LINK_PATH, portalFileRoutes(o.portalFiles));
  if (o.live) app.route('/api/v1/live', liveRoutes({ core: o.core, hub: o.live }));
  app.route(
    '/api/v1',
    apiRoutes({
      core: o.core,
      enrollLimiter: createRateLimiter(o.enrollPerMinute ?? 10, 60_000),
      trustedProxyHops: hops,
      ...(o.maxBodyBytes !== undefined ? { maxBodyBytes: o.maxBodyBytes } : {}),
      ...(o.portalView ? { portal: o.portalView } : {}),
    }),
  );

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
