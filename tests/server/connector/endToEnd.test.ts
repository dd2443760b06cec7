import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { PROTOCOL_VERSION } from '../../../src/protocol';
import type { DossierEvent } from '../../../src/domain/dossier/events';
import { createHmacFileLinks } from '../../../src/server/connector/fileLinks';
import type { DossierFiles } from '../../../src/server/connector/port';
import { startFakePortal, type FakePortal } from '../../support/fakePortal';
import { freePort, startTestServer, type TestServer } from '../../support/server';
import { buildEvent, DAY, HOUR, T0 } from '../../support/builders';
import { counterDevice, STATUS } from '../upstream/helpers';
import { APPLICANT, codeOf, portalSettings } from './rig';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const PDF = Buffer.from('%PDF-1.4 giấy chứng sinh (test)');
const SHA = createHash('sha256').update(PDF).digest('hex');

describe('a dossier taken in at a tablet reaches the portal with its papers once the tablet syncs', () => {
  let portal: FakePortal;
  let server: TestServer;
  let publicUrl: string;
  const code = codeOf(0);
  const files: DossierFiles = {
    filesOf: async (_communeId, codes) =>
      new Map(
        codes
          .filter((c) => c === code)
          .map((c) => [
            c,
            {
              papers: [{ paperCode: 'chungSinh', sha256: SHA, name: 'giấy chứng sinh.pdf' }],
              results: [],
            },
          ]),
      ),
  };

  beforeAll(async () => {
    portal = await startFakePortal();
    portal.fetchFiles = true;
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    server = await startTestServer({
      port,
      connector: portalSettings(portal, { links: { publicUrl, secret: SECRET } }),
      dossierFiles: files,
      fileSource: { open: async (_c, sha) => (sha === SHA ? { bytes: PDF, type: 'application/pdf' } : null) },
    });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    await portal.stop();
  });

  it('[CON6] its life arrives as the portal expects: first send, updates, steps, the papers fetched by signed link', async () => {
    const { transport, profile } = await counterDevice(server);
    const env = { dossierId: code, communeId: profile.communeId, deviceId: profile.deviceId, actorId: 'can-bo-lan' };
    let seq = 0;
    const push = (events: DossierEvent[]) =>
      transport.push(profile.token, {
        protocolVersion: PROTOCOL_VERSION,
        status: STATUS,
        events: events.map((e) => ({ ...e, deviceSeq: ++seq })),
      });
    const worker = server.admin.connector!.worker;
    const received = buildEvent(
      'received',
      {
        outcome: 'accepted',
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        fieldCode: 'HT',
        channel: 1,
        applicant: APPLICANT,
        papers: [{ paperId: 'chungSinh', name: 'Giấy chứng sinh', kind: 'original', count: 1 }],
        sets: 1,
        feeVnd: 0,
        processing: { unit: 'sameDay' },
        supplementPolicy: 'restart',
        dueAt: T0 + 8 * HOUR,
        clockStartAt: T0,
        calendarVersion: 'vn-2026.1',
      },
      { ...env, at: T0 },
    );
    await push([received]); // the tablet was offline at intake; this is its sync
    await worker.step();
    const first = portal.dossiers.get(code)!;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      MaHoSo: code,
      MaTTHC: '1.001193',
      TenTTHC: 'Đăng ký khai sinh',
      TenLinhVuc: 'Hộ tịch',
      ChuHoSo: APPLICANT.name,
      TrangThaiHoSo: '2',
      NgayTiepNhan: '20260302090000',
      NgayHenTra: '20260302170000',
      DonViXuLy: 'Xã Demo',
    });
    const paper = (first[0]!.TaiLieuNop as Record<string, string>[])[0]!;
    expect(paper).toMatchObject({ MaThanhPhanHoSo: 'chungSinh', TepDinhKemId: SHA, TenTepDinhKem: 'giấy chứng sinh.pdf', IsDeleted: 'False' });
    expect(paper.DuongDanTaiTepTin!.startsWith(`${publicUrl}/api/v1/portal-files/`)).toBe(true);
    expect(portal.fileChecks).toEqual([{ url: paper.DuongDanTaiTepTin, ok: true, status: 200 }]);
    expect(portal.steps.get(code)!.map((s) => s.NoiDungXuLy)).toEqual(['Tiếp nhận hồ sơ']);

    await push([buildEvent('transferred', { toUnit: 'Công chức Tư pháp - Hộ tịch' }, { ...env, at: T0 + HOUR })]);
    await worker.step();
    await push([buildEvent('resolved', {}, { ...env, at: T0 + 2 * HOUR }), buildEvent('resultReturned', {}, { ...env, at: T0 + 3 * HOUR })]);
    await worker.step();
    expect(portal.calls.filter((c) => c.service === 'DongBoHoSoMC').map((c) => c.body.isUpdating)).toEqual(['False', 'True', 'True']);
    expect(portal.dossiers.get(code)!.at(-1)).toMatchObject({ TrangThaiHoSo: '10', NgayTra: '20260302120000', NgayKetThucXuLy: '20260302110000' });
    expect(portal.steps.get(code)!.map((s) => s.TrangThai)).toEqual(['2', '4', '9', '10']);
    expect(portal.violations).toEqual([]);
  });

  it('[CON11] the download route serves a file only with a valid, unexpired link', async () => {
    const links = createHmacFileLinks({ publicUrl, secret: SECRET });
    const good = links.sign({ communeId: 'xa-demo', sha256: SHA, name: 'a.pdf' }, Date.now() + DAY);
    const r = await fetch(good);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await r.arrayBuffer()).equals(PDF)).toBe(true);

    const expired = links.sign({ communeId: 'xa-demo', sha256: SHA, name: 'a.pdf' }, Date.now() - 1);
    expect((await fetch(expired)).status).toBe(403);
    const other = createHmacFileLinks({ publicUrl, secret: `${SECRET}-other` }).sign({ communeId: 'xa-demo', sha256: SHA, name: 'a.pdf' }, Date.now() + DAY);
    expect((await fetch(other)).status).toBe(403);
    const tampered = good.replace(/portal-files\/([^.]+)\./, (_m, body: string) => `portal-files/${body.slice(0, -2)}AA.`);
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(`${publicUrl}/api/v1/portal-files/garbage`)).status).toBe(403);
    const missing = links.sign({ communeId: 'xa-demo', sha256: 'b'.repeat(64), name: 'b.pdf' }, Date.now() + DAY);
    expect((await fetch(missing)).status).toBe(404);
  });
});
