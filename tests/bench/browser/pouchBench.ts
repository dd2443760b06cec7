/**
 * The peer to beat, in real Chromium: PouchDB on IndexedDB (the idb adapter) replicating the same
 * events as ours, one document each, to the CouchDB-protocol server that serves this page, then
 * down into a second device's empty PouchDB.
 */
import PouchDB from 'pouchdb-core';
import idbAdapter from 'pouchdb-adapter-idb';
import httpAdapter from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { syncEvents } from '../fixtures';

const Pouch = PouchDB.plugin(idbAdapter).plugin(httpAdapter).plugin(replication);
// one remote database per round: the in-memory CouchDB keeps its databases by name for the process
const remote = (round: number) => `${location.origin}/bench-${round}`;

export async function runPouchPush(n: number, batch: number, round = 0): Promise<Record<string, number>> {
  const db = new Pouch('pouch-a', { adapter: 'idb' });
  const docs = syncEvents(n, 'pouch-tablet', 1).map((e) => ({ _id: e.id, ...e }));
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  const fillMs = performance.now() - t0;
  const t1 = performance.now();
  const up = await db.replicate.to(remote(round), { batch_size: batch });
  const pushMs = performance.now() - t1;
  if (!up.ok || up.docs_written !== n) throw new Error(`pouch push: ${up.docs_written} of ${n}`);
  return { fillOutboxMs: Math.round(fillMs), pushMs: Math.round(pushMs), docsPerSecUp: Math.round(n / (pushMs / 1000)) };
}

export async function runPouchPull(n: number, batch: number, round = 0): Promise<Record<string, number>> {
  const db = new Pouch('pouch-b', { adapter: 'idb' });
  const t0 = performance.now();
  const down = await db.replicate.from(remote(round), { batch_size: batch });
  const pullMs = performance.now() - t0;
  const got = (await db.info()).doc_count;
  if (!down.ok || got !== n) throw new Error(`pouch pull: ${got} of ${n}`);
  return { pullMs: Math.round(pullMs), docs: got };
}

declare global {
  interface Window {
    runPouchPush: typeof runPouchPush;
    runPouchPull: typeof runPouchPull;
  }
}
window.runPouchPush = runPouchPush;
window.runPouchPull = runPouchPull;
