/**
 * Issue 10 end to end (DIG1): an officer takes in a dossier OFFLINE with a paper photographed by
 * the tablet's camera (Chromium's fake camera playing a document page), 3 pages; a reload keeps
 * them; back online the file goes up by itself; a second tablet opens it; a file held back is
 * counted per device on the supervisor's tablet and upstream; the upstream office looks the
 * dossier up and opens its file; a kiosk's storage holds none of it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../../src/protocol/upstreamClient';
import { createFileTransport } from '../../src/protocol';
import { ensureAppBuilt } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { documentCameraFile, fakeCameraArgs } from '../support/fakeCamera';
import { startTestServer, type TestServer } from '../support/server';
import { enroll, openControlled, openDossier, signIn } from './counterSteps';

const countIn = (page: Page, store: string) =>
  page.evaluate(async (name) => {
    const open = indexedDB.open('mot-cua');
    const db = await new Promise<IDBDatabase>((res, rej) => {
      open.onsuccess = () => res(open.result);
      open.onerror = () => rej(open.error);
    });
    if (!db.objectStoreNames.contains(name)) return 0;
    return new Promise<number>((res) => {
      const r = db.transaction(name).objectStore(name).count();
      r.onsuccess = () => res(r.result);
    });
  }, store);

describe.skipIf(!shouldRun('chromium'))('[DIG1] digitisation end to end', () => {
  let server: TestServer;
  let a: BrowserContext, b: BrowserContext, k: BrowserContext;
  let pa: Page, pb: Page;

  beforeAll(async () => {
    await ensureAppBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer({ storage: 'memory' });
    a = await launchTablet({ width: 1280, height: 900 }, { args: fakeCameraArgs(await documentCameraFile()) });
    b = await launchTablet({ width: 800, height: 1280 });
    pa = a.pages()[0] ?? (await a.newPage());
    pb = b.pages()[0] ?? (await b.newPage());
    await openControlled(pa, server.url);
    await enroll(pa, await server.enrollCode('counter'), 'Quầy 1');
    await signIn(pa, 'Nguyễn Thị Lan', '135790');
  }, 300_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await k?.close();
    await server?.stop();
  });

  let code = '';

  it('[DIG1] offline intake with 3 pages captured; a reload keeps them; saved with the dossier', async () => {
    await a.setOffline(true);
    await pa.click('header nav button:has-text("Tiếp nhận")');
    await pa.fill('input[type=search]#intake-procedure', 'Đăng ký khai sinh');
    await pa.click('.picker-list button >> nth=0');
    await pa.fill('#intake-name', 'Nguyễn Thị Đào');
    await pa.fill('#intake-phone', '0912345678');
    await pa.click('[data-testid=digitise-toKhai]');
    await pa.waitForFunction(() => (document.querySelector('[data-testid=capture-video]') as HTMLVideoElement | null)?.videoWidth ?? 0 > 0);
    for (let i = 0; i < 3; i++) await pa.click('[data-testid=capture-shoot]');
    await expect.poll(() => pa.locator('[data-testid=capture-pages] li').count()).toBe(3);
    // retake page 2, move page 3 up, then done
    await pa.click('[data-testid=capture-pages] li >> nth=1 >> button.thumb');
    await pa.click('[data-testid=capture-shoot]');
    await pa.click('[data-testid=capture-pages] li >> nth=2 >> button:has-text("↑")');
    expect(await pa.locator('[data-testid=capture-pages] li').count()).toBe(3);
    await pa.screenshot({ path: join(SCREENSHOT_DIR, 'files-capture.png') });
    const t0 = Date.now();
    await pa.click('[data-testid=capture-done]');
    await expect.poll(() => pa.locator('[data-testid=capture-row-toKhai] [data-testid=capture-status]').textContent()).toContain('3 trang');
    console.log(`[measure] 3-page paper: capture done to stored ${Date.now() - t0} ms`);

    await pa.reload();
    await signIn(pa, 'Nguyễn Thị Lan', '135790').catch(() => undefined);
    await pa.click('header nav button:has-text("Tiếp nhận")');
    await expect.poll(() => pa.locator('[data-testid=capture-row-toKhai] [data-testid=capture-status]').textContent()).toContain('3 trang');

    await pa.click('form button[type=submit].primary');
    await pa.waitForURL(/\/in\//);
    code = decodeURIComponent(pa.url().split('/').at(-1) ?? '');
    await expect.poll(() => pa.locator('[data-testid=receipt-digitised]').textContent()).toContain('Tờ khai đăng ký khai sinh (3 trang)');
    await pa.screenshot({ path: join(SCREENSHOT_DIR, 'files-receipt.png'), fullPage: true });
    // two papers still without a file: the queue's "chưa số hóa đủ" lists it
    await pa.click('header nav button:has-text("Hồ sơ")');
    await pa.check('[data-testid=filter-undigitised]');
    await expect.poll(() => pa.locator('table.list tbody').textContent()).toContain(code);
    await pa.uncheck('[data-testid=filter-undigitised]');
    await openDossier(pa, code);
    await expect.poll(() => pa.locator('[data-testid=paper-row-toKhai] [data-testid=file-state]').getAttribute('data-state')).toBe('local');
    await expect.poll(() => pa.locator('[data-testid=paper-row-toKhai] [data-testid=file-thumb]').count()).toBe(1);
    await pa.screenshot({ path: join(SCREENSHOT_DIR, 'files-dossier-offline.png'), fullPage: true });
    expect(await countIn(pa, 'fileBytes')).toBe(1);
    expect(await countIn(pa, 'captures')).toBe(0);
  }, 180_000);

  it('[DIG1] back online, the file goes up by itself after its event and the server has it verified', async () => {
    await a.setOffline(false);
    await expect
      .poll(() => pa.locator('[data-testid=paper-row-toKhai] [data-testid=file-state]').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('onServer');
    const files = await server.admin.files.dossierFiles('xa-demo', code);
    expect(files?.map((f) => [f.paperCode, f.pages, f.present, f.type])).toEqual([['toKhai', 3, true, 'application/pdf']]);
    console.log(`[measure] 3-page PDF from the camera: ${files?.[0]?.size} bytes (${Math.round((files?.[0]?.size ?? 0) / 3 / 1024)} KB a page)`);
    expect(files![0]!.size / 3).toBeLessThan(300 * 1024);
    await pa.screenshot({ path: join(SCREENSHOT_DIR, 'files-dossier-online.png'), fullPage: true });
  }, 90_000);

  it('[DIG1] a second tablet of the commune opens it full screen (fetched, then cached)', async () => {
    await openControlled(pb, server.url);
    await enroll(pb, await server.enrollCode('counter'), 'Quầy 2');
    await signIn(pb, 'Trần Văn Minh', '246802');
    await pb.click('header nav button:has-text("Đồng bộ")');
    await pb.click('button[data-testid=sync-now]');
    await expect
      .poll(
        async () => {
          await pb.click('button[data-testid=sync-now]').catch(() => undefined);
          return countIn(pb, 'events');
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(1);
    await openDossier(pb, code);
    await pb.click('[data-testid=view-toKhai]');
    await expect.poll(() => pb.locator('[data-testid=viewer-page]').count(), { timeout: 30_000 }).toBe(3);
    await pb.screenshot({ path: join(SCREENSHOT_DIR, 'files-viewer-second-tablet.png') });
    expect(await countIn(pb, 'fileBytes')).toBe(1);
  }, 120_000);

  let heldBack = '';
  let office: Page;

  it("[DIG2] a file the tablet has not sent is counted per device: on the supervisor's tablet and in the upstream office", async () => {
    // the events go, the file does not (its upload route is cut)
    await a.route('**/api/v1/files/**', (r) => r.abort());
    await openDossier(pa, code);
    const row = pa.locator('[data-testid^=paper-row-]:not([data-testid=paper-row-toKhai]) [data-testid^=digitise-]').first();
    heldBack = ((await row.getAttribute('data-testid')) ?? '').replace('digitise-', '');
    await row.click();
    await pa.waitForFunction(() => (document.querySelector('[data-testid=capture-video]') as HTMLVideoElement | null)?.videoWidth ?? 0 > 0);
    await pa.click('[data-testid=capture-shoot]');
    await pa.click('[data-testid=capture-done]');
    await expect.poll(async () => (await server.admin.files.missingByDevice('xa-demo')).size, { timeout: 60_000 }).toBe(1);
    const [owed] = [...(await server.admin.files.missingByDevice('xa-demo')).values()];

    await pb.click('[data-testid=viewer-close]');
    await pb.click('header .me button:has-text("Đăng xuất")');
    await signIn(pb, 'Lê Thị Hoa', '975310');
    await pb.click('header nav button:has-text("Giám sát")');
    await pb.click('[data-testid=sv-tab-devices]');
    const line = pb.locator('[data-testid=commune-devices] tr:has-text("Quầy 1") [data-testid=files-missing]');
    await expect.poll(() => line.getAttribute('data-files'), { timeout: 30_000 }).toBe('1');
    expect(Number(await line.getAttribute('data-bytes'))).toBe(owed!.bytes);
    expect(await line.locator('.badge').textContent()).toBe('1 tệp');
    expect(await line.locator('.muted').textContent()).toBe(`${Math.max(1, Math.round(owed!.bytes / 1024))} KB`);
    expect(await pb.locator('[data-testid=commune-devices] tr:has-text("Quầy 2") [data-testid=files-missing]').textContent()).toBe('Không còn');
    await pb.screenshot({ path: join(SCREENSHOT_DIR, 'files-missing-supervisor.png'), fullPage: true });

    office = await b.newPage();
    await office.goto(`${server.url}/thuong-cap`);
    await office.fill('#up-user', 'Lê Thị Hoa');
    await office.fill('#up-pin', 'Demo-Upstream-2026');
    await office.click('[data-testid=up-sign-in]');
    await office.waitForSelector('[data-testid=up-devices-xa-demo]');
    expect(await office.textContent('[data-commune=xa-demo] [data-testid=up-files-missing]')).toMatch(/^Còn 1 tệp \(\d+ KB\) chưa lên máy chủ$/);
    expect(await office.locator('[data-testid=up-devices-xa-demo] tr:has-text("Quầy 1") [data-testid=files-missing]').getAttribute('data-files')).toBe('1');
    await office.screenshot({ path: join(SCREENSHOT_DIR, 'files-missing-upstream.png'), fullPage: true });
  }, 180_000);

  it("[DIG1][DIG4] the upstream office looks the dossier up by code and opens the tablet's file full screen", async () => {
    await office.click('[data-testid=up-tab-files]');
    await office.fill('[data-testid=up-files-code]', code);
    await office.click('[data-testid=up-files-find]');
    const papers = office.locator('[data-testid=up-files-papers]');
    await papers.waitFor();
    expect(await papers.locator('tr[data-paper=toKhai]').getAttribute('data-state')).toBe('present');
    const cells = await papers.locator('tr[data-paper=toKhai] td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['Tờ khai đăng ký khai sinhMã giấy tờ: toKhai', '3', expect.stringMatching(/^\d+ KB$/)]);
    expect(await papers.locator(`tr[data-paper=${heldBack}]`).getAttribute('data-state')).toBe('notUploaded');
    expect(await papers.locator(`[data-testid=up-files-open-${heldBack}]`).count()).toBe(0);
    await office.screenshot({ path: join(SCREENSHOT_DIR, 'files-upstream-dossier.png'), fullPage: true });
    await office.evaluate(axe.source); // through the debugger: the app's CSP allows no inline script
    const a11y = await office.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } }),
    );
    expect(a11y.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await office.click('[data-testid=up-files-open-toKhai]');
    await expect.poll(() => office.locator('[data-testid=viewer-page]').count(), { timeout: 30_000 }).toBe(3);
    await office.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid=viewer-page]')].every((i) => i.complete && i.naturalWidth > 0),
    );
    await office.screenshot({ path: join(SCREENSHOT_DIR, 'files-upstream-viewer.png') });
    await office.click('[data-testid=viewer-close]');
    // a code of no commune in scope finds nothing
    await office.fill('[data-testid=up-files-code]', '000.00.06.H56-260101-9999');
    await office.click('[data-testid=up-files-find]');
    await office.waitForSelector('[data-testid=up-files-none]');

    // the link comes back: the held file goes up by itself and the office sees it
    await a.unroute('**/api/v1/files/**');
    await expect.poll(async () => (await server.admin.files.missingByDevice('xa-demo')).size, { timeout: 90_000 }).toBe(0);
    await office.fill('[data-testid=up-files-code]', code);
    await office.click('[data-testid=up-files-find]');
    await expect.poll(() => office.locator(`[data-testid=up-files-papers] tr[data-paper=${heldBack}]`).getAttribute('data-state')).toBe('present');
  }, 180_000);

  it("[DIG1][PD4] the upstream office opens it; a kiosk's storage holds none of it", async () => {
    const hoa = await createUpstreamClient({ baseUrl: server.url }).signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
    const list = (await (
      await fetch(`${server.url}/api/v1/upstream/files/xa-demo/dossier/${encodeURIComponent(code)}`, { headers: { authorization: `Bearer ${hoa.token}` } })
    ).json()) as { files: { sha256: string }[] };
    const sha = list.files[0]!.sha256;
    const res = await fetch(`${server.url}/api/v1/upstream/files/xa-demo/${sha}`, { headers: { authorization: `Bearer ${hoa.token}` } });
    expect(
      createHash('sha256')
        .update(new Uint8Array(await res.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha);

    k = await launchTablet({ width: 800, height: 1280 });
    const pk = k.pages()[0] ?? (await k.newPage());
    await openControlled(pk, server.url);
    await pk.fill('#enroll-code', await server.enrollCode('kiosk'));
    await pk.fill('#enroll-name', 'Kiosk');
    await pk.click('form button[type=submit]');
    await expect.poll(() => countIn(pk, 'kioskDossiers'), { timeout: 60_000 }).toBeGreaterThan(0);
    expect([await countIn(pk, 'files'), await countIn(pk, 'fileBytes'), await countIn(pk, 'events')]).toEqual([0, 0, 0]);
    const kioskToken = await pk.evaluate(async () => {
      const open = indexedDB.open('mot-cua');
      const db = await new Promise<IDBDatabase>((r) => {
        open.onsuccess = () => r(open.result);
      });
      return new Promise<string>((r) => {
        const q = db.transaction('meta').objectStore('meta').get('device');
        q.onsuccess = () => r((q.result as { value: { token: string } }).value.token);
      });
    });
    await expect(createFileTransport({ baseUrl: server.url }).download(kioskToken, sha)).rejects.toMatchObject({ status: 403 });
  }, 180_000);
});
