/**
 * Issue 5 end to end, in real Chromium against the real server: a second tablet pushes a few days
 * of work (late, at risk, apologised, resolved), the counter tablet pulls it, and the supervisor
 * signs in there and goes through every tab; the exported XLSX is opened again and checked.
 * Screenshots land in tests/e2e/screenshots/supervisor-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport, PROTOCOL_VERSION, type DeviceProfile } from '../../src/protocol';
import type { DossierEvent } from '../../src/domain/dossier/events';
import { addDays, startOfVnDay, vnDate, vnParts } from '../../src/domain/time/vnTime';
import { buildEvent, buildReceived, DAY, HOUR } from '../support/builders';
import { ensureAppBuilt } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { startTestServer, type TestServer } from '../support/server';
import { enroll, openControlled, signIn } from './counterSteps';

const run = shouldRun('chromium');

/** A day's work of "tablet 2", relative to now: codes in its own slot. */
function tablet2Events(device: DeviceProfile, now: number): { events: DossierEvent[]; codes: Record<string, string> } {
  const o = (dossierId: string, at: number) => ({ dossierId, at, deviceId: device.deviceId, communeId: device.communeId, actorId: 'can-bo-minh' });
  const d = vnParts(now - 20 * DAY);
  const code = (n: number) => `${device.agencyCode}-${String(d.year % 100).padStart(2, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}-${9000 + n}`;
  const codes = { overdue: code(1), apologised: code(2), resolvedLate: code(3), dueToday: code(4), onTime: code(5) };
  const r = (id: string, at: number, dueAt: number, fieldCode = 'HT') =>
    buildReceived({ dueAt, clockStartAt: at, fieldCode, procedureName: fieldCode === 'HT' ? 'Đăng ký khai sinh' : 'Chứng thực bản sao', applicant: { name: `Công dân ${id.slice(-4)}`, idType: 'cccd', idNumber: '001190012345', address: 'Thôn Đông' } }, o(id, at));
  const events: DossierEvent[] = [
    r(codes.overdue, now - 6 * DAY, now - 2 * DAY),
    r(codes.apologised, now - 6 * DAY, now - 1 * DAY, 'CT'),
    buildEvent('apologyIssued', { number: '01/XL', reason: 'Cần xác minh thêm', newDueAt: now + 5 * DAY, signer: 'Lê Thị Hoa', channel: 'paper' }, o(codes.apologised, now - 3 * DAY)),
    r(codes.resolvedLate, now - 5 * DAY, now - 3 * DAY),
    buildEvent('resolved', {}, o(codes.resolvedLate, now - 2 * HOUR)),
    r(codes.dueToday, now - 2 * DAY, Math.min(now + 2 * HOUR, startOfVnDay(addDays(vnDate(now), 1)) - 1), 'CT'),
    r(codes.onTime, now - 3 * DAY, now + DAY),
    buildEvent('resolved', {}, o(codes.onTime, now - 2 * HOUR)),
    buildEvent('rated', { level: 'verySatisfied' }, o(codes.onTime, now - HOUR)),
  ];
  return { events, codes };
}

