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
    root: ROOT, configFile: false, logLevel: 'warn', mode: 'production', base: './',
    build: { outDir, minify: !PROFILE, emptyOutDir: true, reportCompressedSize: false, rolldownOptions: { input: { sync: join(ROOT, 'sync.html'), pouch: join(ROOT, 'pouch.html') } } },
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
    const { cpuSelfMs: pushCpu, ...push } = await onDevice(browser, server.url, (p) => p.evaluate(([c, k]) => window.runSyncPush(c, k), [codeA, n] as const)) as Record<string, unknown>;
    const codeB = await server.enrollCode('counter');
    const { cpuSelfMs: pullCpu, ...pull } = await onDevice(browser, server.url, (p) => p.evaluate(([c, k]) => window.runSyncPull(c, k), [codeB, n] as const)) as Record<string, unknown>;
    return { ...push, ...pull, ...(PROFILE ? { pushCpuSelfMs: pushCpu, pullCpuSelfMs: pullCpu } : {}) };
  } finally {
    await server.stop();
  }
}

/** The Chromium rounds on PGlite (and PostgreSQL when present), then PouchDB in the same browser. */
export async function runBrowserSync(n: number, storages: readonly TestStorage[]): Promise<Record<string, unknown>> {
  const distDir = await buildSyncPage();
  const browser = await launchBrowser();
  try {
    const out: Record<string, unknown> = {};
    for (const s of storages) out[typeof s === 'string' ? s : 'dir'] = await chromiumSyncRound(browser, distDir, s, n);
    out.pouchdb = await runPouchChromium(browser, distDir, n).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
    return out;
  } finally {
    await browser.close();
    rmSync(distDir, { recursive: true, force: true });
  }
}
