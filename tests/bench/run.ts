/**
 * `npm run bench`: the speed budgets of issues 3–5, each measured side by side with its limit
 * (raw Dexie, raw SQL) in one run, on realistic volumes. Prints a table; exits non-zero only on errors.
 *   BENCH_N=100000 (dossiers on the tablet), BENCH_EVENTS=10000 (sync), BENCH_ONLY=counter|sync (one part),
 *   BENCH_ONLY=chromium (only the Chromium sync rounds, ours and PouchDB's; BENCH_PROFILE=1 adds CPU profiles),
 *   BENCH_UPSTREAM=1 (the upstream bench too, tests/bench/upstreamBench.ts),
 *   BENCH_CONNECTOR=1 (the national portal connector, tests/bench/connectorBench.ts),
 *   BENCH_ONLY=live (only the live rounds: two tablets on two server instances, needs PostgreSQL),
 *   BENCH_ONLY=files (only digitisation: capture, upload, stored files; tests/bench/filesBench.ts, which runs by default too).
 *   PostgreSQL rounds run when it answers on 127.0.0.1:5432.
 */
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../support/browser';
import { CHROMIUM_PATH } from '../support/env';
import { counterCredentials } from '../../src/server/credentials/counterPin';
import { buildApp, runAppStartBench } from './appStartBench';
import { runLiveBench } from './liveBench';
import { hasPostgres } from '../support/env';
import { runSyncBench } from './syncBench';

const N = Number(process.env.BENCH_N ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const ONLY = process.env.BENCH_ONLY;

async function counterBench(): Promise<unknown> {
  const vite = await createServer({
    root: 'tests/bench/browser',
    configFile: false,
    logLevel: 'warn',
    server: { port: 0, host: '127.0.0.1', fs: { allow: [process.cwd()] }, hmr: false, watch: null },
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0] ?? '';
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('[bench]')) console.log(m.text());
    });
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runCounterBench === 'function', undefined, { timeout: 120_000 });
    // a counter user with a vault key pair at the real PIN cost (PD4: the sealed round and the sign-in)
    const user = { id: 'can-bo-lan', name: 'Nguyễn Thị Lan', role: 'officer' as const, active: true, ...counterCredentials('135790') };
    return await page.evaluate(([n, u]) => window.runCounterBench(n, u), [N, user] as const);
  } finally {
    await browser.close();
    await vite.close();
  }
}

const t0 = Date.now();
console.log(`# Một Cửa bench (${new Date().toISOString()})`);
if (ONLY !== 'sync' && ONLY !== 'chromium' && ONLY !== 'live' && ONLY !== 'files') {
  console.log(`\n## Counter in Chromium, ${N} dossiers stored`);
  console.log(JSON.stringify(await counterBench(), null, 2));
}
if (ONLY !== 'sync' && ONLY !== 'chromium' && ONLY !== 'live' && ONLY !== 'files') {
  console.log('\n## App load: initial JS of the production build, cold offline start in Chromium');
  console.log(JSON.stringify(await runAppStartBench(), null, 2));
}
if ((ONLY === undefined || ONLY === 'live') && hasPostgres) {
  console.log('\n## Live between tablets: two Chromium tablets on two server instances over one PostgreSQL');
  console.log(JSON.stringify(await runLiveBench(buildApp(), Number(process.env.BENCH_LIVE_N ?? 20)), null, 2));
}
if (ONLY === 'chromium') {
  const { runBrowserSync } = await import('./browserSync');
  console.log(`\n## Chromium sync only, ${EVENTS} events`);
  console.log(JSON.stringify(await runBrowserSync(EVENTS, hasPostgres && process.env.BENCH_PG !== '0' ? ['memory', 'pg'] : ['memory']), null, 2));
} else if (ONLY !== 'counter' && ONLY !== 'live' && ONLY !== 'files') {
  console.log(`\n## Sync, ${EVENTS} events: our Chromium client and server beside PouchDB → CouchDB protocol`);
  const sync = await runSyncBench(EVENTS);
  console.table(sync.table);
  console.log(JSON.stringify(sync.details, null, 2));
}
if (ONLY === undefined || ONLY === 'files') {
  const { runFilesBench } = await import('./filesBench');
  console.log('\n## Digitisation (DIG1): capture to saved, upload beside plain PUT, intake and list with files stored');
  const files = await runFilesBench();
  console.table(files.table);
  console.log(JSON.stringify(files.details, null, 2));
}
if (process.env.BENCH_UPSTREAM === '1') {
  // imported by path so this file does not depend on that one at type-check time
  const upstream = './upstreamBench.ts';
  const { runUpstreamBench } = (await import(upstream)) as { runUpstreamBench: () => Promise<unknown> };
  console.log('\n## Upstream');
  console.log(JSON.stringify(await runUpstreamBench(), null, 2));
}
if (process.env.BENCH_CONNECTOR === '1') {
  const connector = './connectorBench.ts';
  const { runConnectorBench } = (await import(connector)) as { runConnectorBench: () => Promise<unknown> };
  console.log('\n## National portal connector (issue 11)');
  console.log(JSON.stringify(await runConnectorBench(), null, 2));
}
console.log(`\nbench done in ${Math.round((Date.now() - t0) / 1000)} s`);
