/**
 * The counter as people use it (issue 12, points 4–12), in real Chromium whose language is
 * English (en-US) while the app speaks Vietnamese: dates and times must still read dd/MM/yyyy and
 * 24-hour HH:mm. Every screen is checked with axe and photographed at 1280×800 and 800×1280
 * (tests/e2e/screenshots/screens-*.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { startTestServer, type TestServer } from '../support/server';
import { act, enroll, openControlled, openDossier, selectLabelFits, signIn, takeIn } from './counterSteps';

const run = shouldRun('chromium');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.skipIf(!run)('counter screens, in an English Chromium', { timeout: 90_000 }, () => {
  let server: TestServer;
  let tablet: BrowserContext;
  let page: Page;
  let offlineReadyAtFirstSignIn = false;
  let code = '';

  async function shots(name: string): Promise<void> {
    for (const [w, h] of [
      [1280, 800],
      [800, 1280],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `screens-${name}-${w}x${h}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  async function axeClean(where: string): Promise<void> {
    await page.evaluate(axe.source); // through the debugger, not a <script>: the app's CSP allows no inline script
    const r = await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      }),
    );
    expect(r.violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  const nav = (label: string) => page.click(`header nav button:has-text("${label}")`);

  beforeAll(async () => {
    await ensureAppBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ storage: 'memory' });
    tablet = await launchTablet({ width: 1280, height: 800 }, { locale: 'en-US' });
    // a browser that does not grant persistent storage (the warning's case)
    await tablet.addInitScript(() => {
      const storage = navigator.storage as StorageManager & { persist: () => Promise<boolean>; persisted: () => Promise<boolean> };
      storage.persist = async () => false;
      storage.persisted = async () => false;
    });
    page = tablet.pages()[0] ?? (await tablet.newPage());
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await openControlled(page, server.url);
    await enroll(page, await server.enrollCode('counter'), 'Máy quầy 1');
    await signIn(page, 'Nguyễn Thị Lan', '135790');
    offlineReadyAtFirstSignIn = await page.locator('[data-testid=offline-ready]').isVisible();
  }, 300_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page.screenshot({ path: join(SCREENSHOT_DIR, `screens-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`), fullPage: true });
  });

  afterAll(async () => {
    await tablet?.close();
    await server?.stop();
  });

  it('[12.10] the header shows online, the last sync and what waits; offline at a glance', async () => {
    const status = page.locator('[data-testid=net-status]');
    await expect.poll(() => status.getAttribute('data-online')).toBe('true');
    await expect.poll(() => page.locator('[data-testid=net-last]').textContent()).toMatch(/^Đồng bộ \d{2}:\d{2}$/);
    expect(await page.locator('[data-testid=net-pending]').textContent()).toBe('Đã gửi hết');
    await axeClean('queue');
    await shots('queue');
    await tablet.setOffline(true);
    await expect.poll(() => status.getAttribute('data-online')).toBe('false');
    expect(await status.textContent()).toContain('Mất mạng');
  });

  it('[12.12] says once that the app is ready offline; [12.9] the storage warning is one line, once per session', async () => {
    expect(offlineReadyAtFirstSignIn).toBe(true);
    const notice = page.locator('[data-testid=storage-notice]');
    expect(await notice.isVisible()).toBe(true);
    const box = await notice.boundingBox();
    expect(box?.height ?? 999).toBeLessThan(56);
    expect(await notice.locator('a').textContent()).toBe('Cách khắc phục');
    await page.reload();
    await signIn(page, 'Nguyễn Thị Lan', '135790');
    expect(await page.locator('[data-testid=offline-ready]').count()).toBe(0);
    expect(await page.locator('[data-testid=storage-notice]').count()).toBe(0);
  });

  it('[12.5] the intake form marks every invalid field and focuses the first; clearing a filled form asks first', async () => {
    await nav('Tiếp nhận');
    await page.fill('#intake-phone', '12');
    await page.click('form button[type=submit].primary');
    expect(await page.locator('.error-box[role=alert]').textContent()).toContain('sửa các ô được đánh dấu');
    for (const id of ['#intake-procedure', '#intake-name', '#intake-phone']) {
      expect(await page.getAttribute(id, 'aria-invalid'), id).toBe('true');
      const describedBy = (await page.getAttribute(id, 'aria-describedby')) ?? '';
      expect((await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent())?.length ?? 0, id).toBeGreaterThan(3);
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('intake-procedure');
    const border = await page.$eval('#intake-name', (el) => getComputedStyle(el).borderTopColor);
    expect(border).toBe('rgb(176, 0, 32)');
    for (const [w, h] of [
      [1280, 800],
      [800, 1280],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      expect(await selectLabelFits(page, '#intake-idtype'), `at ${w}`).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await axeClean('intake with errors');
    await shots('intake-errors');
    // the dialog is a real one: focus in, Escape closes, focus back on the button, nothing cleared
    await page.fill('#intake-name', 'Phạm Thị Giang');
    await page.click('button:has-text("Xóa biểu mẫu")');
    await page.waitForSelector('dialog[open]');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await axeClean('clear dialog');
    await shots('intake-clear-dialog');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Xóa biểu mẫu');
    expect(await page.inputValue('#intake-name')).toBe('Phạm Thị Giang');
    await page.click('button:has-text("Xóa biểu mẫu")');
    await page.click('[data-testid=confirm-clear]');
    await expect.poll(() => page.inputValue('#intake-name')).toBe('');
    expect(await page.inputValue('#intake-phone')).toBe('');
  });

  it('[12.4] finds a dossier by any part of its code a person types', async () => {
    code = await takeIn(page, { procedure: 'khai sinh', name: 'Đỗ Văn Hải', idNumber: '001190012345' });
    const [, date, seq] = /-(\d{6})-(\d{4})$/.exec(code) ?? [];
    await nav('Hồ sơ');
    for (const q of [code, `${date}-${seq}`, date ?? '', seq ?? '']) {
      await page.fill('#q-search', q);
      await expect.poll(() => page.locator('table.list tbody tr').count(), { message: q }).toBe(1);
      expect(await page.locator('table.list tbody').textContent()).toContain(code);
    }
    await shots('search');
  });

  it('[12.7] [12.8] the timeline says who, on which device and what; the status changes the moment it is saved', async () => {
    await openDossier(page, code);
    await act(page, 'Yêu cầu bổ sung', { '#action-text': 'Giấy xác nhận cư trú\nBản sao sổ hộ khẩu' });
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    // read once, no waiting: the header shows the saved state at once
    expect(await page.locator('[data-testid=dossier-status]').textContent()).toBe('Chờ bổ sung');
    const timeline = page.locator('[data-testid=timeline]');
    await expect.poll(() => timeline.textContent()).toContain('Giấy xác nhận cư trú; Bản sao sổ hộ khẩu');
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).toContain('Máy quầy 1');
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(UUID);
    await axeClean('dossier');
    await shots('dossier');
  });

  it('[12.6] dates and times read and typed dd/MM/yyyy and 24-hour in an English browser', async () => {
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await act(page, 'Nhận hồ sơ bổ sung');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    await page.click('.card button:has-text("Xin lỗi, hẹn lại ngày trả")');
    await page.waitForSelector('dialog[open]');
    expect(await page.getAttribute('#action-date', 'type')).toBe('text');
    expect(await page.getAttribute('#action-date', 'placeholder')).toBe('ngày/tháng/năm');
    expect(await page.inputValue('#action-time')).toBe('16:30');
    // digits only: the slashes come by themselves
    await page.type('#action-date', '31122026');
    expect(await page.inputValue('#action-date')).toBe('31/12/2026');
    await page.fill('#action-time', '');
    await page.type('#action-time', '0930');
    expect(await page.inputValue('#action-time')).toBe('09:30');
    await page.fill('#action-text', 'Cần xác minh thêm');
    await page.fill('#action-signer', 'Lê Thị Hoa');
    await axeClean('apology dialog');
    await shots('apology-dialog');
    await page.click('dialog[open] button[type=submit]');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    // 31/12 is 31 December, 09:30 in the morning
    await expect.poll(() => page.locator('[data-testid=new-due-at]').textContent()).toBe('09:30 31/12/2026');
    // APO2: the second one is not offered as if allowed
    expect(await page.isDisabled('button[data-action=apologyIssued]')).toBe(true);
    expect(await page.locator('[data-testid=blocked-reason]').textContent()).toContain('một lần');
    await shots('dossier-apologised');
    // a date that is not one is said so, under the field
    await nav('Hồ sơ');
    await page.fill('#q-from', '31/02/2026');
    await page.click('#q-to');
    expect(await page.getAttribute('#q-from', 'aria-invalid')).toBe('true');
    expect(await page.locator('#q-from-format').textContent()).toContain('ngày/tháng/năm');
    await page.fill('#q-from', '');
    // the logbook's range is today, shown dd/MM/yyyy
    await nav('Sổ theo dõi');
    expect(await page.inputValue('#lb-from')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await axeClean('logbook');
    await shots('logbook');
  });

  it('[12.10] the sync page says offline once and counts no attempts while offline', async () => {
    await nav('Đồng bộ');
    await page.click('[data-testid=sync-now]');
    await expect.poll(() => page.locator('[data-testid=sync-error]').textContent()).toContain('mạng');
    const rows = page.locator('[data-testid=outbox-list] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const attempts = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[4]?.textContent));
    expect(attempts.every((a) => a === '0')).toBe(true);
    const offlineText = (await page.locator('[data-testid=sync-error]').textContent()) ?? '';
    const said = ((await page.locator('main').textContent()) ?? '').split(offlineText.slice(0, 20)).length - 1;
    expect(said).toBe(1);
    expect(await page.locator('[data-testid=storage-help]').isVisible()).toBe(true);
    await axeClean('sync');
    await shots('sync');
    await tablet.setOffline(false);
    await page.click('[data-testid=sync-now]');
    await expect.poll(() => page.locator('[data-testid=net-pending]').textContent(), { timeout: 20_000 }).toBe('Đã gửi hết');
  });
});
