/**
 * The connector's worker: claims batches from the queue (at most `maxInFlight` at once), maps
 * each dossier with the format, sends what changed, records every call's answer per dossier.
 *
 * - The portal down (timeout, 5xx, malformed answer, no session): the batch goes back to the
 *   queue at its place and the worker waits, exponentially longer with jitter. An outage is the
 *   portal's state, not the dossiers', so the queue keeps its order and drains in order after.
 * - The portal refuses a batch: it is split in halves and resent until the refused dossier is
 *   alone; that one is kept as refused with the portal's message, the others go on.
 * - A refused dossier is sent again when it changes or when a supervisor retries it.
 */
import { randomUUID } from 'node:crypto';
import type { Attempt, Claimed, Key, OutboundQueue, Refused, Synced } from './queue';
import type { CallRecord, OutboundItem, PortalFormat, Prepared } from './port';
import { keyOf, type InputSource } from './source';

export type WorkerOptions = {
  readonly batchSize: number;
  readonly maxInFlight: number;
  /** A claim's lease; longer than a batch can take (calls stop at the deadline). */
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
};

export const WORKER_DEFAULTS: WorkerOptions = {
  batchSize: 50,
  maxInFlight: 4,
  leaseMs: 120_000,
  pollMs: 2_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 300_000,
};

