/**
 * Runs tests/bench/browser/syncBench.ts in real Chromium against the real server: the page is
 * built for production (as the PWA is) and served by the server itself, so the client talks to
 * /api/v1 on its own origin over loopback, as on a tablet. Two browser contexts = two devices.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestServer, type TestStorage } from '../support/server';
import { runPouchChromium } from './pouchPeer';
import { profiled } from './cpuProfile';

const ROOT = resolve('tests/bench/browser');
/** BENCH_PROFILE=1: a CPU profile of each device's run (the page built unminified, so names read). */
const PROFILE = process.env.BENCH_PROFILE === '1';

/** Builds the bench page (production mode, minified) into a fresh folder; returns it. */
export async function buildSyncPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'motcua-syncbench-'));
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    base: './',
    build: {
      outDir,
      minify: !PROFILE,
      emptyOutDir: true,
      reportCompressedSize: false,
      rolldownOptions: { input: { sync: join(ROOT, 'sync.html'), pouch: join(ROOT, 'pouch.html') } },
    },
  });
  return outDir;
}

async function onDevice<T>(browser: Browser, url: string, f: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/sync.html`);
    await page.waitForFunction(() => typeof window.runSyncPush === 'function', undefined, { timeout: 60_000 });
    if (!PROFILE) return await f(page);
    const { value, top } = await profiled(page, () => f(page));
    return { ...value, cpuSelfMs: top } as T;
  } finally {
    await context.close();
  }
}

/** Push N events from device A, then pull them on device B, on the given server storage. */
export async function chromiumSyncRound(browser: Browser, distDir: string, storage: TestStorage, n: number): Promise<Record<string, unknown>> {
  const server = await startTestServer({ storage, distDir });
  try {
    const codeA = await server.enrollCode('counter');
    const { cpuSelfMs: pushCpu, ...push } = (await onDevice(browser, server.url, (p) =>
      p.evaluate(([c, k]) => window.runSyncPush(c, k), [codeA, n] as const),
    )) as Record<string, unknown>;
    const codeB = await server.enrollCode('counter');
    const { cpuSelfMs: pullCpu, ...pull } = (await onDevice(browser, server.url, (p) =>
      p.evaluate(([c, k]) => window.runSyncPull(c, k), [codeB, n] as const),
    )) as Record<string, unknown>;
    return { ...push, ...pull, ...(PROFILE ? { pushCpuSelfMs: pushCpu, pullCpuSelfMs: pullCpu } : {}) };
  } finally {
    await server.stop();
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};

/** Medians of the numeric fields over rounds; the first round's other fields (operation timings, profiles). */
function medians(rounds: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...rounds[0] };
  for (const [k, v] of Object.entries(rounds[0] ?? {})) {
    if (typeof v === 'number') out[k] = median(rounds.map((r) => r[k] as number));
  }
  return { ...out, rounds: rounds.length };
}

/**
 * The Chromium rounds on PGlite (and PostgreSQL when present), then PouchDB in the same browser,
 * `rounds` times in alternation (a busy machine slows each alike), reported as medians with our
 * push and pull times as shares of PouchDB's.
 */
export async function runBrowserSync(
  n: number,
  storages: readonly TestStorage[],
  rounds = Number(process.env.BENCH_ROUNDS ?? 3),
): Promise<Record<string, unknown>> {
  const distDir = await buildSyncPage();
  const browser = await launchBrowser();
  try {
    const ours = new Map<string, Record<string, unknown>[]>();
    const pouch: Record<string, unknown>[] = [];
    let pouchError: string | null = null;
    for (let r = 0; r < rounds; r++) {
      for (const s of storages) {
        const key = typeof s === 'string' ? s : 'dir';
        ours.set(key, [...(ours.get(key) ?? []), await chromiumSyncRound(browser, distDir, s, n)]);
      }
      if (pouchError === null) {
        await runPouchChromium(browser, distDir, n).then(
          (p) => pouch.push(p),
          (e: unknown) => {
            pouchError = e instanceof Error ? e.message : String(e);
          },
        );
      }
    }
    const out: Record<string, unknown> = {};
    const p = pouch.length ? medians(pouch) : { error: pouchError };
    for (const [key, list] of ours) {
      const m = medians(list);
      const share = (k: string) => (typeof m[k] === 'number' && typeof p[k] === 'number' ? Math.round((100 * (m[k] as number)) / (p[k] as number)) / 100 : '–');
      out[key] = { ...m, pushShareOfPouch: share('pushMs'), pullShareOfPouch: share('pullMs') };
    }
    out.pouchdb = pouchError === null ? p : { ...p, laterRoundError: pouchError };
    return out;
  } finally {
    await browser.close();
    rmSync(distDir, { recursive: true, force: true });
  }
}
