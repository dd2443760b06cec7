/**
 * Issue 5 end to end, in real Chromium against the real server: a second tablet pushes a few days
 * of work (late, at risk, apologised, resolved), the counter tablet pulls it, and the supervisor
 * signs in there and goes through every tab; the exported XLSX is opened again and checked.
 * Screenshots land in tests/e2e/screenshots/supervisor-*.png.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import axe from 'axe-core';
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
import { enroll, openControlled, selectLabelFits, signIn } from './counterSteps';

const run = shouldRun('chromium');

/** A day's work of "tablet 2", relative to now: codes in its own slot. */
function tablet2Events(device: DeviceProfile, now: number): { events: DossierEvent[]; codes: Record<string, string> } {
  const o = (dossierId: string, at: number) => ({ dossierId, at, deviceId: device.deviceId, communeId: device.communeId, actorId: 'can-bo-minh' });
  const d = vnParts(now - 20 * DAY);
  const code = (n: number) =>
    `${device.agencyCode}-${String(d.year % 100).padStart(2, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}-${9000 + n}`;
  const codes = { overdue: code(1), apologised: code(2), resolvedLate: code(3), dueToday: code(4), onTime: code(5), twice: code(6) };
  const r = (id: string, at: number, dueAt: number, fieldCode = 'HT') =>
    buildReceived(
      {
        dueAt,
        clockStartAt: at,
        fieldCode,
        procedureName: fieldCode === 'HT' ? 'Đăng ký khai sinh' : 'Chứng thực bản sao',
        applicant: { name: `Công dân ${id.slice(-4)}`, idType: 'cccd', idNumber: '001190012345', address: 'Thôn Đông' },
      },
      o(id, at),
    );
  const events: DossierEvent[] = [
    r(codes.overdue, now - 6 * DAY, now - 2 * DAY),
    r(codes.apologised, now - 6 * DAY, now - 1 * DAY, 'CT'),
    // APO1: well before the last working day before the due day, whatever weekday the test runs on
    buildEvent(
      'apologyIssued',
      { number: '01/XL', reason: 'Cần xác minh thêm', newDueAt: now + 5 * DAY, signer: 'Lê Thị Hoa', channel: 'paper' },
      o(codes.apologised, now - 5 * DAY),
    ),
    r(codes.resolvedLate, now - 5 * DAY, now - 3 * DAY),
    buildEvent('resolved', {}, o(codes.resolvedLate, now - 2 * HOUR)),
    r(codes.dueToday, now - 2 * DAY, Math.min(now + 2 * HOUR, startOfVnDay(addDays(vnDate(now), 1)) - 1), 'CT'),
    r(codes.onTime, now - 3 * DAY, now + DAY),
    buildEvent('resolved', {}, o(codes.onTime, now - 2 * HOUR)),
    buildEvent('rated', { level: 'verySatisfied' }, o(codes.onTime, now - HOUR)),
    // DUE4, IND1: asked for papers a second time, waiting: not overdue, late for Decision 766
    r(codes.twice, now - 4 * DAY, now + 10 * DAY),
    buildEvent('supplementRequested', { missing: ['Tờ khai'] }, o(codes.twice, now - 3 * DAY)),
    buildEvent('supplementReceived', { dueAt: now + 10 * DAY, clockStartAt: now - 4 * DAY, calendarVersion: 'vn-2026.1' }, o(codes.twice, now - 2 * DAY)),
    buildEvent('supplementRequested', { missing: ['Bản sao giấy chứng sinh'] }, o(codes.twice, now - DAY)),
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
    const t2 = await http.enroll({
      protocolVersion: PROTOCOL_VERSION,
      code: await server.enrollCode('counter'),
      deviceName: 'Máy quầy 2',
      appVersion: '0.1.0',
    });
    const now = Date.now();
    const work = tablet2Events(t2, now);
    codes = work.codes;
    const res = await http.push(t2.token, {
      protocolVersion: PROTOCOL_VERSION,
      events: work.events,
      status: {
        pendingCount: 2,
        oldestPendingAt: now - 3 * HOUR,
        lastError: 'sync:error.offline',
        appVersion: '0.1.0',
        storagePersisted: false,
        clockOffsetMs: 95_000,
        lastSyncAt: now - 3 * HOUR,
      },
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

  it('[TIM2][APO2][DUE4] late and at-risk: the rescheduled one is overdue by the legal date, the waiting one is not; one click to the dossier', async () => {
    await expect.poll(() => page.locator('[data-testid=late-count-overdue]').textContent(), { timeout: 30_000 }).toBe('2');
    expect(await page.locator('[data-testid=late-count-dueToday]').textContent()).toBe('1');
    const list = page.locator('[data-testid=late-list]');
    expect(await list.textContent()).toContain(codes.overdue);
    expect(await list.textContent()).not.toContain(codes.onTime);
    expect(await list.textContent()).toContain(codes.apologised);
    expect(await list.textContent()).not.toContain(codes.twice);
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
    // 12.14: the rates side by side each say what they are out of
    expect(await page.locator('.sv-kpis .card:has([data-testid=kpi-onTime])').textContent()).toMatch(/\d+\/\d+ hồ sơ trong kỳ/);
    expect(await page.locator('.sv-kpis .card:has([data-testid=kpi-early])').textContent()).toMatch(/\d+\/\d+ hồ sơ đã giải quyết/);
    expect(await page.locator('.sv-kpis .card:has([data-testid=kpi-satisfaction])').textContent()).toMatch(/\d+\/\d+ lượt đánh giá/);
    expect(await page.locator('[data-testid=est-early]').textContent()).toMatch(/\d+\/\d+ hồ sơ đã giải quyết/);
    // the chart's legend is in Vietnamese (uPlot says "Value" by itself)
    expect(await page.locator('[data-testid=trend-chart]').textContent()).toContain('Kỳ');
    // CON16: the server's queue for the national portal (no connector on this server: all wait)
    await page.waitForSelector('[data-testid=sv-portal-counts]');
    expect(await page.locator('[data-testid=sv-portal-off]').count()).toBe(1);
    const portalRow = await page.locator('[data-testid=est-portal]').textContent();
    expect(portalRow, portalRow ?? '').toMatch(/Cổng DVC quốc gia(0 %|—)0\/\d+ hồ sơ tiếp nhận trong kỳ/);
    expect(await page.locator('[data-testid=sv-portal-period] td').first().textContent()).toBe('0');
    await page.locator('[data-testid=sv-portal]').screenshot({ path: join(SCREENSHOT_DIR, 'supervisor-portal.png') });
    await shot('targets');
  });

  it('[DUE4][IND1] Decision 766: the second-supplement count, the dossiers behind it, the note under Biểu 06, the flag on the dossier', async () => {
    expect(await page.locator('[data-testid=second-supplement-count]').textContent()).toBe('1');
    await page.click('[data-testid=second-supplement-toggle]');
    await page.waitForSelector('[data-testid=second-supplement-toggle][aria-expanded=true]');
    await expect.poll(() => page.locator('[data-testid=second-supplement-list]').textContent()).toContain(codes.twice);
    await page.locator('[data-testid=second-supplement-card]').screenshot({ path: join(SCREENSHOT_DIR, 'supervisor-766.png') });
    await page.click('[data-testid=sv-tab-report]');
    expect(await page.locator('[data-testid=note-766]').textContent()).toContain('Quyết định 766');
    await page.click('[data-testid=sv-tab-targets]');
    await page.click('[data-testid=second-supplement-toggle]');
    await page.click(`[data-testid=second-supplement-list] tr:has-text("${codes.twice}")`);
    await page.waitForSelector('[data-testid=dossier-code]');
    expect(await page.locator('[data-testid=second-supplement]').textContent()).toContain('Quyết định 766');
    expect(await page.locator('[data-testid=timeliness-badge]').textContent()).toMatch(/^Chờ bổ sung từ \d{2}\/\d{2}\/\d{4}$/);
    await shot('dossier-766');
    await page.goBack();
    await page.waitForSelector('[data-testid=supervisor]');
  }, 90_000);

  it('[APO2] the rescheduled dossier says both: "Quá hạn, đã hẹn lại dd/MM/yyyy"', async () => {
    await page.click('[data-testid=sv-tab-late]');
    await page.click(`[data-testid=late-list] tr:has-text("${codes.apologised}")`);
    await page.waitForSelector('[data-testid=dossier-code]');
    expect(await page.locator('[data-testid=timeliness-badge]').textContent()).toMatch(/^Quá hạn, đã hẹn lại \d{2}\/\d{2}\/\d{4}$/);
    await shot('dossier-rescheduled');
    await page.goBack();
    await page.waitForSelector('[data-testid=supervisor]');
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

  it("[12.13] no English on any supervisor screen in Vietnamese: no word of the en files (nor uPlot's own) in the visible text", async () => {
    const english = englishWords();
    for (const tab of ['late', 'apology', 'report', 'targets', 'devices', 'access']) {
      await page.click(`[data-testid=sv-tab-${tab}]`);
      await page.waitForTimeout(300);
      if (tab === 'targets') await page.waitForSelector('[data-testid=trend-chart] canvas', { timeout: 30_000 });
      const text = await page.evaluate(() => document.body.innerText);
      const found = [...new Set(text.match(/\p{L}+/gu) ?? [])].filter((w) => english.has(w.toLowerCase()));
      expect(found, `English on the ${tab} tab`).toEqual([]);
    }
  });

  it('[12.11] every tab passes axe with 0 violations; [12.9] drop-down labels are never cut off; pictured at 1280×800 and 800×1280', async () => {
    const tabs = ['late', 'apology', 'report', 'targets', 'devices', 'access'] as const;
    for (const tab of tabs) {
      await page.click(`[data-testid=sv-tab-${tab}]`);
      await page.waitForTimeout(300);
      await page.evaluate(axe.source); // through the debugger, not a <script>: the app's CSP allows no inline script
      const r = await page.evaluate(() =>
        (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }),
      );
      expect(r.violations.map((v) => `${tab}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      for (const [w, h] of [
        [1280, 800],
        [800, 1280],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        if (tab === 'report') {
          await page.selectOption('#sv-mode', 'cutoff15');
          for (const id of ['#sv-mode', '#sv-kind', '#sv-year']) expect(await selectLabelFits(page, id), `${id} at ${w}`).toBe(true);
        }
        if (tab === 'access') expect(await selectLabelFits(page, '#access-user'), `#access-user at ${w}`).toBe(true);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `supervisor-screen-${tab}-${w}x${h}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 120_000);
});

/** Words of the English files that never appear in the Vietnamese ones (so "QR", "XLSX" or "PIN" do not count). */
function englishWords(): Set<string> {
  const words = (lang: string) => {
    const out = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string') for (const w of v.replace(/\{\{[^}]*\}\}/g, ' ').match(/\p{L}+/gu) ?? []) out.add(w.toLowerCase());
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const ns of readdirSync(join('src/app/i18n/locales', lang))) walk(JSON.parse(readFileSync(join('src/app/i18n/locales', lang, ns), 'utf8')));
    return out;
  };
  const vi = words('vi');
  const en = new Set([...words('en'), 'value', 'time'].filter((w) => w.length >= 3 && /^[a-z]+$/.test(w) && !vi.has(w)));
  return en;
}