/** Exponential backoff with "equal jitter": half fixed, half random, so instances spread out. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type StepReport = { readonly claimed: number; readonly synced: number; readonly refused: number; readonly failed: number; readonly delayMs: number };

export type Logger = (line: string) => void;

export function createWorker(o: {
  queue: OutboundQueue;
  format: PortalFormat;
  inputs: InputSource;
  options?: Partial<WorkerOptions>;
  clock?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
  id?: string;
}) {
  const opt = { ...WORKER_DEFAULTS, ...o.options };
  const clock = o.clock ?? Date.now;
  const random = o.random ?? Math.random;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = o.log ?? ((line: string) => console.log(line));
  const worker = o.id ?? `w-${randomUUID().slice(0, 8)}`;
  let failures = 0;
  let resumeAt = 0;
  let running = false;
  let stopped: Promise<void> | null = null;
  const stopper = new AbortController();

  type Lane = { synced: Synced[]; refused: Refused[]; attempts: Attempt[]; failed: Key[]; failure: string | null };

  const attemptsOf = (calls: readonly CallRecord[], byCode: Map<string, Claimed>): Attempt[] =>
    calls.flatMap((c) =>
      c.codes.map((code) => ({
        communeId: byCode.get(code)!.communeId,
        code,
        service: c.service,
        outcome: c.outcome,
        httpStatus: c.httpStatus,
        errorCode: c.errorCode,
        message: c.message,
        durationMs: c.durationMs,
      })),
    );

  /** Sends `items`; on a refusal of several, halves and resends each half. Stops at the first transport failure. */
  async function deliver(items: OutboundItem[], rows: Map<string, Claimed>, lane: Lane, signal: AbortSignal): Promise<void> {
    if (items.length === 0) return;
    if (lane.failure) {
      // the portal went away during the halving: the rest goes back to the queue too
      lane.failed.push(...items.map((i) => rows.get(i.prepared.code)!));
      return;
    }
    const r = await o.format.send(items, signal);
    lane.attempts.push(...attemptsOf(r.calls, rows));
    if (r.kind === 'failed') {
      lane.failure = r.message;
      lane.failed.push(...items.map((i) => rows.get(i.prepared.code)!));
      return;
    }
    if (r.kind === 'accepted') {
      for (const i of items) {
        const row = rows.get(i.prepared.code)!;
        lane.synced.push({
          communeId: row.communeId,
          code: row.code,
          changeSeq: row.changeSeq,
          hash: i.prepared.hash,
          steps: i.prepared.steps.map((s) => s.id),
        });
      }
      return;
    }
    if (items.length === 1) {
      const row = rows.get(items[0]!.prepared.code)!;
      lane.refused.push({
        communeId: row.communeId,
        code: row.code,
        changeSeq: row.changeSeq,
        onPortal: row.onPortal || r.onPortal,
        errorCode: r.errorCode,
        message: r.message,
      });
      return;
    }
    const again = r.onPortal ? items.map((i) => ({ ...i, onPortal: true })) : items;
    const half = Math.ceil(again.length / 2);
    await deliver(again.slice(0, half), rows, lane, signal);
    await deliver(again.slice(half), rows, lane, signal);
  }

  async function runBatch(): Promise<{ claimed: number; lane: Lane } | null> {
    const claimedAt = clock();
    const claimed = await o.queue.claim(worker, claimedAt, opt.leaseMs, opt.batchSize);
    if (claimed.length === 0) return null;
    const lane: Lane = { synced: [], refused: [], attempts: [], failed: [], failure: null };
    // The calls end before the lease does, so no other instance can take these dossiers while they are in flight.
    const deadline = AbortSignal.any([stopper.signal, AbortSignal.timeout(Math.max(1, opt.leaseMs - 5_000))]);
    try {
      const inputs = await o.inputs(claimed, claimedAt);
      const byCode = new Map<string, Claimed>();
      // Codes are unique per commune; a batch may mix communes, so a batch is split by code clash.
      const clashFree: Claimed[] = [];
      for (const c of claimed) {
        if (byCode.has(c.code)) lane.failed.push(c);
        else {
          byCode.set(c.code, c);
          clashFree.push(c);
        }
      }
      const items: OutboundItem[] = [];
      for (const row of clashFree) {
        const input = inputs.get(keyOf(row));
        if (!input) {
          // queued but no projection (an event before intake): nothing to send yet
          lane.synced.push({ communeId: row.communeId, code: row.code, changeSeq: row.changeSeq, hash: row.sentHash ?? '', steps: row.sentSteps });
          continue;
        }
        let prepared: ReturnType<PortalFormat['prepare']>;
        try {
          prepared = o.format.prepare(input);
        } catch (e) {
          prepared = { ok: false, errorCode: 'mappingFailed', message: e instanceof Error ? e.message : String(e) };
        }
        if (!prepared.ok) {
          lane.attempts.push({
            communeId: row.communeId,
            code: row.code,
            service: 'mapping',
            outcome: 'refused',
            httpStatus: null,
            errorCode: prepared.errorCode,
            message: prepared.message,
            durationMs: 0,
          });
          lane.refused.push({
            communeId: row.communeId,
            code: row.code,
            changeSeq: row.changeSeq,
            onPortal: row.onPortal,
            errorCode: prepared.errorCode,
            message: prepared.message,
          });
          continue;
        }
        const p: Prepared = prepared.value;
        const sent = new Set(row.sentSteps);
        const newSteps = p.steps.filter((s) => !sent.has(s.id));
        const sendDossier = !row.onPortal || row.sentHash !== p.hash;
        if (!sendDossier && newSteps.length === 0) {
          lane.attempts.push({
            communeId: row.communeId,
            code: row.code,
            service: 'none',
            outcome: 'unchanged',
            httpStatus: null,
            errorCode: null,
            message: null,
            durationMs: 0,
          });
          lane.synced.push({ communeId: row.communeId, code: row.code, changeSeq: row.changeSeq, hash: p.hash, steps: p.steps.map((s) => s.id) });
          continue;
        }
        items.push({ prepared: p, onPortal: row.onPortal, sendDossier, newSteps });
      }
      await deliver(items, byCode, lane, deadline);
    } catch (e) {
      // a database or programming error: put every undecided dossier back
      lane.failure = e instanceof Error ? e.message : String(e);
      const decided = new Set([...lane.synced, ...lane.refused, ...lane.failed].map(keyOf));
      lane.failed.push(...claimed.filter((c) => !decided.has(keyOf(c))));
    }
    await o.queue.complete(worker, clock(), { attempts: lane.attempts, synced: lane.synced, refused: lane.refused, released: lane.failed });
    return { claimed: claimed.length, lane };
  }

  /** One round: up to `maxInFlight` batches at once; says how long to wait before the next round. */
  async function step(): Promise<StepReport> {
    const now = clock();
    if (now < resumeAt) return { claimed: 0, synced: 0, refused: 0, failed: 0, delayMs: resumeAt - now };
    const lanes = (await Promise.all(Array.from({ length: opt.maxInFlight }, () => runBatch()))).filter((x) => x !== null);
    const sum = (f: (l: (typeof lanes)[number]) => number) => lanes.reduce((n, l) => n + f(l), 0);
    const report = {
      claimed: sum((l) => l.claimed),
      synced: sum((l) => l.lane.synced.length),
      refused: sum((l) => l.lane.refused.length),
      failed: sum((l) => l.lane.failed.length),
    };
    const failure = lanes.find((l) => l.lane.failure)?.lane.failure ?? null;
    if (failure) {
      failures += 1;
      const delayMs = backoffMs(failures, opt.backoffBaseMs, opt.backoffMaxMs, random);
      resumeAt = clock() + delayMs;
      // codes and counts only: no dossier content and no portal message (it may quote personal data)
      log(
        `[connector] ${o.format.name}: portal unavailable (${report.failed} dossier(s) back in the queue), retry in ${Math.round(delayMs / 1000)} s: ${failure.replace(/[^\w\s:().-]/g, '').slice(0, 80)}`,
      );
      return { ...report, delayMs };
    }
    if (failures > 0) log(`[connector] ${o.format.name}: portal reachable again after ${failures} failed round(s)`);
    failures = 0;
    if (report.refused > 0) log(`[connector] ${o.format.name}: ${report.refused} dossier(s) refused, kept for a supervisor`);
    return { ...report, delayMs: report.claimed > 0 ? 0 : opt.pollMs };
  }

  return {
    id: worker,
    step,
    /** Runs rounds until stopped. */
    start() {
      if (running) return;
      running = true;
      stopped = (async () => {
        while (running) {
          let delay = opt.pollMs;
          try {
            delay = (await step()).delayMs;
          } catch (e) {
            log(`[connector] round failed: ${e instanceof Error ? e.message : String(e)}`);
          }
          if (running && delay > 0) await Promise.race([sleep(delay), new Promise((r) => stopper.signal.addEventListener('abort', r, { once: true }))]);
        }
      })();
    },
    async stop() {
      running = false;
      stopper.abort();
      await stopped;
    },
  };
}
