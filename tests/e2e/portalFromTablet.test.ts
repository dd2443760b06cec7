/**
 * The connector end to end, from a real tablet (CON15, CON6): a dossier taken in OFFLINE with its
 * paper photographed reaches the national portal (the fake one) once the tablet syncs, the paper's
 * signed link gives the portal the tablet's bytes, and a later action at the counter updates it.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../support/build';
import { launchTablet, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';
import { documentCameraFile, fakeCameraArgs } from '../support/fakeCamera';
import { startFakePortal, type FakePortal } from '../support/fakePortal';
import { freePort, startTestServer, type TestServer } from '../support/server';
import { portalSettings } from '../server/connector/rig';
import { act, enroll, openControlled, openDossier, signIn } from './counterSteps';

type Paper = { MaThanhPhanHoSo: string; TepDinhKemId: string; DuongDanTaiTepTin: string };

describe.skipIf(!shouldRun('chromium'))('[CON15] a dossier taken in offline at a tablet reaches the portal with its papers', () => {
  let portal: FakePortal;
  let server: TestServer;
  let tablet: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await ensureAppBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    portal = await startFakePortal();
    portal.fetchFiles = true;
    const port = await freePort();
    server = await startTestServer({
      port,
      connector: portalSettings(portal, { links: { publicUrl: `http://127.0.0.1:${port}`, secret: 'a-test-secret-of-at-least-thirty-two-characters' } }),
    });
    tablet = await launchTablet({ width: 1280, height: 900 }, { args: fakeCameraArgs(await documentCameraFile()) });
    page = tablet.pages()[0] ?? (await tablet.newPage());
    await openControlled(page, server.url);
    await enroll(page, await server.enrollCode('counter'), 'Quầy 1');
    await signIn(page, 'Nguyễn Thị Lan', '135790');
  }, 300_000);

  afterAll(async () => {
    await tablet?.close();
    await server?.stop();
    await portal?.stop();
  });

  it('[CON15][CON6] offline intake with a photographed paper; after the sync the portal has the dossier and the paper; a later action updates it', async () => {
    const worker = server.admin.connector!.worker;
    await tablet.setOffline(true);
    await page.click('header nav button:has-text("Tiếp nhận")');
    await page.fill('input[type=search]#intake-procedure', 'Đăng ký khai sinh');
    await page.click('.picker-list button >> nth=0');
    await page.fill('#intake-name', 'Nguyễn Thị Đào');
    await page.fill('#intake-phone', '0912345678');
    await page.click('[data-testid=digitise-toKhai]');
    await page.waitForFunction(() => ((document.querySelector('[data-testid=capture-video]') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0);
    await page.click('[data-testid=capture-shoot]');
    await expect.poll(() => page.locator('[data-testid=capture-pages] li').count()).toBe(1);
    await page.click('[data-testid=capture-done]');
    await expect.poll(() => page.locator('[data-testid=capture-row-toKhai] [data-testid=capture-status]').textContent()).toContain('1 trang');
    await page.click('form button[type=submit].primary');
    await page.waitForURL(/\/in\//);
    const code = decodeURIComponent(page.url().split('/').at(-1) ?? '');
    await worker.step();
    expect(portal.dossiers.has(code)).toBe(false); // still only on the tablet

    await tablet.setOffline(false);
    // the worker runs whenever it likes: here once the events are in, and again once the file is
    await expect.poll(async () => (await server.admin.files.dossierFiles('xa-demo', code)) !== null, { timeout: 60_000 }).toBe(true);
    await worker.step();
    await expect.poll(async () => (await server.admin.files.dossierFiles('xa-demo', code))?.every((f) => f.present) ?? false, { timeout: 60_000 }).toBe(true);
    await worker.step();

    const versions = portal.dossiers.get(code)!;
    const last = versions.at(-1)!;
    expect(last).toMatchObject({ MaHoSo: code, MaTTHC: '1.001193', ChuHoSo: 'Nguyễn Thị Đào', SoDienThoai: '0912345678' });
    const papers = last.TaiLieuNop as Paper[];
    expect(papers.map((p) => p.MaThanhPhanHoSo)).toEqual(['toKhai']);
    const sha = (await server.admin.files.dossierFiles('xa-demo', code))![0]!.sha256;
    expect(papers[0]!.TepDinhKemId).toBe(sha);
    expect(portal.fileChecks.filter((c) => c.url === papers[0]!.DuongDanTaiTepTin)).toEqual([{ url: papers[0]!.DuongDanTaiTepTin, ok: true, status: 200 }]);
    const stepsBefore = portal.steps.get(code)?.length ?? 0;

    await openDossier(page, code);
    await act(page, 'Yêu cầu bổ sung', { '#action-text': 'Giấy chứng sinh bản chính' });
    await expect
      .poll(
        async () => {
          await worker.step();
          return portal.dossiers.get(code)!.at(-1)!.TrangThaiHoSo;
        },
        { timeout: 60_000 },
      )
      .not.toBe(last.TrangThaiHoSo);
    expect(portal.steps.get(code)!.length).toBeGreaterThan(stepsBefore);
    expect((portal.dossiers.get(code)!.at(-1)!.TaiLieuNop as Paper[]).map((p) => p.MaThanhPhanHoSo)).toEqual(['toKhai']);
    expect(portal.violations).toEqual([]);
  }, 240_000);
});
