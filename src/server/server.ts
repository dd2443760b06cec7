/** Starts the whole server on a database: migrations, the app, an HTTP listener. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app';
import { createSyncCore, type SyncCore } from './core/sync';
import { runMigrations } from './migrations/run';
import type { Database } from './store/db';
import type { Store } from './store/port';
import { createSqlStore } from './store/sqlStore';
import { createUpstreamStore, type UpstreamStore } from './store/upstreamStore';
import { createUpstreamCore, type UpstreamCore } from './core/upstream';
import { createLiveHub, type LiveHub } from './live/hub';

export type RunningServer = {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly core: SyncCore;
  readonly upstream: { readonly store: UpstreamStore; readonly core: UpstreamCore };
  readonly live: LiveHub;
  /** Stops listening (dropping open connections) and closes the database. */
  close(): Promise<void>;
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
  const live = await createLiveHub(o.db);
  const app = createApp({ ...o, core, upstream, live });
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
    live,
    async close() {
      await live.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await store.close();
    },
  };
}
