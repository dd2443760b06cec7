/**
 * PD4 end to end in real Chromium against the real server: an officer opens a dossier and prints
 * its receipt; the commune supervisor's tablet screen lists both accesses with names and times;
 * after sync the upstream office lists them too, and filters them by dossier and by user.
 * Screenshots: tests/e2e/screenshots/access-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamAccessLog, createUpstreamClient, type AccessLogEntry } from '../../src/protocol';
import { DEMO_UPSTREAM_PASSWORD } from '../../src/server/seed';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { startTestServer, type TestServer } from '../support/server';
import { enroll, openControlled, openDossier, signIn, takeIn } from './counterSteps';

const run = shouldRun('chromium');
const TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

async function signOut(page: Page): Promise<void> {
  await page.click('header button:has-text("Đăng xuất")');
  // with events still waiting for the server, the app asks first
  await Promise.race([page.waitForSelector('#signin-pin'), page.waitForSelector('dialog[open] button.primary').then((b) => b.click())]);
  await page.waitForSelector('#signin-pin');
}

/** The rows of the access table as text cells. */
const rowsOf = (page: Page, scope: string) =>
  page.$$eval(`${scope} [data-testid=access-row]`, (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));

describe.skipIf(!run)('[PD4] the access log, in Chromium', () => {
  let server: TestServer;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let code = '';
  let serverRecords: AccessLogEntry[] = [];
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SCREENSHOT_DIR, `access-${name}.png`), fullPage: true });
  const upstream = () =>
    createUpstreamClient({ baseUrl: server.url }).signIn({ login: DEMO_UPSTREAM_PASSWORD.userId, password: DEMO_UPSTREAM_PASSWORD.password });

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ storage: 'memory' });
    const tablet = await launchTablet();
    contexts.push(tablet);
    page = tablet.pages()[0] ?? (await tablet.newPage());
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await openControlled(page, server.url);
    await enroll(page, await server.enrollCode('counter'));
    await signIn(page, 'Nguyễn Thị Lan', '135790');
    code = await takeIn(page, { procedure: 'khai sinh', name: 'Nguyễn Thị Đào', idNumber: '001190012345', phone: '0912345678' });
    await page.waitForSelector('[data-testid=receipt-code]'); // Lan sees the receipt she is about to hand over: a view
    await signOut(page); // from the receipt itself
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await server?.stop();
  });

  it('an officer opens the dossier and prints its receipt: two records, the personal data in neither', async () => {
    await signIn(page, 'Trần Văn Minh', '246802');
    // PD4: the next person starts at the queue, not on the receipt the last one had open
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('[data-testid=receipt-code]').count()).toBe(0);
    await openDossier(page, code);
    expect(await page.textContent('[data-testid=applicant-name]')).toBe('Nguyễn Thị Đào');
    await page.click('.card button:has-text("Giấy tiếp nhận")');
    await page.waitForSelector('[data-testid=receipt-code]');
    await page.click('main button.primary:has-text("In")');
    // sync sends them (a new record brings the run forward): the server has Minh's view and print
    const session = await upstream();
    const list = upstreamAccessLog({ baseUrl: server.url });
    await expect.poll(async () => (await list(session.token, { user: 'can-bo-minh' })).records.length, { timeout: 60_000 }).toBe(2);
    serverRecords = [...(await list(session.token, { user: 'can-bo-minh' })).records];
    expect(serverRecords.map((r) => [r.kind, r.detail, r.dossierIds])).toEqual([
      ['print', 'receipt', [code]],
      ['view', 'dossier', [code]],
    ]);
    expect(serverRecords.every((r) => r.actorName === 'Trần Văn Minh' && r.deviceName === 'Máy quầy 1')).toBe(true);
    const text = JSON.stringify((await list(session.token, {})).records);
    for (const secret of ['Đào', '001190012345', '0912345678']) expect(text).not.toContain(secret);
    // Lan's own receipt after the intake was a view too
    expect((await list(session.token, { user: 'can-bo-lan' })).records.map((r) => r.kind)).toEqual(['view']);
  }, 180_000);

  it("the commune supervisor's tablet screen lists both, with names and dd/MM/yyyy HH:mm; filters by user and by dossier", async () => {
    await page.click('header nav button:has-text("Hồ sơ")');
    await signOut(page);
    await signIn(page, 'Lê Thị Hoa', '975310');
    await page.click('header nav button:has-text("Giám sát")');
    await page.click('[data-testid=sv-tab-access]');
    await page.waitForSelector('[data-testid=sv-access] [data-testid=access-table]');
    await page.selectOption('#access-user', { label: 'Trần Văn Minh' });
    await page.click('[data-testid=access-apply]');
    await expect.poll(async () => (await rowsOf(page, '[data-testid=sv-access]')).length, { timeout: 30_000 }).toBe(2);
    const rows = await rowsOf(page, '[data-testid=sv-access]');
    expect(rows.map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      ['Trần Văn Minh', 'In', code, 'Giấy tiếp nhận và hẹn trả'],
      ['Trần Văn Minh', 'Xem thông tin', code, 'Trang hồ sơ'],
    ]);
    for (const r of rows) expect(r[0]).toMatch(TIME);
    expect(rows.map((r) => r[5])).toEqual(['Máy này', 'Máy này']);
    await shot(page, 'supervisor-tablet');
    // by a tail of the code, every user: Lan's view joins
    await page.fill('#access-dossier', code.split('-').slice(-2).join('-'));
    await page.selectOption('#access-user', { value: '' });
    await page.click('[data-testid=access-apply]');
    await expect.poll(async () => (await rowsOf(page, '[data-testid=sv-access]')).length, { timeout: 30_000 }).toBe(3);
    await page.fill('#access-dossier', 'Đào');
    expect(await page.isDisabled('[data-testid=access-apply]')).toBe(true);
    expect(await page.textContent('[data-testid=access-filters] [role=alert]')).toContain('chỉ gồm chữ, số');
  }, 120_000);

  it('the upstream office lists them after sync, for the communes in its scope', async () => {
    const office = await launchTablet({ width: 1366, height: 900 });
    contexts.push(office);
    const up = office.pages()[0] ?? (await office.newPage());
    await up.goto(`${server.url}/thuong-cap`);
    await up.waitForSelector('[data-testid=upstream-login]');
    await up.fill('#up-user', 'Lê Thị Hoa');
    await up.fill('#up-pin', DEMO_UPSTREAM_PASSWORD.password);
    await up.click('[data-testid=up-sign-in]');
    await up.waitForSelector('[data-testid=upstream]');
    await up.click('[data-testid=up-tab-access]');
    await up.waitForSelector('[data-testid=up-access] [data-testid=access-table]');
    const all = await rowsOf(up, '[data-testid=up-access]');
    expect(all).toHaveLength(3);
    expect(all.map((r) => [r[1], r[2], r[4]])).toEqual([
      ['Trần Văn Minh', 'In', 'Giấy tiếp nhận và hẹn trả'],
      ['Trần Văn Minh', 'Xem thông tin', 'Trang hồ sơ'],
      ['Nguyễn Thị Lan', 'Xem thông tin', 'Trang hồ sơ'],
    ]);
    expect(all.every((r) => TIME.test(r[0]!) && r[5] === 'Máy quầy 1')).toBe(true);
    await up.selectOption('#access-user', { label: 'Nguyễn Thị Lan' });
    await up.click('[data-testid=access-apply]');
    await expect.poll(async () => (await rowsOf(up, '[data-testid=up-access]')).length, { timeout: 30_000 }).toBe(1);
    await up.selectOption('#access-user', { value: '' });
    await up.click('[data-testid=access-apply]');
    await expect.poll(async () => (await rowsOf(up, '[data-testid=up-access]')).length, { timeout: 30_000 }).toBe(3);
    await shot(up, 'upstream');
  }, 120_000);

  it('[RET3] a dossier purged after the retention period is fetched again online (and the view recorded); offline it says the details are upstream', async () => {
    const DAY = 86_400_000;
    await page.bringToFront();
    await page.click('header nav button:has-text("Hồ sơ")');
    await signOut(page);
    await signIn(page, 'Nguyễn Thị Lan', '135790');
    const refused = await takeIn(page, {
      procedure: 'khai sinh',
      name: 'Vũ Văn Tuấn',
      idNumber: '079203004567',
      outcome: 'refused',
      refusalReason: 'Không thuộc thẩm quyền của xã',
    });
    await page.click('header nav button:has-text("Hồ sơ")');
    await expect.poll(async () => await server.admin.store.countEvents('xa-demo'), { timeout: 60_000 }).toBe(2);
    await expect.poll(async () => page.textContent('header'), { timeout: 60_000 }).toContain('Đã gửi hết');
    // 31 days later on the tablet's clock: the next sign-in drops the closed, confirmed dossier's personal data (RET1)
    await page.clock.setSystemTime(Date.now() + 31 * DAY);
    await page.reload();
    await signIn(page, 'Nguyễn Thị Lan', '135790');
    await expect
      .poll(
        async () =>
          page.evaluate(async (code) => {
            const db = await new Promise<IDBDatabase>((res, rej) => {
              const r = indexedDB.open('mot-cua');
              r.onsuccess = () => res(r.result);
              r.onerror = () => rej(r.error);
            });
            const row = await new Promise<{ purgedAt?: number } | undefined>((res) => {
              const r = db.transaction('dossiers').objectStore('dossiers').get(code);
              r.onsuccess = () => res(r.result as { purgedAt?: number } | undefined);
            });
            db.close();
            return row?.purgedAt !== undefined;
          }, refused),
        { timeout: 30_000 },
      )
      .toBe(true);
    await openDossier(page, refused);
    await page.waitForSelector('[data-testid=kept-upstream][data-state=shown]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=applicant-name]')).toBe('Vũ Văn Tuấn');
    await shot(page, 'refetched');
    const session = await upstream();
    const list = upstreamAccessLog({ baseUrl: server.url });
    await expect.poll(async () => (await list(session.token, { dossier: refused })).records.map((r) => r.detail), { timeout: 60_000 }).toContain('upstream');
    // nothing fetched was written back: the stored row is still purged
    const stored = await page.evaluate(async (code) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('mot-cua');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const row = await new Promise<unknown>((res) => {
        const r = db.transaction('dossiers').objectStore('dossiers').get(code);
        r.onsuccess = () => res(r.result);
      });
      db.close();
      return JSON.stringify(row);
    }, refused);
    expect(stored).toContain('purgedAt');
    // offline: the tablet says where the details are
    await page.click('header nav button:has-text("Hồ sơ")');
    await page.context().setOffline(true);
    try {
      await openDossier(page, refused);
      await page.waitForSelector('[data-testid=kept-upstream][data-state=unavailable]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid=applicant-name]')).toBe('');
      expect(await page.textContent('[data-testid=kept-upstream]')).toContain('lưu ở cấp trên');
      await shot(page, 'kept-upstream-offline');
    } finally {
      await page.context().setOffline(false);
    }
  }, 240_000);
});
