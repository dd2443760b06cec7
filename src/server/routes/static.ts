/** Serves the built PWA from dist/, with index.html for every other non-API path (client routes). */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

export function staticRoutes(app: Hono, distDir: string): void {
  const index = join(distDir, 'index.html');
  // The service worker and the shell must be revalidated, or a tablet could keep an old app forever.
  app.use('*', async (c, next) => {
    await next();
    if (/(^\/$|\.html$|\/sw\.js$|\.webmanifest$)/.test(c.req.path)) c.header('cache-control', 'no-cache');
  });
  app.use('*', serveStatic({ root: relative(process.cwd(), distDir) || '.' }));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    if (!existsSync(index)) return c.text('The app is not built yet: run `npx vite build` (npm start does it).', 503);
    return c.html(readFileSync(index, 'utf8'));
  });
}
