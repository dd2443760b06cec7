/**
 * DIG1, DIG2, DIG4 upstream: the office looks a dossier up by code in its scope and opens its files;
 * every device list says what each tablet still owes the server in files. Attacker cases: another
 * commune's file, a file of one commune asked under another, a device token on the office's routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpTransport,
  createUpstreamFilesClient,
  createUpstreamClient,
  TransportError,
  upstreamAccessLog,
  type DeviceProfile,
} from '../../../src/protocol';
import { shouldRun } from '../../support/env';
import { startTestServer, type TestServer } from '../../support/server';
import { countingFiles, enrolled, fileOf, hashOf, pdfBytes, pushDossierWithFiles } from './helpers';

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return `${e.status} ${e.reason}`;
  }
};

async function upload(url: string, p: DeviceProfile, bytes: Uint8Array) {
  const { transport } = countingFiles(url);
  const sha = hashOf(bytes);
  let st = await transport.uploadStatus(p.token, sha);
  while (!st.present)
    st = await transport.putChunk(p.token, sha, st.received, bytes.subarray(st.received, st.received + 512 * 1024), {
      size: bytes.length,
      type: 'application/pdf',
    });
}

function suite(name: string, storage: 'memory' | 'pg') {
  describe(`[DIG1] the upstream office and files (${name})`, () => {
    let server: TestServer;
    let demo: DeviceProfile, demo2: DeviceProfile, granted: DeviceProfile, foreign: DeviceProfile, kiosk: DeviceProfile;
    const a = pdfBytes(40_000),
      owed = pdfBytes(1_500_000),
      b = pdfBytes(7_000),
      c = pdfBytes(9_000);
    let codeA = '',
      codeB = '',
      codeC = '';
    let token = '';

    beforeAll(async () => {
      server = await startTestServer({ storage, distDir: 'no-dist' });
      demo = await enrolled(server, 'counter');
      demo2 = await enrolled(server, 'counter');
      kiosk = await enrolled(server, 'kiosk');
      granted = await enrolled(server, 'counter', 'xa-b');
      foreign = await enrolled(server, 'counter', 'xa-c');
      codeA = await pushDossierWithFiles(server, demo, [fileOf(a, 'toKhai'), fileOf(owed, 'chungSinh')]);
      codeB = await pushDossierWithFiles(server, granted, [fileOf(b, 'toKhai')]);
      codeC = await pushDossierWithFiles(server, foreign, [fileOf(c, 'toKhai')]);
      await upload(server.url, demo, a);
      await upload(server.url, granted, b);
      await upload(server.url, foreign, c);
      await server.admin.upstream.store.grantCommune('lanh-dao-hoa', 'xa-b');
      token = (await createUpstreamClient({ baseUrl: server.url }).signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' })).token;
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('[DIG1] a dossier of its own or a granted commune, found by code: every paper with its file, pages, size and state', async () => {
      const files = createUpstreamFilesClient({ baseUrl: server.url });
      const own = await files.lookup(token, codeA);
      expect(own.dossiers).toHaveLength(1);
      const d = own.dossiers[0]!;
      expect([d.commune.id, d.code, d.fully]).toEqual(['xa-demo', codeA, true]);
      expect(d.papers.map((p) => [p.paperCode, p.kind, p.file?.pages, p.file?.size, p.file?.present])).toEqual([
        ['toKhai', 'paper', 1, 40_000, true],
        ['chungSinh', 'paper', 1, 1_500_000, false],
      ]);
      const opened = await files.open(token, 'xa-demo', hashOf(a));
      expect([hashOf(opened.bytes), opened.type]).toEqual([hashOf(a), 'application/pdf']);
      // named by the dossier but not uploaded yet
      expect(await refusal(files.open(token, 'xa-demo', hashOf(owed)))).toBe('404 invalid');

      const other = await files.lookup(token, ` ${codeB} `);
      expect(other.dossiers.map((x) => [x.commune.id, x.papers[0]?.file?.present])).toEqual([['xa-b', true]]);
      expect(hashOf((await files.open(token, 'xa-b', hashOf(b))).bytes)).toBe(hashOf(b));
    });

    it('[PD4] the office opening a file is recorded by the server: who, which dossier, which file; a refused open is not', async () => {
      const files = createUpstreamFilesClient({ baseUrl: server.url });
      await files.open(token, 'xa-demo', hashOf(a), codeA);
      await refusal(files.open(token, 'xa-demo', hashOf(owed), codeA));
      const log = upstreamAccessLog({ baseUrl: server.url });
      const records = (await log(token, { user: 'lanh-dao-hoa' })).records.filter((r) => r.kind === 'file' && r.dossierIds.includes(codeA));
      expect(records.map((r) => [r.actorName, r.detail, r.dossierIds])).toEqual([['Lê Thị Hoa', hashOf(a), [codeA]]]);
    });

    it('[DIG4] outside the scope: a commune not granted is 403, its code finds nothing, a file asked under another commune is 404', async () => {
      const files = createUpstreamFilesClient({ baseUrl: server.url });
      expect((await files.lookup(token, codeC)).dossiers).toEqual([]);
      expect(await refusal(files.open(token, 'xa-c', hashOf(c)))).toBe('403 forbidden');
      // a scoped commune id with another commune's file: the store is keyed by commune, nothing leaks
      expect(await refusal(files.open(token, 'xa-demo', hashOf(c)))).toBe('404 invalid');
      expect(await refusal(files.open(token, 'xa-b', hashOf(a)))).toBe('404 invalid');
      expect(await refusal(files.open(token, 'xa-demo', '../xa-c/' + hashOf(c)))).not.toBe('accepted');
    });

    it('[DIG4] a device token (counter or kiosk) is no upstream session; bad input is a clear 400', async () => {
      const files = createUpstreamFilesClient({ baseUrl: server.url });
      for (const t of [demo.token, kiosk.token]) {
        expect(await refusal(files.lookup(t, codeA))).toBe('401 unknownSession');
        expect(await refusal(files.open(t, 'xa-demo', hashOf(a)))).toBe('401 unknownSession');
      }
      expect((await fetch(`${server.url}/api/v1/upstream/files/xa-demo/${hashOf(a)}`)).status).toBe(401);
      expect(await refusal(files.lookup(token, ''))).toBe('400 invalid');
      expect(await refusal(files.lookup(token, 'x'.repeat(200)))).toBe('400 invalid');
      expect(await refusal(files.open(token, 'xa-demo', 'not-a-sha'))).toBe('404 invalid');
    });

    it("[DIG2] the commune's device list and the office's say per device the files and bytes not on the server yet", async () => {
      const http = createHttpTransport({ baseUrl: server.url });
      const list = await http.devices(demo.token);
      const by = new Map(list.devices.map((d) => [d.deviceId, d.filesMissing]));
      expect(by.get(demo.deviceId)).toEqual({ files: 1, bytes: 1_500_000 });
      expect(by.get(demo2.deviceId)).toEqual({ files: 0, bytes: 0 });
      expect(by.get(kiosk.deviceId)).toEqual({ files: 0, bytes: 0 });
      expect(by.has(granted.deviceId)).toBe(false); // another commune's devices stay out
      expect(await refusal(http.devices(kiosk.token))).toBe('403 forbidden');

      const office = await createUpstreamClient({ baseUrl: server.url }).devices(token);
      const communes = office.communes.map((x) => x.commune.id);
      expect(communes).toContain('xa-b');
      expect(communes).not.toContain('xa-c');
      const demoDevices = office.communes.find((x) => x.commune.id === 'xa-demo')!.devices;
      expect(demoDevices.find((d) => d.deviceId === demo.deviceId)?.filesMissing).toEqual({ files: 1, bytes: 1_500_000 });

      await upload(server.url, demo, owed);
      expect((await http.devices(demo.token)).devices.find((d) => d.deviceId === demo.deviceId)?.filesMissing).toEqual({ files: 0, bytes: 0 });
      expect((await createUpstreamFilesClient({ baseUrl: server.url }).lookup(token, codeA)).dossiers[0]!.papers.every((p) => p.file?.present)).toBe(true);
    });

    it('[DIG4] the refusal was the scope: once xa-c is granted, its file opens', async () => {
      await server.admin.upstream.store.grantCommune('lanh-dao-hoa', 'xa-c');
      const files = createUpstreamFilesClient({ baseUrl: server.url });
      expect((await files.lookup(token, codeC)).dossiers.map((d) => d.commune.id)).toEqual(['xa-c']);
      expect(hashOf((await files.open(token, 'xa-c', hashOf(c))).bytes)).toBe(hashOf(c));
    });
  });
}

suite('PGlite', 'memory');
if (shouldRun('postgres')) suite('PostgreSQL', 'pg');
