/**
 * CON15 with the real file store (no injected file list): the portal is sent only the papers the
 * server holds; a paper uploaded after its dossier was sent puts the dossier back in the queue,
 * and the update's signed link gives the portal the uploaded bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../../src/protocol';
import { startFakePortal, type FakePortal } from '../../support/fakePortal';
import { freePort, startTestServer, type TestServer } from '../../support/server';
import { countingFiles, enrolled, fileOf, hashOf, pdfBytes, pushDossierWithFiles } from '../files/helpers';
import { portalSettings } from './rig';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

type Paper = { MaThanhPhanHoSo: string; TepDinhKemId: string; DuongDanTaiTepTin: string };
const papersOf = (d: Record<string, unknown> | undefined) => (d?.TaiLieuNop ?? []) as Paper[];

async function upload(server: TestServer, p: DeviceProfile, bytes: Uint8Array) {
  const { transport } = countingFiles(server.url);
  const sha = hashOf(bytes);
  let st = await transport.uploadStatus(p.token, sha);
  while (!st.present)
    st = await transport.putChunk(p.token, sha, st.received, bytes.subarray(st.received, st.received + 256 * 1024), {
      size: bytes.length,
      type: 'application/pdf',
    });
}

describe("[CON15] the connector sends the papers of the server's file store", () => {
  let portal: FakePortal;
  let server: TestServer;
  let device: DeviceProfile;

  beforeAll(async () => {
    portal = await startFakePortal();
    portal.fetchFiles = true;
    const port = await freePort();
    server = await startTestServer({ port, connector: portalSettings(portal, { links: { publicUrl: `http://127.0.0.1:${port}`, secret: SECRET } }) });
    device = await enrolled(server, 'counter');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await portal?.stop();
  });

  it('[CON15] a paper not yet uploaded is not named; once uploaded the dossier is sent again with it, and its link gives the bytes', async () => {
    const application = pdfBytes(40_000);
    const idCard = pdfBytes(30_000);
    const code = await pushDossierWithFiles(server, device, [fileOf(application, 'donDangKy'), fileOf(idCard, 'cccd')]);
    await upload(server, device, application);
    const worker = server.admin.connector!.worker;
    await worker.step();

    const first = portal.dossiers.get(code)!;
    expect(first).toHaveLength(1);
    expect(papersOf(first[0]).map((f) => f.MaThanhPhanHoSo)).toEqual(['donDangKy']);
    expect(papersOf(first[0])[0]!.TepDinhKemId).toBe(hashOf(application));

    await worker.step(); // nothing changed: nothing is sent
    expect(portal.dossiers.get(code)).toHaveLength(1);

    await upload(server, device, idCard);
    await worker.step();
    const sent = portal.dossiers.get(code)!;
    expect(sent).toHaveLength(2);
    expect(portal.calls.filter((c) => c.service === 'DongBoHoSoMC').map((c) => c.body.isUpdating)).toEqual(['False', 'True']);
    expect(
      papersOf(sent[1])
        .map((f) => f.MaThanhPhanHoSo)
        .sort(),
    ).toEqual(['cccd', 'donDangKy']);
    const links = sent.flatMap((d) => papersOf(d).map((f) => f.DuongDanTaiTepTin));
    const checks = portal.fileChecks.filter((c) => links.includes(c.url));
    expect(checks.length).toBe(3);
    expect(checks.every((c) => c.ok)).toBe(true);
  });
});
