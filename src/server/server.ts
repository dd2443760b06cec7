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
import { createCredentialStore, type CredentialStore } from './credentials/credentialStore';
import { createConnector, type Connector } from './connector';
import type { ConnectorSettings } from './connector/config';
import type { DossierFiles } from './connector/port';
import type { FileSource } from './connector/fileLinks';
import { createPortalView } from './connector/view';
import { createOutboundQueue } from './connector/queue';
import { createFileCore, type FileCore } from './files/fileCore';
import { tempFolderObjectStore, type ObjectStore } from './files/objectStore';
import { createLiveHub, type LiveHub } from './live/hub';
import { createAccessCore, type AccessCore } from './access/accessCore';
import { createAccessSql } from './access/accessSql';

export type RunningServer = {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly core: SyncCore;
  readonly upstream: { readonly store: UpstreamStore; readonly core: UpstreamCore };
  readonly live: LiveHub;
  /** Passwords and credential look-ups. */
  readonly credentials: CredentialStore;
  /** The national portal connector, when configured. */
  readonly connector: Connector | null;
  readonly files: FileCore;
  /** PD4: the access log. */
  readonly access: AccessCore;
  /**
   * Stops accepting connections, lets the requests under way finish for up to `graceMs` (then
   * closes what is left), and closes the database. Default grace 0: drop at once (tests).
   */
  close(graceMs?: number): Promise<void>;
};

export type StartOptions = Omit<AppOptions, 'core' | 'files' | 'access'> & {
  /** Where verified file bytes go (objectStoreFromEnv in main.ts); a fresh temporary folder when absent. */
  readonly objects?: ObjectStore;
  /** The key of signed file links (FILES_URL_SECRET). */
  readonly filesUrlSecret?: string;
  readonly db: Database;
  readonly port?: number;
  readonly host?: string;
  readonly clock?: () => number;
  /** The national portal connector (connector/config.ts); off when absent. */
  readonly connector?: ConnectorSettings | null;
  /** Where the connector finds a dossier's files and the portal's download reads them (the digitisation file store). */
  readonly dossierFiles?: DossierFiles;
  readonly fileSource?: FileSource;
  /** Connector options for tests: its worker not started, its log. */
  readonly connectorManual?: boolean;
  readonly connectorLog?: (line: string) => void;
};

export async function startServer(o: StartOptions): Promise<RunningServer> {
  await runMigrations(o.db);
  const store = createSqlStore(o.db);
  const files = createFileCore({
    db: o.db,
    objects: o.objects ?? tempFolderObjectStore(),
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.filesUrlSecret ? { urlSecret: o.filesUrlSecret } : {}),
  });
  const core = createSyncCore(store, o.clock, { filesMissing: files.missingByDevice });
  const upstreamStore = createUpstreamStore(o.db);
  await upstreamStore.ensureAggregates();
  const credentials = createCredentialStore(o.db);
  const upstream = createUpstreamCore(store, upstreamStore, credentials, o.clock, undefined, { filesMissing: files.missingByDevice });
  // the connector's papers and results come from the digitised file store: the files the server has
  const dossierFiles = o.dossierFiles ?? portalFilesOf(files);
  const fileSource: FileSource = o.fileSource ?? {
    open: async (communeId, sha256) => {
      const r = await files.bytesOf(communeId, sha256);
      return r.ok ? r.value : null;
    },
  };
  const connector = o.connector
    ? createConnector({
        db: o.db,
        settings: o.connector,
        files: dossierFiles,
        ...(o.clock ? { clock: o.clock } : {}),
        ...(o.connectorLog ? { log: o.connectorLog } : {}),
      })
    : null;
  const portalFiles = connector?.links ? { links: connector.links, files: fileSource, clock: o.clock ?? Date.now } : undefined;
  const portalView = createPortalView(createOutboundQueue(o.db), connector !== null, o.clock);
  const access = createAccessCore(store, createAccessSql(o.db), o.clock);
  const version = serverVersion();
  const live = await createLiveHub(o.db);
  const app = createApp({
    ...o,
    core,
    upstream,
    files,
    live,
    portalView,
    access,
    ...(portalFiles ? { portalFiles } : {}),
    health: () => checkHealth(o.db, MIGRATIONS, version, o.clock ?? Date.now),
  });
  const host = o.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 0, hostname: host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  if (connector && !o.connectorManual) connector.worker.start();
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    core,
    upstream: { store: upstreamStore, core: upstream },
    live,
    credentials,
    connector,
    files,
    access,
    async close(graceMs = 0) {
      const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      let timer: ReturnType<typeof setTimeout> | undefined;
      await connector?.stop();
      await live.stop();
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

/** A dossier's files for the portal: the papers and results of its folded state that the server holds. */
function portalFilesOf(files: FileCore): DossierFiles {
  return {
    async filesOf(communeId, codes) {
      const out = new Map<
        string,
        { papers: { paperCode: string; sha256: string; name: string }[]; results: { paperCode: string; sha256: string; name: string }[] }
      >();
      for (const code of codes) {
        const list = (await files.dossierFiles(communeId, code)) ?? [];
        const of = (kind: 'paper' | 'result') =>
          list.filter((f) => f.present && f.kind === kind).map((f) => ({ paperCode: f.paperCode, sha256: f.sha256, name: f.name }));
        out.set(code, { papers: of('paper'), results: of('result') });
      }
      return out;
    },
  };
}
