/**
 * The sync part of `npm run bench` (issue 4 "Speed"), side by side in one run: our real Chromium
 * client against our server on PGlite and on PostgreSQL, the same over HTTP from Node (the server
 * alone), raw SQL inserts (the limit), and PouchDB replicating the same documents to a
 * CouchDB-protocol server (the peer to beat: in Chromium on IndexedDB, and from Node in memory).
 * One row per measure, the budget beside it; every figure is the median of BENCH_ROUNDS (3) rounds
 * run in alternation with its limit or peer, and the shares are taken of those medians.
 */
import { hasPostgres } from '../support/env';
import type { TestStorage } from '../support/server';
import { runBrowserSync } from './browserSync';
import { runPouchPeer } from './pouchPeer';
import { runServerBench } from './serverBench';

type Round = Record<string, number | string | undefined>;
type Row = {
  measure: string;
  pglite: number | string;
  postgres: number | string;
  pouchdb: number | string;
  pouchdbNode: number | string;
  budget: string;
  pass: string;
};

const get = (r: unknown, k: string): number | string => (r && typeof r === 'object' ? ((r as Round)[k] ?? '–') : '–');

function row(
  measure: string,
  key: string,
  rounds: { pglite: unknown; postgres: unknown; pouchdb?: unknown; pouchdbNode?: unknown; pouchKey?: string },
  budget?: { max?: number; min?: number; on?: 'pglite' | 'postgres' },
): Row {
  const pglite = get(rounds.pglite, key),
    postgres = get(rounds.postgres, key);
  const pouchdb = rounds.pouchdb === undefined ? '–' : get(rounds.pouchdb, rounds.pouchKey ?? key);
  const pouchdbNode = rounds.pouchdbNode === undefined ? '–' : get(rounds.pouchdbNode, rounds.pouchKey ?? key);
  if (!budget) return { measure, pglite, postgres, pouchdb, pouchdbNode, budget: '–', pass: '–' };
  const judged = budget.on ? [budget.on === 'pglite' ? pglite : postgres] : [pglite, postgres];
  const ok = judged
    .filter((v): v is number => typeof v === 'number')
    .every((v) => (budget.max === undefined || v <= budget.max) && (budget.min === undefined || v >= budget.min));
  const text = budget.max !== undefined ? `≤ ${budget.max}` : `≥ ${budget.min ?? 0}`;
  return { measure, pglite, postgres, pouchdb, pouchdbNode, budget: budget.on ? `${text} (${budget.on})` : text, pass: ok ? 'yes' : 'NO' };
}

export async function runSyncBench(n: number): Promise<{ table: Row[]; details: Record<string, unknown> }> {
  const storages: TestStorage[] = hasPostgres ? ['memory', 'pg'] : ['memory'];
  const chromium = await runBrowserSync(n, storages);
  const node = await runServerBench(n);
  const pouchNode = await runPouchPeer(n).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
  const p = { pouchdb: chromium.pouchdb, pouchdbNode: pouchNode };
  const c = { pglite: chromium.memory, postgres: chromium.pg };
  const s = { pglite: node.pglite, postgres: node.postgres };
  const table = [
    row(`Chromium: push ${n} events from the Dexie outbox (ms)`, 'pushMs', { ...c, ...p }, { max: 5000 }),
    row("Chromium: push time as a share of PouchDB's", 'pushShareOfPouch', c, { max: 0.6 }),
    row(`Chromium: pull ${n} events into a 2nd device's Dexie (ms)`, 'pullMs', { ...c, ...p }, { max: 3000 }),
    row("Chromium: pull time as a share of PouchDB's", 'pullShareOfPouch', c, { max: 0.6 }),
    row('Chromium: push rate (events/s)', 'ingestPerSec', { ...c, ...p, pouchKey: 'docsPerSecUp' }),
    row('Chromium: of the push, waiting on HTTP + server (ms)', 'pushInHttpMs', c),
    row('Chromium: of the pull, waiting on HTTP + server (ms)', 'pullInHttpMs', c),
    row('Chromium: fill the outbox before the push (ms)', 'fillOutboxMs', { ...c, pouchdb: chromium.pouchdb }),
    row(`Node HTTP client: push ${n} events, batches of 500 (ms)`, 'pushMs', s),
    row('Node HTTP client: server ingest (events/s)', 'ingestPerSec', s, { min: 3000, on: 'postgres' }),
    row('Raw SQL multi-row INSERT on the same engine, the limit (rows/s)', 'rawInsertPerSec', s),
    row('Server ingest as a share of the raw INSERT rate', 'ingestShareOfRaw', s, { min: 0.5 }),
    row('Raw SQL writing the events and their dossier projections, as a share of the raw INSERT rate (the floor)', 'rawWithProjectionsShareOfRaw', s),
    row(`Node HTTP client: pull ${n} events, pages of 1000 (ms)`, 'pullMs', s),
  ];
  return { table, details: { chromium, nodeHttp: node, pouchdbNode: pouchNode } };
}
