/**
 * DIG1 upstream: resumable, content-addressed upload, checks before a file is recorded present,
 * commune scope, downloads, signed links. The same suite on PGlite + folder and PostgreSQL + S3
 * (s3rver, a real S3-compatible HTTP server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError, type DeviceProfile } from '../../../src/protocol';
import { MAX_FILE_BYTES } from '../../../src/domain/files/fileRef';
import { objectKey } from '../../../src/server/files/objectStore';
import { createUpstreamClient } from '../../../src/protocol/upstreamClient';
import { shouldRun } from '../../support/env';
import { startTestServer, type TestServer } from '../../support/server';
import { startTestS3, type TestS3 } from '../../support/s3';
import { countingFiles, enrolled, fileOf, hashOf, pdfBytes, pushDossierWithFiles } from './helpers';

const refusalOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return `${e.status} ${e.details.find((d) => d.path === 'file')?.message ?? e.reason}`;
  }
};

async function uploadAll(url: string, p: DeviceProfile, bytes: Uint8Array, chunk = 256 * 1024) {
  const { transport, counter } = countingFiles(url);
  const sha = hashOf(bytes);
  let st = await transport.uploadStatus(p.token, sha);
  while (!st.present)
    st = await transport.putChunk(p.token, sha, st.received, bytes.subarray(st.received, st.received + chunk), { size: bytes.length, type: 'application/pdf' });
  return { status: st, sent: counter.sent };
}

function suite(name: string, storage: 'memory' | 'pg', withS3: boolean) {
  describe(`[DIG1] file upload and download (${name})`, () => {
    let server: TestServer;
    let s3: TestS3 | null = null;
    let counter: DeviceProfile;
    beforeAll(async () => {
      if (withS3) s3 = await startTestS3();
      server = await startTestServer({ storage, distDir: 'no-dist', ...(s3 ? { objects: s3.objects } : {}) });
      counter = await enrolled(server, 'counter');
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
      await s3?.stop();
    });

    it("[DIG1] uploads in chunks, verifies, stores in the object store, and the commune's tablets download it", async () => {
      const bytes = pdfBytes(700_000);
      await pushDossierWithFiles(server, counter, [fileOf(bytes)]);
      const r = await uploadAll(server.url, counter, bytes);
      expect(r.status).toEqual({ received: bytes.length, present: true });
      expect(r.sent).toBe(bytes.length);
      const other = await enrolled(server, 'counter');
      const { transport } = countingFiles(server.url);
      expect(hashOf(await transport.download(other.token, hashOf(bytes)))).toBe(hashOf(bytes));
      if (s3) expect(await s3.objects.has(objectKey(counter.communeId, hashOf(bytes)))).toBe(true);
    });

    it('[DIG1] the same file attached twice (two dossiers) is stored once and not sent again', async () => {
      const bytes = pdfBytes(300_000);
      await pushDossierWithFiles(server, counter, [fileOf(bytes)]);
      expect((await uploadAll(server.url, counter, bytes)).sent).toBe(bytes.length);
      await pushDossierWithFiles(server, counter, [fileOf(bytes, 'chungSinh')]);
      expect((await uploadAll(server.url, counter, bytes)).sent).toBe(0);
    });

    it("[DIG1] a retried chunk is harmless; an offset past the server's is refused with where to resume", async () => {
      const bytes = pdfBytes(600_000);
      await pushDossierWithFiles(server, counter, [fileOf(bytes)]);
      const { transport } = countingFiles(server.url);
      const sha = hashOf(bytes);
      const meta = { size: bytes.length, type: 'application/pdf' };
      await transport.putChunk(counter.token, sha, 0, bytes.subarray(0, 200_000), meta);
      // the answer was lost; the tablet sends the first chunk again, then an overlapping one
      expect(await transport.putChunk(counter.token, sha, 0, bytes.subarray(0, 200_000), meta)).toEqual({ received: 200_000, present: false });
      expect(await transport.putChunk(counter.token, sha, 100_000, bytes.subarray(100_000, 300_000), meta)).toEqual({ received: 300_000, present: false });
      expect(await refusalOf(transport.putChunk(counter.token, sha, 400_000, bytes.subarray(400_000), meta))).toBe('409 badOffset');
      expect(await transport.putChunk(counter.token, sha, 300_000, bytes.subarray(300_000), meta)).toEqual({ received: 600_000, present: true });
      expect(hashOf(await transport.download(counter.token, sha))).toBe(sha);
    });

    it('[DIG1] refusals: not named by an event, wrong type by magic bytes, size differs, over 20 MB, hash mismatch; nothing stored', async () => {
      const { transport } = countingFiles(server.url);
      const stray = pdfBytes(1000);
      expect(await refusalOf(transport.uploadStatus(counter.token, hashOf(stray)))).toBe('409 notExpected');
      expect(await refusalOf(transport.putChunk(counter.token, hashOf(stray), 0, stray, { size: 1000, type: 'application/pdf' }))).toBe('409 notExpected');

      const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
      await pushDossierWithFiles(server, counter, [{ ...fileOf(html), type: 'application/pdf' }]);
      expect(await refusalOf(transport.putChunk(counter.token, hashOf(html), 0, html, { size: html.length, type: 'application/pdf' }))).toBe('415 badType');

      const ok = pdfBytes(2000);
      await pushDossierWithFiles(server, counter, [fileOf(ok)]);
      expect(await refusalOf(transport.putChunk(counter.token, hashOf(ok), 0, ok, { size: 2001, type: 'application/pdf' }))).toBe('400 mismatch');
      expect(await refusalOf(transport.putChunk(counter.token, hashOf(ok), 0, ok, { size: MAX_FILE_BYTES + 1, type: 'application/pdf' }))).toBe('413 tooLarge');

      const forged = pdfBytes(2000);
      forged.set(ok.subarray(0, 1000));
      expect(await refusalOf(transport.putChunk(counter.token, hashOf(ok), 0, forged, { size: 2000, type: 'application/pdf' }))).toBe('422 hashMismatch');
      expect(await transport.uploadStatus(counter.token, hashOf(ok))).toEqual({ received: 0, present: false }); // expected, nothing kept
      expect(await refusalOf(transport.download(counter.token, hashOf(ok)))).toBe('404 notFound');
    });

    it('[PD4][DIG1] a kiosk may not upload nor download; another commune cannot see the file', async () => {
      const bytes = pdfBytes(5000);
      await pushDossierWithFiles(server, counter, [fileOf(bytes)]);
      await uploadAll(server.url, counter, bytes);
      const kiosk = await enrolled(server, 'kiosk');
      const { transport } = countingFiles(server.url);
      expect(await refusalOf(transport.download(kiosk.token, hashOf(bytes)))).toBe('403 forbidden');
      expect(await refusalOf(transport.uploadStatus(kiosk.token, hashOf(bytes)))).toBe('403 forbidden');
      const elsewhere = await enrolled(server, 'counter', 'xa-khac');
      expect(await refusalOf(transport.download(elsewhere.token, hashOf(bytes)))).toBe('404 notFound');
      expect(await refusalOf(transport.putChunk(elsewhere.token, hashOf(bytes), 0, bytes, { size: bytes.length, type: 'application/pdf' }))).toBe(
        '409 notExpected',
      );
    });

    it("[DIG1] the upstream office lists a dossier's files and opens them, only in its scope", async () => {
      const a = pdfBytes(4000),
        b = pdfBytes(3000);
      const code = await pushDossierWithFiles(server, counter, [fileOf(a, 'toKhai'), fileOf(b, 'chungSinh')]);
      await uploadAll(server.url, counter, a);
      const hoa = await createUpstreamClient({ baseUrl: server.url }).signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
      const get = (path: string) => fetch(`${server.url}/api/v1/upstream/files/${path}`, { headers: { authorization: `Bearer ${hoa.token}` } });
      const list = (await (await get(`${counter.communeId}/dossier/${encodeURIComponent(code)}`)).json()) as {
        files: { paperCode: string; present: boolean; sha256: string }[];
      };
      expect(list.files.map((f) => [f.paperCode, f.present])).toEqual([
        ['toKhai', true],
        ['chungSinh', false],
      ]);
      const file = await get(`${counter.communeId}/${hashOf(a)}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(hashOf(new Uint8Array(await file.arrayBuffer()))).toBe(hashOf(a));
      expect((await get(`xa-khac/${hashOf(a)}`)).status).toBe(403);
      expect((await fetch(`${server.url}/api/v1/upstream/files/${counter.communeId}/${hashOf(a)}`)).status).toBe(401);
    });

    it('[DIG1] a signed link opens one file until it expires; a changed link is refused', async () => {
      const bytes = pdfBytes(4000);
      await pushDossierWithFiles(server, counter, [fileOf(bytes)]);
      await uploadAll(server.url, counter, bytes);
      const { path } = server.admin.files.signedPath(counter.communeId, hashOf(bytes), 60_000);
      const res = await fetch(server.url + path);
      expect(res.status).toBe(200);
      expect(hashOf(new Uint8Array(await res.arrayBuffer()))).toBe(hashOf(bytes));
      // the signature's first character changed (to another one: a signature may begin with A)
      expect((await fetch(server.url + path.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))).status).toBe(403);
      expect((await fetch(server.url + path.replace(/exp=\d+/, `exp=${Date.now() + 10 ** 9}`))).status).toBe(403);
      const expired = server.admin.files.signedPath(counter.communeId, hashOf(bytes), -1);
      expect((await fetch(server.url + expired.path)).status).toBe(403);
    });

    it('[DIG1] the server knows which files each device still owes (missing attachments)', async () => {
      const owed = pdfBytes(12_345);
      await pushDossierWithFiles(server, counter, [fileOf(owed)]);
      const missing = await server.admin.files.missingByDevice(counter.communeId);
      expect(missing.get(counter.deviceId)?.files).toBeGreaterThanOrEqual(1);
      const before = missing.get(counter.deviceId)!;
      await uploadAll(server.url, counter, owed);
      const after = (await server.admin.files.missingByDevice(counter.communeId)).get(counter.deviceId) ?? { files: 0, bytes: 0 };
      expect(before.files - after.files).toBe(1);
      expect(before.bytes - after.bytes).toBe(12_345);
    });
  });
}

suite('PGlite + folder', 'memory', false);
if (shouldRun('postgres')) suite('PostgreSQL + S3', 'pg', true);
