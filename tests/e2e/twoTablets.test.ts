/**
 * Issue 4 end to end: two Chromium profiles as two tablets of one commune and the real server.
 * Intake on one while offline; back online it syncs by itself and the other tablet sees it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { startTestServer, type TestServer } from '../support/server';
import { enroll, openControlled, signIn, takeIn } from './counterSteps';

describe.skipIf(!shouldRun('chromium'))('two tablets of one commune', () => {
  let server: TestServer;
  let a: BrowserContext, b: BrowserContext;
  let pa: Page, pb: Page;

  beforeAll(async () => {
    await ensureAppBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ storage: 'memory' });
    a = await launchTablet();
    b = await launchTablet({ width: 800, height: 1280 });
    pa = a.pages()[0] ?? (await a.newPage());
    pb = b.pages()[0] ?? (await b.newPage());
    await openControlled(pa, server.url);
    await enroll(pa, await server.enrollCode('counter'), 'Quầy 1');
    await signIn(pa, 'Nguyễn Thị Lan', '135790');
    await openControlled(pb, server.url);
    await enroll(pb, await server.enrollCode('counter'), 'Quầy 2');
    await signIn(pb, 'Trần Văn Minh', '246802');
  }, 300_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('an intake made offline on one tablet reaches the other once back online', async () => {
    await a.setOffline(true);
    const code = await takeIn(pa, { procedure: 'chứng thực', name: 'Hoàng Văn Sơn', phone: '0901234567' });
    await pa.click('header nav button:has-text("Đồng bộ")');
    await expect.poll(() => pa.locator('main').textContent()).toContain(code);
    await pa.screenshot({ path: join(SCREENSHOT_DIR, 'sync-pending.png'), fullPage: true });
    await a.setOffline(false);
    // the engine syncs on 'online' by itself; the other tablet pulls on its timer or on demand
    await expect.poll(async () => (await server.admin.store.eventsAfter('xa-demo', 0, 100)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await pb.click('header nav button:has-text("Đồng bộ")');
    await pb.click('button[data-testid=sync-now]');
    await pb.click('header nav button:has-text("Hồ sơ")');
    await pb.fill('#q-search', 'hoang van son');
    await expect.poll(() => pb.locator('table.list tbody').textContent(), { timeout: 30_000 }).toContain(code);
    await pb.screenshot({ path: join(SCREENSHOT_DIR, 'sync-second-tablet.png'), fullPage: true });
    expect(
      await pa.evaluate(async () => {
        const open = indexedDB.open('mot-cua');
        const db = await new Promise<IDBDatabase>((res, rej) => {
          open.onsuccess = () => res(open.result);
          open.onerror = () => rej(open.error);
        });
        const n = await new Promise<number>((res) => {
          const r = db.transaction('outbox').objectStore('outbox').count();
          r.onsuccess = () => res(r.result);
        });
        db.close();
        return n;
      }),
    ).toBe(0);
  });
});