describe.skipIf(!run)('supervisor, in Chromium', () => {
  let server: TestServer;
  let tablet: BrowserContext;
  let page: Page;
  let codes: Record<string, string>;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `supervisor-${name}.png`), fullPage: true });

  beforeAll(async () => {
    await ensureAppBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ storage: 'memory' });
    // tablet 2 works over HTTP and reports 2 items still waiting
    const http = createHttpTransport({ baseUrl: server.url });
    const t2 = await http.enroll({ protocolVersion: PROTOCOL_VERSION, code: await server.enrollCode('counter'), deviceName: 'Máy quầy 2', appVersion: '0.1.0' });
    const now = Date.now();
    const work = tablet2Events(t2, now);
    codes = work.codes;
    const res = await http.push(t2.token, {
      protocolVersion: PROTOCOL_VERSION, events: work.events,
      status: { pendingCount: 2, oldestPendingAt: now - 3 * HOUR, lastError: 'sync:error.offline', appVersion: '0.1.0', storagePersisted: false, clockOffsetMs: 95_000, lastSyncAt: now - 3 * HOUR },
    });
    expect(res.results.every((x) => x.outcome === 'accepted')).toBe(true);

    tablet = await launchTablet();
    page = tablet.pages()[0] ?? (await tablet.newPage());
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await openControlled(page, server.url);
    await enroll(page, await server.enrollCode('counter'), 'Máy quầy 1');
    await signIn(page, 'Lê Thị Hoa', '975310');
    // the first sync pulls tablet 2's work
    await page.click('header nav button:has-text("Giám sát")');
    await page.waitForSelector('[data-testid=supervisor]');
  }, 300_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(`failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await tablet?.close();
    await server?.stop();
  });

  it('late and at-risk: per field and officer, one click to the dossier', async () => {
    await expect.poll(() => page.locator('[data-testid=late-count-overdue]').textContent(), { timeout: 30_000 }).toBe('1');
    expect(await page.locator('[data-testid=late-count-dueToday]').textContent()).toBe('1');
    const list = page.locator('[data-testid=late-list]');
    expect(await list.textContent()).toContain(codes.overdue);
    expect(await list.textContent()).not.toContain(codes.onTime);
    expect(await page.locator('[data-testid=late-by-officer]').textContent()).toContain('Trần Văn Minh');
    await shot('late');
    await page.click(`[data-testid=late-list] tr:has-text("${codes.overdue}")`);
    await page.waitForSelector('[data-testid=dossier-code]');
    expect(decodeURIComponent(page.url())).toContain(codes.overdue!);
    await page.goBack();
    await page.waitForSelector('[data-testid=supervisor]');
  });

  it('apology compliance: no apology, compliant, the rate', async () => {
    await page.click('[data-testid=sv-tab-apology]');
    await page.waitForSelector('[data-testid=apo-list]');
    expect(await page.locator('[data-testid=apo-late]').textContent()).toBe('3');
    expect(await page.locator('[data-testid=apo-none]').textContent()).toBe('2');
    expect(await page.locator('[data-testid=apo-rate]').textContent()).toMatch(/33,3\s%/);
    expect(await page.locator('[data-testid=apo-rescheduled]').textContent()).toContain(codes.apologised);
    await shot('apology');
  });

  it('Biểu 06 for the current month, a drill-down, and the XLSX opened again with the same numbers', async () => {
    await page.click('[data-testid=sv-tab-report]');
    await page.selectOption('#sv-mode', 'calendar');
    await page.waitForSelector('[data-testid=bieu06]');
    const total = await page.locator('[data-testid=cell-total-received\\.total]').textContent();
    expect(Number(total)).toBeGreaterThanOrEqual(1);
    await page.click('[data-testid=cell-total-received\\.total]');
    const drill = page.locator('[data-testid=drill-list] tbody tr');
    await expect.poll(() => drill.count()).toBe(Number(total));
    await shot('report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    expect(download.suggestedFilename()).toMatch(/^Bieu06_Xa-Demo_\d{4}-\d{2}\.xlsx$/);
    const file = await download.path();
    const sheets = await readXlsxFile(readFileSync(file));
    const rows = sheets[0]!.data;
    expect(rows[4]!.slice(0, 3)).toEqual(['STT', 'Lĩnh vực', 'Tổng số']);
    const totalRow = rows.find((r) => r[1] === 'Tổng cộng')!;
    expect(totalRow[2]).toBe(Number(total));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid=print-report-sheet]').textContent()).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    await shot('print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('targets and indicators: estimates labelled as such, the trend chart drawn', async () => {
    await page.click('[data-testid=sv-tab-targets]');
    await page.waitForSelector('[data-testid=estimates]');
    expect(await page.locator('[data-testid=estimates]').textContent()).toContain('ước tính');
    await page.waitForSelector('[data-testid=trend-chart] canvas', { timeout: 30_000 });
    expect(await page.locator('[data-testid=sat-officer]').textContent()).toContain('Trần Văn Minh');
    await shot('targets');
  });

  it('device sync status: this device, and tablet 2 with its pending items and clock offset', async () => {
    await page.click('[data-testid=sv-tab-devices]');
    await page.waitForSelector('[data-testid=commune-devices]');
    const t2 = page.locator('[data-testid=commune-devices] tr:has-text("Máy quầy 2")');
    expect(await t2.locator('[data-testid=pending]').textContent()).toBe('2');
    expect(await t2.textContent()).toContain('Không kết nối được máy chủ');
    expect(await page.locator('[data-testid=own-device]').textContent()).toContain('0.1.0');
    await shot('devices');
  });
});
