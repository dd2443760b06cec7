/**
 * The sync engine: push the outbox, then pull the commune's events
 * page by page, then refresh the reference documents whose version changed. It runs at start, on
 * `online`, when the tab becomes visible, on a timer (a steady interval while healthy, exponential
 * backoff with jitter after failures, Retry-After when the server asks), when a local write adds
 * to the outbox, and on demand; never two runs at once, across tabs too.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { StoreApi } from 'zustand/vanilla';
import type { DeviceProfile, ReferenceKind } from '../../protocol';
import type { AccessTransport } from '../../protocol/accessClient';
import { TransportError, type Transport } from '../../protocol/transport';
import { pushAccessLog } from '../privacy/accessLog';
import { getMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import { defaultLock, type SyncLock } from './lock';
import { pullAll } from './pull';
import { pushOutbox } from './push';
import { refreshReference } from './reference';
import { decideRetry } from './retryPolicy';
import { deviceStatus } from './status';
import { createSyncState, type RunResult, type SyncUiState } from './syncState';
import { readSyncMeta, updateSyncMeta } from './syncMeta';

export type Timers = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };

export type SyncEngineOptions = {
  readonly db: MotCuaDb;
  readonly transport: Transport;
  readonly appVersion: string;
  readonly now?: () => number;
  /** In [0, 1), for the backoff's jitter. */
  readonly random?: () => number;
  /** Default: Web Locks in the browser, an in-process flag elsewhere. */
  readonly lock?: SyncLock;
  readonly timers?: Timers;
  /** Between runs while all is well. Default 60 s. */
  readonly intervalMs?: number;
  /** After a local write, so the event goes up while the citizen is still at the counter. Default 1 s. */
  readonly soonMs?: number;
  readonly pullPageSize?: number;
  /** False while this device may not read or write personal rows (its vault is not open); the run is skipped. */
  readonly mayRun?: (role: DeviceProfile['role']) => boolean;
  /** Events per push at most (default LIMITS.maxEventsPerPush). */
  readonly pushBatchSize?: number;
  /** PD4: where the access records go (after the outbox); without it they wait on the device. */
  readonly access?: AccessTransport;
};

export type SyncEngine = {
  readonly appVersion: string;
  /** The engine's clock (the device's), for screens that show ages and next-run times. */
  readonly now: () => number;
  /** The in-memory state for the screens (zustand vanilla store: getState / subscribe). */
  readonly state: StoreApi<SyncUiState>;
  /** One run now (joins the run under way in this tab; skipped when another tab holds the lock). */
  runOnce(): Promise<RunResult>;
  /** Runs now, then on every trigger until stop(). */
  start(): void;
  stop(): void;
};

