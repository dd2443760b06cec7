/**
 * Live between tablets (SYNC8) in real Chromium: two tablets of one commune, each connected to
 * its own server instance on one PostgreSQL. A dossier taken in on one appears on the other's
 * queue in seconds, through the live stream and LISTEN/NOTIFY, not at the next 60 s timer.
 * The p95 over many intakes is in `npm run bench` (tests/bench/liveBench.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../support/build';
import { launchTablet } from '../support/browser';
import { shouldRun } from '../support/env';
import { startTwoInstances, type TestServer } from '../support/server';
import { enroll, openControlled, signIn, takeIn } from './counterSteps';

/** Milliseconds from now until `code` shows in the queue of `page`. */
async function shownAfter(page: Page, code: string, t0: number, timeoutMs: number): Promise<number> {
  await page.waitForFunction((c) => document.querySelector('table.list tbody')?.textContent?.includes(c) ?? false, code, { timeout: timeoutMs, polling: 20 });
  return Date.now() - t0;
}

describe.skipIf(!shouldRun('chromium') || !shouldRun('postgres'))('[SYNC8] live between two tablets on two server instances', () => {
  let pair: { one: TestServer; two: TestServer; stop(): Promise<void> };
  let a: BrowserContext, b: BrowserContext;
  let pa: Page, pb: Page;

  beforeAll(async () => {
    await ensureAppBuilt();
    pair = await startTwoInstances();
    a = await launchTablet();
    b = await launchTablet();
    pa = a.pages()[0] ?? (await a.newPage());
    pb = b.pages()[0] ?? (await b.newPage());
    await openControlled(pa, pair.one.url);
    await enroll(pa, await pair.one.enrollCode('counter'), 'Quầy 1');
    await signIn(pa, 'Nguyễn Thị Lan', '135790');
    await openControlled(pb, pair.two.url);
    await enroll(pb, await pair.two.enrollCode('counter'), 'Quầy 2');
    await signIn(pb, 'Trần Văn Minh', '246802');
    await pb.click('header nav button:has-text("Hồ sơ")');
  }, 300_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await pair?.stop();
  });

  it('[SYNC8] a dossier taken in on tablet 1 (instance 1) shows on tablet 2 (instance 2) in seconds, without a sync click', async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const code = await takeIn(pa, { procedure: 'chứng thực', name: `Phạm Văn Live ${i}`, phone: '0901234567' });
      latencies.push(await shownAfter(pb, code, Date.now(), 20_000));
    }
    console.log(`[measure] live, intake on instance 1 to the queue of a tablet on instance 2: ${latencies.join(', ')} ms`);
    // far below the 60 s timer even on a loaded CI machine; the bench holds the 2 s p95
    expect(Math.max(...latencies)).toBeLessThan(15_000);
  }, 120_000);
});
