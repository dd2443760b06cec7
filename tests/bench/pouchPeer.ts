/**
 * The peer to beat (issue 4 "Speed"): the same events as ours, one document each (same JSON), pushed
 * by PouchDB replication to a CouchDB-protocol server (express-pouchdb on in-memory PouchDB) over
 * loopback HTTP, then replicated down into a second, empty PouchDB ("the second device").
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import httpAdapter from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import mapreduce from 'pouchdb-mapreduce';
import expressPouchDB from 'express-pouchdb';
import { syncEvents } from './fixtures';

const Pouch = PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication).plugin(mapreduce);
const MemPouch = Pouch.defaults({ adapter: 'memory' });

/** Same batch size as our push (LIMITS.maxEventsPerPush) and pull page (defaultPullLimit). */
export const POUCH_BATCH = Number(process.env.BENCH_POUCH_BATCH ?? 500);

export type PouchServer = { readonly url: string; stop(): Promise<void> };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** A CouchDB-protocol server on 127.0.0.1, all in memory; with `pageDir`, also serving it under /_bench/ (same origin). */
export async function startPouchServer(pageDir?: string): Promise<PouchServer> {
  const app = expressPouchDB(MemPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!pageDir || !path.startsWith('/_bench/')) return app(req, res);
    try {
      const body = readFileSync(join(pageDir, normalize(path.slice('/_bench/'.length)).replace(/^(\.\.[/\\])+/, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('pouch server: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The documents: our events, `_id` = the event id. */
export function pouchDocs(n: number): object[] {
  return syncEvents(n, 'pouch-tablet', 1).map((e) => ({ _id: e.id, ...e }));
}

/** Push from a Node PouchDB (memory adapter) and pull into a second one. */
export async function runPouchPeer(n: number): Promise<Record<string, unknown>> {
  const server = await startPouchServer();
  const a = new MemPouch(`bench-a-${Date.now()}`);
  const b = new MemPouch(`bench-b-${Date.now()}`);
  try {
    const docs = pouchDocs(n);
    for (let i = 0; i < docs.length; i += 1000) await a.bulkDocs(docs.slice(i, i + 1000));
    const remote = `${server.url}/bench`;
    const t0 = performance.now();
    const up = await a.replicate.to(remote, { batch_size: POUCH_BATCH });
    const pushMs = performance.now() - t0;
    const t1 = performance.now();
    const down = await b.replicate.from(remote, { batch_size: POUCH_BATCH });
    const pullMs = performance.now() - t1;
    const got = (await b.info()).doc_count;
    if (!up.ok || !down.ok || got !== n) throw new Error(`pouch replication: up ${up.docs_written}, down ${got} of ${n}`);
    return {
      client: 'Node, pouchdb-adapter-memory',
      pushMs: Math.round(pushMs),
      pullMs: Math.round(pullMs),
      docsPerSecUp: Math.round(n / (pushMs / 1000)),
      batchSize: POUCH_BATCH,
      docs: n,
    };
  } finally {
    await a.destroy();
    await b.destroy();
    await server.stop();
  }
}

/** The same in real Chromium: PouchDB on IndexedDB (idb adapter), two browser contexts = two devices. */
let pouchRound = 0;

export async function runPouchChromium(browser: Browser, pageDir: string, n: number): Promise<Record<string, unknown>> {
  const round = pouchRound++;
  const server = await startPouchServer(pageDir);
  const device = async <T>(f: (page: import('playwright-core').Page) => Promise<T>): Promise<T> => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/_bench/pouch.html`);
      await page.waitForFunction(() => typeof window.runPouchPush === 'function', undefined, { timeout: 60_000 });
      return await f(page);
    } finally {
      await context.close();
    }
  };
  try {
    const push = await device((p) => p.evaluate(([k, b, r]) => window.runPouchPush(k, b, r), [n, POUCH_BATCH, round] as const));
    const pull = await device((p) => p.evaluate(([k, b, r]) => window.runPouchPull(k, b, r), [n, POUCH_BATCH, round] as const));
    return { client: 'Chromium, pouchdb-adapter-idb', ...push, ...pull, batchSize: POUCH_BATCH, docs: n };
  } finally {
    await server.stop();
  }
}
