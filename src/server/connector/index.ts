/**
 * The connector to the national portal, assembled: the queue, the format (dvcqg), the worker.
 * Off unless configured (config.ts). The store queues changed dossiers whether it runs or not,
 * so turning it on later sends every dossier changed since.
 */
import type { Database } from '../store/db';
import type { ConnectorSettings } from './config';
import { createDvcqgClient } from './dvcqg/client';
import { dvcqgFormat } from './dvcqg/format';
import { createHmacFileLinks, FILE_LINK_TTL_MS, type FileLinks } from './fileLinks';
import { createJsonPoster } from './http';
import { NO_FILES, type DossierFiles, type PortalFormat } from './port';
import { createOutboundQueue } from './queue';
import { createInputSource } from './source';
import { createWorker, type Logger } from './worker';

export type Connector = {
  readonly worker: ReturnType<typeof createWorker>;
  readonly links: FileLinks | null;
  stop(): Promise<void>;
};

export function createConnector(o: {
  db: Database;
  settings: ConnectorSettings;
  files?: DossierFiles;
  clock?: () => number;
  log?: Logger;
  /** Another format than the one the settings name (tests). */
  format?: PortalFormat;
}): Connector {
  const s = o.settings;
  const clock = o.clock ?? Date.now;
  const post = createJsonPoster({ connectTimeoutMs: s.connectTimeoutMs, readTimeoutMs: s.readTimeoutMs, maxSockets: s.worker.maxInFlight ?? 4 });
  const format = o.format ?? dvcqgFormat(createDvcqgClient(s.portal, post, clock));
  const links = s.links ? createHmacFileLinks(s.links) : null;
  const worker = createWorker({
    queue: createOutboundQueue(o.db),
    format,
    inputs: createInputSource(o.db, o.files ?? NO_FILES, links, FILE_LINK_TTL_MS),
    options: s.worker,
    clock,
    ...(o.log ? { log: o.log } : {}),
  });
  return {
    worker,
    links,
    async stop() {
      await worker.stop();
      post.close();
    },
  };
}