const DEFAULT_TIMERS: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export function createSyncEngine(o: SyncEngineOptions): SyncEngine {
  const { db, appVersion } = o;
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const lock = o.lock ?? defaultLock(db.name);
  const timers = o.timers ?? DEFAULT_TIMERS;
  const intervalMs = o.intervalMs ?? 60_000;
  const soonMs = o.soonMs ?? 1_000;
  const state = createSyncState();
  const set = (patch: Partial<SyncUiState>) => state.setState(patch);

  let current: Promise<RunResult> | null = null;
  let started = false;
  let timer: unknown = null;
  const cleanups: (() => void)[] = [];

  /** The transport, measuring the clock offset on every answer: serverTime − the local midpoint of the exchange. */
  function measuring(transport: Transport, onOffset: (ms: number) => void): Transport {
    const timed = async <T extends { serverTime: number }>(call: () => Promise<T>): Promise<T> => {
      const sentAt = now();
      const measure = (serverTime: number) => onOffset(Math.round(serverTime - (sentAt + now()) / 2));
      try {
        const res = await call();
        measure(res.serverTime);
        return res;
      } catch (e) {
        if (e instanceof TransportError && e.serverTime !== null) measure(e.serverTime); // a refusal tells the time too
        throw e;
      }
    };
    return {
      enroll: (req) => timed(() => transport.enroll(req)),
      push: (token, req) => timed(() => transport.push(token, req)),
      pull: (token, req) => timed(() => transport.pull(token, req)),
      reference: (token, kind) => timed(() => transport.reference(token, kind)),
    };
  }

  async function run(): Promise<RunResult> {
    const device = await getMeta(db, 'device').catch(() => undefined);
    if (!device) return { kind: 'skipped', reason: 'notEnrolled' };
    if (o.mayRun && !o.mayRun(device.role)) return { kind: 'skipped', reason: 'locked' };
    let offset: number | null = (await readSyncMeta(db).catch(() => null))?.clockOffsetMs ?? null;
    const transport = measuring(o.transport, (ms) => {
      offset = ms;
    });
    const status = () => deviceStatus(db, appVersion, offset);
    set({ running: true, phase: 'push', pushed: 0, pulled: 0, hasMore: false });
    try {
      await updateSyncMeta(db, { lastAttemptAt: now() });
      const pushed = await pushOutbox(db, transport, device.token, status, o.pushBatchSize !== undefined ? { maxBatch: o.pushBatchSize } : {});
      if (o.access && device.role !== 'kiosk') await pushAccessLog(db, o.access, device.token);
      set({ phase: 'pull', pushed: pushed.sent });
      const pulled = await pullAll(
        db,
        transport,
        device.token,
        status,
        async (p) => {
          set({ pulled: p.done, hasMore: p.hasMore });
          await updateSyncMeta(db, { pullProgress: { done: p.done, hasMore: p.hasMore } });
        },
        o.pullPageSize,
      );
      let reference: ReferenceKind[] = [];
      if (pulled.reference) {
        set({ phase: 'reference' });
        reference = await refreshReference(db, transport, device.token, device.role, pulled.reference);
      }
      const at = now();
      await updateSyncMeta(db, { lastSyncAt: at, lastError: null, clockOffsetMs: offset });
      set({ failures: 0 });
      return { kind: 'synced', pushed: pushed.sent, rejected: pushed.rejected, stuck: pushed.stuck, pulled: pulled.stored, reference, at };
    } catch (e) {
      const failures = state.getState().failures + 1;
      set({ failures });
      const d = decideRetry(e, failures, random);
      await updateSyncMeta(db, { lastError: d.error.key, ...(d.error.params ? { lastErrorParams: d.error.params } : {}), clockOffsetMs: offset }).catch(
        () => undefined,
      );
      return { kind: 'failed', error: d.error, retry: d.retry, delayMs: d.retry ? d.delayMs : null };
    } finally {
      set({ running: false, phase: 'idle' });
    }
  }

  function schedule(ms: number | null): void {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (!started || ms === null) {
      set({ nextRunAt: null });
      return;
    }
    set({ nextRunAt: now() + ms });
    timer = timers.set(() => {
      timer = null;
      void runOnce();
    }, ms);
  }

  /** After a run: when the timer should fire next. */
  async function nextDelay(r: RunResult): Promise<number | null> {
    switch (r.kind) {
      case 'synced': {
        // a write made during the run is still waiting
        const waiting =
          (await db.outbox.where('state').equals('pending').count()) + (o.access ? await db.accessLog.where('state').equals('pending').count() : 0);
        return waiting > 0 ? soonMs : intervalMs;
      }
      case 'skipped':
        return intervalMs;
      case 'failed':
        return r.delayMs;
    }
  }

  function runOnce(): Promise<RunResult> {
    if (current) return current;
    const p = (async (): Promise<RunResult> => {
      const r = (await lock(run)) ?? { kind: 'skipped', reason: 'busy' };
      set({ lastResult: r });
      schedule(await nextDelay(r).catch(() => intervalMs));
      return r;
    })();
    current = p;
    void p.finally(() => {
      if (current === p) current = null;
    });
    return p;
  }

  /** Runs soon unless a failure is being backed off (then the backoff decides). */
  function soon(): void {
    const s = state.getState();
    if (!started || s.running || s.failures > 0) return;
    if (s.nextRunAt !== null && s.nextRunAt <= now() + soonMs) return;
    schedule(soonMs);
  }

  function listen(target: EventTarget | undefined, type: string, fn: () => void): void {
    if (!target) return;
    target.addEventListener(type, fn);
    cleanups.push(() => target.removeEventListener(type, fn));
  }

  function start(): void {
    if (started) return;
    started = true;
    const g = globalThis as { window?: EventTarget; document?: EventTarget & { visibilityState?: string } };
    listen(g.window, 'online', () => {
      set({ failures: 0 });
      void runOnce();
    });
    listen(g.document, 'visibilitychange', () => {
      if (g.document?.visibilityState === 'visible') void runOnce();
    });
    // a local write raises deviceSeq: send it soon
    let lastSeq: number | undefined;
    const sub: Subscription = liveQuery(() => getMeta(db, 'deviceSeq')).subscribe({
      next: (seq) => {
        if (seq !== undefined && lastSeq !== undefined && seq > lastSeq) soon();
        lastSeq = seq ?? 0;
      },
      error: () => undefined,
    });
    cleanups.push(() => sub.unsubscribe());
    if (o.access) {
      // a new access record (PD4) goes up soon too
      let lastCount: number | undefined;
      const accessSub = liveQuery(() => db.accessLog.where('state').equals('pending').count()).subscribe({
        next: (n) => {
          if (lastCount !== undefined && n > lastCount) soon();
          lastCount = n;
        },
        error: () => undefined,
      });
      cleanups.push(() => accessSub.unsubscribe());
    }
    void runOnce();
  }

  function stop(): void {
    started = false;
    schedule(null);
    for (const c of cleanups.splice(0)) c();
  }

  return { appVersion, now, state, runOnce, start, stop };
}
