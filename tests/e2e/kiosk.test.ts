/**
 * Issue 6 end to end, in real Chromium against the real server: a counter tablet takes dossiers in
 * and syncs; a kiosk enrolled with a kiosk code pulls them, citizens rate from the printed receipt's
 * QR (fed to the kiosk's camera as real frames) or a typed number; offline, idle reset, the PIN
 * exit, no personal data, axe and long strings at 800×1280 and 1920×1080.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEventOf } from '../../src/domain/dossier/events';
import { receiptCheckCode } from '../../src/domain/kiosk/receiptCheck';
import { copyOfAppBuild } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { startTestServer, type TestServer } from '../support/server';
import { enroll, openControlled, openDossier, signIn, takeIn } from './counterSteps';
import { digitsOf, dumpIndexedDb, FAKE_CAMERA, holdCorner, outOfView, overflowing, setPin, step, typeCode, typeDigits } from './kioskSteps';

const PORTRAIT = { width: 800, height: 1280 };
const LANDSCAPE = { width: 1920, height: 1080 };
const PIN = '2468';
const PERSONAL = ['Nguyễn Thị Đào', 'Đào', '001190012345', '0912345678', 'Trần Văn Bình', '001090054321', 'Phạm Văn Cường', '0987654321'];

describe.skipIf(!shouldRun('chromium'))('kiosk, in Chromium', () => {
  let server: TestServer;
  let counter: BrowserContext;
  let kiosk: BrowserContext;
  let desk: Page;
  let page: Page;
  const codes: string[] = [];
  let qrA = '';
  let dist = '';
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `kiosk-${name}.png`) });

  async function axeClean(where: string): Promise<void> {
    await page.evaluate(axe.source); // through the debugger, not a <script>: the app's CSP allows no inline script
    const r = await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      }),
    );
    const found = r.violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(found).toEqual([]);
  }
  const serverRatings = async (code: string) =>
    (await server.admin.store.eventsAfter('xa-demo', 0, 1000))
      .map((e) => e.event)
      .filter((e): e is DossierEventOf<'rated'> => e.dossierId === code && e.type === 'rated');
  const kioskOutbox = async () => (await dumpIndexedDb(page)).outbox?.length ?? -1;
  const checkOf = async (code: string) => receiptCheckCode((await server.admin.store.receiptKey('xa-demo')) ?? '', code);
  /** A check code that is not the receipt's (a guess). */
  const wrongCheckOf = async (code: string) => String((Number(await checkOf(code)) + 1) % 10_000).padStart(4, '0');
  /** The code the counter will give its next dossier (its slot's numbers follow each other). */
  const nextCode = (code: string) => `${code.slice(0, -4)}${String(Number(code.slice(-4)) + 1).padStart(4, '0')}`;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // a copy of the build, so the update test can publish a "new version" without touching dist/
    dist = await copyOfAppBuild();
    server = await startTestServer({ storage: 'memory', distDir: dist });
    counter = await launchTablet();
    desk = counter.pages()[0] ?? (await counter.newPage());
    await openControlled(desk, server.url);
    await enroll(desk, await server.enrollCode('counter'));
    await signIn(desk, 'Nguyễn Thị Lan', '135790');
    codes.push(await takeIn(desk, { procedure: 'khai sinh', name: 'Nguyễn Thị Đào', idNumber: '001190012345', phone: '0912345678' }));
    qrA = (await desk.locator('[data-testid=receipt-qr]').getAttribute('src')) ?? '';
    codes.push(await takeIn(desk, { procedure: 'kết hôn', name: 'Trần Văn Bình', idNumber: '001090054321' }));
    codes.push(await takeIn(desk, { procedure: 'khai sinh', name: 'Phạm Văn Cường', phone: '0987654321' }));
    codes.push(await takeIn(desk, { procedure: 'khai sinh', name: 'Lê Thị Mai' }));
    await desk.click('header nav button:has-text("Đồng bộ")');
    await desk.click('[data-testid=sync-now]');
    // expect.poll is for tests only: wait here until the server has the four intakes
    for (let waited = 0; (await server.admin.store.countEvents('xa-demo')) < 4; waited += 200) {
      if (waited > 20_000) throw new Error('the counter did not sync its intakes');
      await desk.waitForTimeout(200);
    }

    kiosk = await launchTablet(PORTRAIT);
    await kiosk.addInitScript({ content: FAKE_CAMERA });
    page = kiosk.pages()[0] ?? (await kiosk.newPage());
    page.on('pageerror', (e) => console.log('[kiosk pageerror]', e.message));
    await openControlled(page, server.url);
  }, 300_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(`failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await kiosk?.close();
    await counter?.close();
    await server?.stop();
  });

  it('enrolls with a kiosk code, has its PIN set by whoever enrolled it, and pulls the dossier summaries', async () => {
    await page.fill('#enroll-code', await server.enrollCode('kiosk'));
    await page.fill('#enroll-name', 'Ki-ốt 1');
    await page.click('form button[type=submit]');
    await page.waitForSelector('.kiosk-pin-setup');
    await shot('pin-setup');
    await setPin(page, PIN);
    await expect.poll(async () => (await dumpIndexedDb(page)).kioskDossiers?.length, { timeout: 20_000 }).toBe(4);
    await shot('idle');
    await axeClean('idle');
    // jsQR stays out of the initial bundle: nothing has loaded it before a scan
    expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /jsQR/.test(r.name)).length)).toBe(0);
  });

  it('[SAT1] rates from the receipt QR shown to the camera, crediting the officer named in it', async () => {
    await page.click('[data-testid=kiosk-start-rate]');
    await step(page, 'identify');
    await page.waitForSelector('.kiosk-scanner-state:has-text("Đang tìm mã QR")');
    await shot('identify');
    await axeClean('identify');
    await page.evaluate((src) => localStorage.setItem('test.camera', src), qrA);
    await step(page, 'rate');
    await page.evaluate(() => localStorage.removeItem('test.camera'));
    // without a native BarcodeDetector (headless Debian Chromium) the lazily loaded jsQR chunk decoded the frames
    const decoder = await page.evaluate(() => ({
      native: 'BarcodeDetector' in window,
      jsqrLoaded: performance.getEntriesByType('resource').some((r) => /jsQR-[\w-]+\.js$/.test(r.name)),
    }));
    expect(decoder.native || decoder.jsqrLoaded).toBe(true);
    console.info('[kiosk] QR decoded by', decoder.native ? 'BarcodeDetector' : 'jsQR');
    expect(await page.textContent('.kiosk-dossier-code')).toContain(codes[0]);
    await shot('rate');
    await axeClean('rate');
    // a double tap counts once
    await page.dblclick('[data-testid=kiosk-level-verySatisfied]');
    await step(page, 'thanks');
    await shot('thanks');
    await axeClean('thanks');
    const events = (await dumpIndexedDb(page)).events as { dossierId: string; type: string; payload: { level: string; officerId?: string } }[];
    expect(events.filter((e) => e.dossierId === codes[0])).toMatchObject([
      { type: 'rated', payload: { level: 'verySatisfied', officerId: expect.stringMatching(/.+/) } },
    ]);
    await page.click('.kiosk-message button');
    await step(page, 'idle');
  });

  it('[SAT1] politely refuses a second rating for the same dossier', async () => {
    await page.click('[data-testid=kiosk-start-rate]');
    await typeCode(page, codes[0]!);
    await step(page, 'refused');
    expect(await page.textContent('[data-testid=kiosk-refused]')).toContain('đã được đánh giá');
    await shot('refused');
    await axeClean('refused');
    await page.click('.kiosk-message button');
    await step(page, 'idle');
  });

  it('[LIF5] refuses a typed number not in the dossier-code format, then rates a typed code as not satisfied with reasons', async () => {
    await page.click('[data-testid=kiosk-start-rate]');
    await typeDigits(page, '2613451001');
    await page.click('[data-testid=kiosk-code-submit]');
    await expect.poll(() => page.textContent('.kiosk-problem[role=alert]')).toContain('không đúng');
    await shot('bad-code');
    await page.click('.kiosk-keypad button:has-text("Xóa hết")');
    await typeCode(page, codes[1]!);
    await step(page, 'rate');
    await page.click('[data-testid=kiosk-level-dissatisfied]');
    await step(page, 'reasons');
    await page.click('[data-testid=kiosk-reason-waitedLong]');
    await page.click('[data-testid=kiosk-reason-unclearGuidance]');
    await page.fill('#kiosk-comment', 'Chờ hơn một giờ');
    await shot('reasons');
    await axeClean('reasons');
    await page.click('[data-testid=kiosk-reasons-submit]');
    await step(page, 'thanks');
    await expect
      .poll(async () => (await serverRatings(codes[1]!)).map((e) => e.payload), { timeout: 20_000 })
      .toEqual([expect.objectContaining({ level: 'dissatisfied', reasons: ['waitedLong', 'unclearGuidance'], comment: 'Chờ hơn một giờ' })]);
  });

  it('shows where a dossier stands and its appointment date, and says when it knows nothing yet', async () => {
    await page.click('.kiosk-message button');
    await page.click('[data-testid=kiosk-start-status]');
    await typeCode(page, codes[2]!);
    await step(page, 'status');
    expect(await page.textContent('[data-testid=kiosk-status-state]')).toBe('Đã tiếp nhận, đang chờ xử lý');
    expect(await page.textContent('[data-testid=kiosk-appointment]')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const text = (await page.textContent('main')) ?? '';
    for (const p of PERSONAL) expect(text).not.toContain(p);
    await shot('status');
    await axeClean('status');
    await page.click('.kiosk-status button:has-text("Về màn hình chính")');
    await page.click('[data-testid=kiosk-start-status]');
    await typeCode(page, `${codes[0]!.slice(0, -4)}9999`);
    await step(page, 'status');
    expect(await page.textContent('[data-testid=kiosk-status-unknown]')).toContain('chưa có thông tin');
    await shot('status-unknown');
    await page.click('.kiosk-status button:has-text("Về màn hình chính")');
  });

  it('goes back to idle after the idle timeout from any step', async () => {
    await page.evaluate(() => localStorage.setItem('motcua.kioskIdleResetS', '2'));
    await page.reload();
    await step(page, 'idle');
    await page.click('[data-testid=kiosk-start-rate]');
    await typeCode(page, codes[3]!);
    await step(page, 'rate');
    await page.waitForTimeout(1_200);
    expect(await page.getAttribute('[data-testid=kiosk]', 'data-step')).toBe('rate');
    await step(page, 'idle');
    await page.evaluate(() => localStorage.removeItem('motcua.kioskIdleResetS'));
    await page.reload();
    await step(page, 'idle');
  });

  it('[SAT1] queues a rating offline, survives a reload, and syncs it later; the counter sees it on the dossier', async () => {
    await kiosk.setOffline(true);
    await page.click('[data-testid=kiosk-start-rate]');
    await typeCode(page, codes[3]!);
    await step(page, 'rate');
    await page.click('[data-testid=kiosk-level-satisfied]');
    await step(page, 'thanks');
    await page.reload();
    await step(page, 'idle');
    expect(await kioskOutbox()).toBe(1);
    expect(await serverRatings(codes[3]!)).toEqual([]);
    await kiosk.setOffline(false);
    await expect.poll(kioskOutbox, { timeout: 30_000 }).toBe(0);
    expect((await serverRatings(codes[3]!)).map((e) => e.payload.level)).toEqual(['satisfied']);
    await desk.click('[data-testid=sync-now]');
    await openDossier(desk, codes[3]!);
    await expect.poll(() => desk.textContent('main'), { timeout: 20_000 }).toContain('Hài lòng');
  });

  it('[SAT3][SAT4] a number not issued yet cannot be rated, online or offline; the citizen who gets it later rates it', async () => {
    const coming = nextCode(codes[3]!);
    for (const offline of [false, true]) {
      await kiosk.setOffline(offline);
      await page.click('[data-testid=kiosk-start-rate]');
      await typeCode(page, coming);
      // the kiosk has not seen this number: it asks for the receipt's check code
      await step(page, 'check');
      expect(await page.textContent('.kiosk-checkcode h1')).toContain('giấy tiếp nhận');
      if (!offline) {
        await shot('check');
        await axeClean('check');
      }
      await typeDigits(page, await wrongCheckOf(coming));
      await page.click('[data-testid=kiosk-check-submit]');
      await step(page, 'notFound');
      expect(await page.textContent('[data-testid=kiosk-not-found]')).toContain('Không tìm thấy hồ sơ');
      expect(await page.textContent('[data-testid=kiosk-not-found]')).toContain('vui lòng hỏi cán bộ');
      if (!offline) {
        await shot('not-found');
        await axeClean('not-found');
      }
      await page.click('.kiosk-message button');
      await step(page, 'idle');
    }
    expect(await kioskOutbox()).toBe(0);
    await kiosk.setOffline(false);
    // the number is issued to a real citizen, and reaches the kiosk
    const issued = await takeIn(desk, { procedure: 'khai sinh', name: 'Hoàng Văn Em' });
    expect(issued).toBe(coming);
    await desk.click('header nav button:has-text("Đồng bộ")');
    await desk.click('[data-testid=sync-now]');
    await expect.poll(async () => (await dumpIndexedDb(page)).kioskDossiers?.length, { timeout: 60_000 }).toBe(5);
    await page.click('[data-testid=kiosk-start-rate]');
    await typeCode(page, coming);
    await step(page, 'rate');
    await page.click('[data-testid=kiosk-level-verySatisfied]');
    await step(page, 'thanks');
    await expect.poll(async () => (await serverRatings(coming)).map((e) => e.payload.level), { timeout: 30_000 }).toEqual(['verySatisfied']);
    await page.click('.kiosk-message button');
    await step(page, 'idle');
  }, 180_000);

  for (const viewport of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }, { width: 1024, height: 768 }, PORTRAIT]) {
    it(`fits the number entry and the check code at ${String(viewport.width)}×${String(viewport.height)} without scrolling: every control in view`, async () => {
      await page.setViewportSize(viewport);
      const size = `${String(viewport.width)}x${String(viewport.height)}`;
      await page.goto(server.url);
      await step(page, 'idle');
      await page.click('[data-testid=kiosk-start-rate]');
      await step(page, 'identify');
      await typeDigits(page, digitsOf(codes[0]!).slice(0, 8));
      expect(await outOfView(page), `identify ${size}`).toEqual([]);
      await shot(`fit-identify-${size}`);
      await page.click('[data-testid=kiosk-code-submit]');
      await page.waitForSelector('.kiosk-problem[role=alert]');
      expect(await outOfView(page), `identify with a problem ${size}`).toEqual([]);
      await shot(`fit-identify-problem-${size}`);
      await page.click('.kiosk-keypad button.key-clear');
      await typeCode(page, `${codes[0]!.slice(0, -4)}9990`);
      await step(page, 'check');
      expect(await outOfView(page), `check ${size}`).toEqual([]);
      await shot(`fit-check-${size}`);
      await page.click('.kiosk-checkcode .kiosk-actions button.kiosk-secondary');
      await step(page, 'idle');
    }, 90_000);
  }

  it('opens the admin panel only with the supervisor PIN (hidden corner), and goes back', async () => {
    await holdCorner(page);
    await typeDigits(page, '1111', '[data-testid=kiosk-pin-dialog]');
    await page.click('[data-testid=kiosk-pin-open]');
    await expect.poll(() => page.textContent('[data-testid=kiosk-pin-dialog] [role=alert]')).toContain('không đúng');
    await shot('pin-dialog');
    await axeClean('pin-dialog');
    await typeDigits(page, PIN, '[data-testid=kiosk-pin-dialog]');
    await page.click('[data-testid=kiosk-pin-open]');
    await step(page, 'admin');
    await page.click('[data-testid=kiosk-sync-now]');
    await expect.poll(() => page.textContent('[data-testid=kiosk-admin-pending]')).toContain(': 0');
    expect(await page.textContent('[data-testid=kiosk-admin-last-sync]')).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    await shot('admin');
    await axeClean('admin');
    await page.click('[data-testid=kiosk-admin-back]');
    await step(page, 'idle');
    // a short press does nothing
    await page.mouse.click(20, 20);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=kiosk-pin-dialog]').count()).toBe(0);
  });

  it('[PD3] holds no name, ID number or phone in any table after syncing', async () => {
    const all = JSON.stringify(await dumpIndexedDb(page));
    expect(all).toContain(codes[2]);
    for (const p of PERSONAL) expect(all).not.toContain(p);
    expect((await dumpIndexedDb(page)).dossiers).toEqual([]);
  });

  it('is locked down: no context menu, no selection, no pinch zoom', async () => {
    const r = await page.evaluate(() => {
      const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('.kiosk-idle h1')?.dispatchEvent(ev);
      const css = getComputedStyle(document.querySelector('.kiosk-idle h1')!);
      return { menuBlocked: ev.defaultPrevented, select: css.userSelect, touch: getComputedStyle(document.querySelector('.kiosk-big')!).touchAction };
    });
    expect(r).toEqual({ menuBlocked: true, select: 'none', touch: 'pan-x pan-y' });
  });

  for (const [label, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`fits every screen at ${String(viewport.width)}×${String(viewport.height)}, in Vietnamese and in long strings`, async () => {
      await page.setViewportSize(viewport);
      for (const lang of ['vi', 'long']) {
        await page.goto(`${server.url}/?lang=${lang}`);
        const visit = async (name: string) => {
          expect(await overflowing(page), `${name} ${lang} ${label}`).toEqual([]);
          await shot(`${label}-${lang}-${name}`);
        };
        await step(page, 'idle');
        await visit('idle');
        await page.click('[data-testid=kiosk-start-rate]');
        await step(page, 'identify');
        await typeDigits(page, digitsOf(codes[0]!).slice(0, 8));
        await visit('identify');
        await typeDigits(page, digitsOf(codes[0]!).slice(8));
        await page.click('[data-testid=kiosk-code-submit]');
        await step(page, 'refused');
        await visit('refused');
        await page.click('.kiosk-message button');
        await page.click('[data-testid=kiosk-start-status]');
        await typeCode(page, codes[2]!);
        await step(page, 'status');
        await visit('status');
        await page.click('[data-testid=kiosk-status-rate]');
        await step(page, 'rate');
        await visit('rate');
        await page.click('[data-testid=kiosk-details]');
        await step(page, 'criteria');
        await visit('criteria');
        if (lang === 'vi') await axeClean(`criteria ${label}`);
        await page.click('.kiosk-criteria .kiosk-actions button.kiosk-secondary');
        await page.click('[data-testid=kiosk-level-dissatisfied]');
        await step(page, 'reasons');
        await visit('reasons');
        await page.click('.kiosk-reasons .kiosk-actions button.kiosk-secondary');
        await page.click('.kiosk-rate .kiosk-actions button.kiosk-secondary >> nth=0');
        await holdCorner(page);
        await typeDigits(page, PIN, '[data-testid=kiosk-pin-dialog]');
        await page.click('[data-testid=kiosk-pin-open]');
        await step(page, 'admin');
        await visit('admin');
        await page.click('[data-testid=kiosk-admin-back]');
      }
    }, 120_000);
  }

  it('applies a new app version by itself on the idle screen, and keeps its queued ratings', async () => {
    await kiosk.setOffline(true);
    await page.click('[data-testid=kiosk-start-rate]');
    await typeCode(page, `${codes[0]!.slice(0, -4)}9998`);
    await step(page, 'check');
    await typeDigits(page, await checkOf(`${codes[0]!.slice(0, -4)}9998`));
    await page.click('[data-testid=kiosk-check-submit]');
    await step(page, 'rate');
    await page.click('[data-testid=kiosk-level-satisfied]');
    await step(page, 'thanks');
    expect(await kioskOutbox()).toBe(1);
    await kiosk.setOffline(false);
    appendFileSync(join(dist, 'sw.js'), '\n// new version\n');
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      await r?.update();
    });
    await page.click('.kiosk-message button');
    await reloaded;
    await step(page, 'idle');
    await expect.poll(kioskOutbox, { timeout: 30_000 }).toBe(0);
    // sent: its dossier was never taken in, so the server holds it apart (SYNC4) and no dossier or report sees it
    expect((await serverRatings(`${codes[0]!.slice(0, -4)}9998`)).length).toBe(0);
  });

  it('[SAT1] rates on the nine criteria; the overall one gives the level', async () => {
    await page.goto(server.url);
    await page.click('[data-testid=kiosk-start-rate]');
    await typeCode(page, codes[2]!);
    await page.click('[data-testid=kiosk-details]');
    await step(page, 'criteria');
    await page.click('[data-testid=kiosk-c7-verySatisfied]');
    await page.click('[data-testid=kiosk-criteria-submit]');
    await expect.poll(() => page.textContent('.kiosk-criteria [role=alert]')).toContain('tiêu chí 9');
    await page.click('[data-testid=kiosk-c9-satisfied]');
    await page.click('[data-testid=kiosk-criteria-submit]');
    await step(page, 'thanks');
    await expect
      .poll(async () => (await serverRatings(codes[2]!)).map((e) => e.payload), { timeout: 20_000 })
      .toEqual([expect.objectContaining({ level: 'satisfied', criteria: { 7: 'verySatisfied', 9: 'satisfied' } })]);
  });
});
