/**
 * Issue 11 point 4 in real Chromium: the upstream office's national portal tab shows the synced
 * share per commune and a refused dossier with the portal's message; "Gửi lại" queues it again.
 * Screenshot: tests/e2e/screenshots/upstream-portal.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0 } from '../support/builders';
import { ensureAppBuilt } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { startFakePortal, type FakePortal } from '../support/fakePortal';
import { startTestServer, type TestServer } from '../support/server';
import { codeOf, portalSettings, receivedOf } from '../server/connector/rig';

const run = shouldRun('chromium');

describe.skipIf(!run)('upstream office: national portal tab, in Chromium', () => {
  let portal: FakePortal;
  let server: TestServer;
  let context: BrowserContext;
  let office: Page;

  beforeAll(async () => {
    await ensureAppBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    portal = await startFakePortal();
    portal.refuse = (code) => (code === codeOf(3) ? 'Mã TTHC 1.001193 không thuộc đơn vị 000.00.06.H56' : null);
    server = await startTestServer({ storage: 'memory', connector: portalSettings(portal) });
    await server.admin.store.appendEvents(
      'xa-demo',
      Array.from({ length: 8 }, (_, i) => receivedOf(codeOf(i), T0 + i * 1000)),
      Date.now(),
    );
    await server.admin.connector!.worker.step();
    await server.admin.store.appendEvents('xa-demo', [receivedOf(codeOf(9), T0 + 9000)], Date.now());
    context = await launchTablet({ width: 1366, height: 900 });
    office = context.pages()[0] ?? (await context.newPage());
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    await portal?.stop();
  });

  it("shows the synced share and the refusal with the portal's message, and queues it again", async () => {
    await office.goto(`${server.url}/thuong-cap`);
    await office.fill('#up-user', 'lanh-dao-hoa');
    await office.fill('#up-pin', 'Demo-Upstream-2026');
    await office.click('[data-testid=up-sign-in]');
    await office.waitForSelector('[data-testid=upstream]');
    await office.click('[data-testid=up-tab-portal]');
    await office.waitForSelector('[data-testid=up-portal-communes]');
    expect(await office.textContent('[data-testid=up-tab-portal]')).toBe('Cổng DVC quốc gia');
    expect(await office.textContent('[data-testid=up-portal-share-xa-demo]')).toBe('77,8 %'); // 7 of 9
    const refused = office.locator('[data-testid=up-portal-refused] tbody tr');
    expect(await refused.count()).toBe(1);
    expect(await refused.first().textContent()).toContain('Mã TTHC 1.001193 không thuộc đơn vị 000.00.06.H56');
    await office.screenshot({ path: join(SCREENSHOT_DIR, 'upstream-portal.png'), fullPage: true });
    portal.refuse = () => null;
    await office.click(`[data-testid="up-portal-retry-${codeOf(3)}"]`);
    await office.waitForSelector('[data-testid=up-portal-notice]');
    expect(await office.textContent('[data-testid=up-portal-notice]')).toContain(`Đã đưa hồ sơ ${codeOf(3)} vào hàng đợi gửi lại`);
    await server.admin.connector!.worker.step();
    await office.click('[data-testid=up-portal-refresh]');
    await office.waitForFunction(() => document.querySelector('[data-testid=up-portal-share-xa-demo]')?.textContent === '100 %');
    expect(await office.locator('[data-testid=up-portal-refused]').count()).toBe(0);
  }, 120_000); // the first page of a fresh browser installs the service worker: slow when the whole suite shares two cores
});
