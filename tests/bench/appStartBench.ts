/**
 * Issue 3's load budgets: the initial JS of the production build (gzip, what the first page
 * fetches) and a cold offline start: the browser relaunched on an enrolled tablet profile with
 * the network cut, to the sign-in screen and then to an interactive intake form.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { openPglite } from '../../src/server/store/db';
import { startServer } from '../../src/server/server';
import { DEMO_COMMUNE, seedDemo } from '../../src/server/seed';
import { CHROMIUM_ARGS } from '../support/browser';
import { CHROMIUM_PATH } from '../support/env';
import { enroll, openControlled, signIn } from '../e2e/counterSteps';

const INITIAL_JS_BUDGET_KB = 180;
const COLD_START_BUDGET_MS = 2000;

/** A production build of the PWA in a folder of its own (the live bench serves it too). */
export function buildApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-dist-'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', dir, '--emptyOutDir'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return dir;
}

/**
 * The module script and its modulepreloads, and the default language's texts (src/app/i18n/load.ts
 * fetches them before the first render): what the browser fetches before the first render.
 */
function initialJsGzipKb(dist: string): { files: string[]; gzipKb: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const language = readdirSync(join(dist, 'assets'))
    .filter((f) => /^vi-[\w-]+\.js$/.test(f))
    .map((f) => `assets/${f}`);
  const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '').concat(language);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { files, gzipKb: Math.round(bytes / 102.4) / 10 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function runAppStartBench(runs = 3): Promise<Record<string, unknown>> {
  const dist = buildApp();
  const initial = initialJsGzipKb(dist);
  const server = await startServer({ db: await openPglite(), port: 0, distDir: dist });
  await seedDemo(server.store, Date.now());
  const profile = mkdtempSync(join(tmpdir(), 'motcua-bench-tablet-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
  try {
    let ctx = await launch();
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await openControlled(page, server.url);
    await enroll(page, await server.core.issueCode(DEMO_COMMUNE.id, 'counter'));
    await ctx.close();
    const toSignIn: number[] = [],
      toIntake: number[] = [];
    for (let i = 0; i < runs; i++) {
      ctx = await launch();
      await ctx.setOffline(true);
      page = ctx.pages()[0] ?? (await ctx.newPage());
      const t0 = performance.now();
      await page.goto(`${server.url}/tiep-nhan`);
      await page.waitForSelector('#signin-pin');
      toSignIn.push(performance.now() - t0);
      const t1 = performance.now();
      await signIn(page, 'Nguyễn Thị Lan', '135790');
      await page.waitForSelector('#intake-name:enabled');
      toIntake.push(toSignIn.at(-1)! + performance.now() - t1);
      await ctx.close();
    }
    return {
      initialJs: { gzipKb: initial.gzipKb, budgetKb: INITIAL_JS_BUDGET_KB, files: initial.files },
      coldOfflineStart: {
        toSignInScreenMs: Math.round(median(toSignIn)),
        toIntakeFormMs: Math.round(median(toIntake)),
        budgetMs: COLD_START_BUDGET_MS,
        note: 'browser relaunched on an enrolled profile, network cut; toIntakeForm includes the PIN check (PBKDF2, production iterations), not typing',
      },
    };
  } finally {
    await server.close();
  }
}
