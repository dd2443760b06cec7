/** Starts the whole server on a database: migrations, the app, an HTTP listener. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app';
import { createSyncCore, type SyncCore } from './core/sync';
import { runMigrations } from './migrations/run';
import { MIGRATIONS } from './migrations/index';
import { checkHealth, serverVersion } from './edge/health';
import type { Database } from './store/db';
import type { Store } from './store/port';
import { createSqlStore } from './store/sqlStore';
import { createUpstreamStore, type UpstreamStore } from './store/upstreamStore';
import { createUpstreamCore, type UpstreamCore } from './core/upstream';

export type RunningServer = {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly core: SyncCore;
  readonly upstream: { readonly store: UpstreamStore; readonly core: UpstreamCore };
  /**
   * Stops accepting connections, lets the requests under way finish for up to `graceMs` (then
   * closes what is left), and closes the database. Default grace 0: drop at once (tests).
   */
  close(graceMs?: number): Promise<void>;
};

export type StartOptions = Omit<AppOptions, 'core'> & {
  readonly db: Database;
  readonly port?: number;
  readonly host?: string;
  readonly clock?: () => number;
};

export async function startServer(o: StartOptions): Promise<RunningServer> {
  await runMigrations(o.db);
  const store = createSqlStore(o.db);
  const core = createSyncCore(store, o.clock);
  const upstreamStore = createUpstreamStore(o.db);
  await upstreamStore.ensureAggregates();
  const upstream = createUpstreamCore(store, upstreamStore, o.clock);
  const version = serverVersion();
  const app = createApp({ ...o, core, upstream, health: () => checkHealth(o.db, MIGRATIONS, version, o.clock ?? Date.now) });
  const host = o.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 0, hostname: host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    core,
    upstream: { store: upstreamStore, core: upstream },
    async close(graceMs = 0) {
      const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        server.close(() => resolve()); // no new connections; resolves when the open ones are done
        http.closeIdleConnections?.(); // keep-alive sockets with no request under way
        timer = setTimeout(() => http.closeAllConnections?.(), graceMs);
      });
      clearTimeout(timer);
      await store.close();
    },
  };
}
