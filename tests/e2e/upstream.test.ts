/**
 * Issue 5, the upstream half, in real Chromium against the real server: a counter tablet takes in
 * a dossier and syncs; a fresh browser (no enrolled device) opens /thuong-cap, is refused a wrong
 * PIN, signs in as Lê Thị Hoa and sees the tablet and the report row with the right numbers.
 * Screenshots land in tests/e2e/screenshots/upstream-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReceived, DAY } from '../support/builders';
import { ensureAppBuilt } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { startTestServer, type TestServer } from '../support/server';
import { enroll, openControlled, signIn, takeIn } from './counterSteps';

const run = shouldRun('chromium');

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!run)('upstream office, in Chromium', () => {
  let server: TestServer;
  const contexts: BrowserContext[] = [];
  let office: Page;
  const shot = (name: string) => office.screenshot({ path: join(SCREENSHOT_DIR, `upstream-${name}.png`), fullPage: true });

  beforeAll(async () => {
    await ensureAppBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ storage: 'memory' });
    const tablet = await launchTablet();
    contexts.push(tablet);
    const page = tablet.pages()[0] ?? (await tablet.newPage());
    await openControlled(page, server.url);
    await enroll(page, await server.enrollCode('counter'), 'Máy quầy 1');
    await signIn(page, 'Nguyễn Thị Lan', '135790');
    await takeIn(page, { procedure: 'khai sinh', name: 'Trần Thị Mai', idNumber: '001190012345' });
    // the write triggers a sync: wait until the server has the event and the tablet's status report
    await until(async () => (await server.admin.store.countEvents('xa-demo')) >= 1);
    await until(async () => (await server.admin.store.listDevices('xa-demo')).some((d) => d.status !== null && d.status.pendingCount === 0));

    const fresh = await launchTablet({ width: 1366, height: 900 });
    contexts.push(fresh);
    office = fresh.pages()[0] ?? (await fresh.newPage());
    office.on('pageerror', (e) => console.log('[pageerror]', e.message));
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await server?.stop();
  });

  it('opens without enrolling, refuses the tablet PIN and a wrong password, then signs in the supervisor by name and password', async () => {
    await office.goto(`${server.url}/thuong-cap`);
    await office.waitForSelector('[data-testid=upstream-login]');
    expect(await office.locator('#enroll-code').count()).toBe(0);
    // the name is chosen or typed, without diacritics too
    expect(await office.locator('#up-names option[value="Lê Thị Hoa"]').count()).toBe(1);
    await office.fill('#up-user', 'le thi hoa');
    await office.fill('#up-pin', '975310'); // her tablet PIN does not open the upstream office
    await office.click('[data-testid=up-sign-in]');
    await office.waitForSelector('[data-testid=up-login-error]');
    expect(await office.textContent('[data-testid=up-login-error]')).toContain('Sai họ tên hoặc mật khẩu');
    await shot('login-refused');
    await office.fill('#up-pin', 'Demo-Upstream-2026');
    await office.click('[data-testid=up-sign-in]');
    await office.waitForSelector('[data-testid=upstream]');
    expect(await office.textContent('[data-testid=up-who]')).toContain('Lê Thị Hoa');
  });

  it('devices: the counter tablet of Xã Demo with its sync status', async () => {
    const table = office.locator('[data-testid=up-devices-xa-demo]');
    await table.waitFor();
    const row = table.locator('tbody tr', { hasText: 'Máy quầy 1' });
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-silent')).toBe('false');
    expect(await row.locator('[data-testid=pending]').textContent()).toBe('0');
    await shot('devices');
  });

  it('report: the commune row and the field row count the new dossier, in progress within time', async () => {
    await office.click('[data-testid=up-tab-report]');
    const row = office.locator('[data-testid=up-bieu06-communes] tbody tr[data-commune=xa-demo]');
    await row.waitFor();
    const cell = (r: typeof row, col: string) => r.locator(`td[data-col="${col}"]`).textContent();
    expect(await cell(row, 'received.total')).toBe('1');
    expect(await cell(row, 'received.inPersonOrPostal')).toBe('1');
    expect(await cell(row, 'inProgress.withinTime')).toBe('1');
    expect(await cell(row, 'resolved.total')).toBe('0');
    const fieldRows = office.locator('[data-testid=up-bieu06-fields] tbody tr[data-field]');
    expect(await fieldRows.count()).toBe(1);
    expect(await cell(fieldRows.first(), 'received.total')).toBe('1');
    expect(await fieldRows.first().locator('th').textContent()).toBe('Hộ tịch'); // named from the published catalog
    await office.click('[data-testid=up-bieu06-communes] tbody tr[data-commune=xa-demo] th button');
    await office.waitForSelector('[data-testid=up-commune-fields]');
    await shot('report');
  });

  it('export: the CSV has a line per commune and per field, in Vietnamese', async () => {
    const [download] = await Promise.all([office.waitForEvent('download'), office.click('[data-testid=up-export-csv]')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split(/\r?\n/);
    expect(lines.some((l) => l.includes('Xã Demo') && l.includes(',1,'))).toBe(true);
    expect(lines.some((l) => l.includes('Hộ tịch'))).toBe(true);
    expect(text).toContain('Tổng số');
  });

  it('late and at risk: an overdue dossier of the commune, with its officer and promised date', async () => {
    const now = Date.now();
    const o = { dossierId: 'LATE-1', communeId: 'xa-demo', deviceId: 'tablet-2', actorId: 'can-bo-minh', at: now - 5 * DAY };
    await server.admin.store.appendEvents('xa-demo', [buildReceived({ dueAt: now - DAY, clockStartAt: now - 5 * DAY }, o)], now);
    await office.click('[data-testid=up-tab-late]');
    const row = office.locator('[data-testid=up-late-xa-demo] tbody tr[data-code="LATE-1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Trần Văn Minh');
    expect(await row.textContent()).toContain('Quá hạn');
    await shot('late');
  });
});
