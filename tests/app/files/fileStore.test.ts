/** DIG1 on the tablet: the file store's transaction with its event, and the upload queue against the real server. */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { setMeta } from '../../../src/app/db/meta';
import { eventsOf, type Actor } from '../../../src/app/db/record';
import { captureKey, openFile, prepareFile, recordDigitised, recordIntakeWithFiles, saveCapture } from '../../../src/app/files/fileStore';
import { createUploader } from '../../../src/app/files/uploader';
import { dropExpiredBytes } from '../../../src/app/files/dropBytes';
import { setVault, vault, type Vault } from '../../../src/app/privacy/vault';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { createHttpTransport, PROTOCOL_VERSION, type DeviceProfile } from '../../../src/protocol';
import { receivedPayload, T0, DAY } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/server';
import { STATUS } from '../../contracts/sync.contract';
import { countingFiles, enrolled, pdfBytes } from '../../server/files/helpers';
import { wireEvent } from '../../../src/app/sync/push';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const offline: DeviceProfile = {
  deviceId: 'tablet-1',
  token: 't',
  role: 'counter',
  communeId: 'xa-demo',
  communeName: 'Xã Demo',
  agencyCode: '000.00.06.H56',
  codeSlot: 1,
  exportKey: 'k',
  serverTime: T0,
};
const dbs: MotCuaDb[] = [];
const fresh = () => {
  const db = openDb(`files-${Math.random()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const paper = (bytes: Uint8Array, paperCode = 'p1') => ({ bytes, pages: 2, paperCode, name: `Giấy ${paperCode}`, thumb: null });
const prepared = async (bytes: Uint8Array, paperCode = 'p1') => {
  const p = await prepareFile(paper(bytes, paperCode));
  if (!p.ok) throw new Error(p.error.code);
  return p.value;
};

describe('[DIG1] the tablet file store', () => {
  it('[DIG1] intake with captured papers: intake event, file event, outbox items and sealed bytes in one transaction', async () => {
    const db = fresh();
    const seen: number[] = [];
    const base = vault();
    // a vault that marks what it seals, to prove bytes only go through it
    const marking: Vault = {
      ...base,
      sealBytes: async (b) => {
        seen.push(b.length);
        return new Uint8Array([7, ...b]);
      },
      openBytes: async (s) => s.subarray(1),
    };
    setVault(marking);
    try {
      const bytes = pdfBytes(5000);
      await saveCapture(db, 'intake:lan', await prepared(bytes), T0);
      const r = await recordIntakeWithFiles(db, cal, { device: offline, userId: 'lan' }, receivedPayload(), T0, 'intake:lan');
      expect(r.ok).toBe(true);
      const code = r.ok ? r.value.state.id : '';
      const events = await eventsOf(db, code);
      expect(events.map((e) => e.type).sort()).toEqual(['papersDigitised', 'received']);
      expect(await db.outbox.count()).toBe(2);
      expect((await db.dossiers.get(code))?.state.files.map((f) => f.paperCode)).toEqual(['p1']);
      expect(await db.captures.count()).toBe(0);
      const stored = await db.fileBytes.toArray();
      expect(stored[0]!.sealed[0]).toBe(7);
      expect(seen).toContain(5000);
      const opened = await openFile(db, stored[0]!.sha256, T0);
      expect(opened?.bytes).toEqual(bytes);
      expect(opened?.file).toMatchObject({ uploadKind: 'pending', origin: 'local', dossierIds: [code] });
    } finally {
      setVault(base);
    }
  });

  it('[DIG1] a refused action writes no file: nothing of it is kept', async () => {
    const db = fresh();
    const r = await recordDigitised(db, cal, { device: offline, userId: 'lan' }, 'no-such-dossier', 'papers', 'later', [await prepared(pdfBytes(100))], T0);
    expect(r.ok).toBe(false);
    expect([await db.files.count(), await db.fileBytes.count(), await db.events.count(), await db.outbox.count()]).toEqual([0, 0, 0, 0]);
  });

  it('[DIG1] a transaction that fails after the event leaves neither the event nor the file', async () => {
    const db = fresh();
    await saveCapture(db, 'd', await prepared(pdfBytes(100)), T0);
    // a capture whose file event the domain refuses (pages 0) aborts the whole intake
    await db.captures.update(captureKey('d', 'p1'), { pages: 0 });
    await expect(recordIntakeWithFiles(db, cal, { device: offline, userId: 'lan' }, receivedPayload(), T0, 'd')).rejects.toThrow();
    expect([await db.events.count(), await db.outbox.count(), await db.files.count(), await db.dossiers.count()]).toEqual([0, 0, 0, 0]);
    expect(await db.captures.count()).toBe(1);
  });

  it('[DIG1] wrong type by magic bytes and files over 20 MB are refused before anything is written', async () => {
    expect(await prepareFile(paper(new TextEncoder().encode('GIF89a....')))).toMatchObject({ ok: false, error: { code: 'files.badType' } });
    const big = pdfBytes(20 * 1024 * 1024 + 1);
    expect(await prepareFile(paper(big))).toMatchObject({ ok: false, error: { code: 'files.tooLarge' } });
  });
});

describe('[DIG1] the upload queue against the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ distDir: 'no-dist' });
  }, 180_000);
  afterAll(() => server?.stop());

  async function tabletWithFile(sizes: number[]) {
    const db = fresh();
    const device = await enrolled(server, 'counter');
    await setMeta(db, 'device', device);
    const actor: Actor = { device, userId: 'can-bo-lan' };
    const files = await Promise.all(sizes.map((n, i) => prepared(pdfBytes(n), `p${i + 1}`)));
    const r = await recordIntakeWithFiles(
      db,
      cal,
      actor,
      receivedPayload({
        papers: sizes.map((_, i) => ({ paperId: `p${i + 1}`, name: 'x', kind: 'original' as const, count: 1 })),
        dueAt: Date.now() + 3 * DAY,
        clockStartAt: Date.now(),
      }),
      Date.now(),
      'none',
    );
    if (!r.ok) throw new Error(r.error.code);
    const rd = await recordDigitised(db, cal, actor, r.value.state.id, 'papers', 'intake', files, Date.now() + 1);
    if (!rd.ok) throw new Error(rd.error.code);
    return { db, device, files };
  }
  const pushAll = async (db: MotCuaDb, device: DeviceProfile) => {
    const events = (await db.events.toArray()).map(wireEvent);
    await createHttpTransport({ baseUrl: server.url }).push(device.token, { protocolVersion: PROTOCOL_VERSION, events, status: STATUS });
  };

  it('[DIG1] a file whose event is not on the server yet fails transiently with its reason, then goes up after the push', async () => {
    const { db, device, files } = await tabletWithFile([300_000]);
    const { transport, counter } = countingFiles(server.url);
    const uploader = createUploader({ db, transport, chunkBytes: 64 * 1024 });
    await uploader.runOnce();
    const failed = (await db.files.get(files[0]!.ref.sha256))!.upload;
    expect(failed).toMatchObject({ kind: 'failed', reason: 'files:refusal.notExpected', permanent: false });
    await pushAll(db, device);
    await db.files.update(files[0]!.ref.sha256, { upload: { ...failed, retryAt: 0 } });
    await uploader.runOnce();
    expect((await db.files.get(files[0]!.ref.sha256))!.upload.kind).toBe('confirmed');
    expect(counter.sent).toBe(300_000);
  });

  it('[DIG1] once its events are on the server, a new file of one chunk goes up in one request and is stored at once', async () => {
    const { db, device, files } = await tabletWithFile([300_000, 1_500_000]);
    await pushAll(db, device);
    await db.outbox.clear(); // what the sync engine does with accepted events
    const { transport, counter } = countingFiles(server.url);
    const calls: string[] = [];
    const counted = {
      ...transport,
      uploadStatus: (t: string, sha: string) => {
        calls.push('GET');
        return transport.uploadStatus(t, sha);
      },
      putChunk: (...a: Parameters<typeof transport.putChunk>) => {
        calls.push(`PUT@${a[2]}`);
        return transport.putChunk(...a);
      },
    };
    await createUploader({ db, transport: counted }).runOnce();
    expect((await db.files.toArray()).map((f) => f.uploadKind)).toEqual(['confirmed', 'confirmed']);
    // the small one: a single PUT; the larger one: its two chunks, the last answer carrying the server's verdict
    expect(calls.sort()).toEqual(['PUT@0', 'PUT@0', 'PUT@1048576']);
    expect(counter.sent).toBe(1_800_000);
    for (const f of files) expect((await transport.download(device.token, f.ref.sha256)).length).toBe(f.ref.size);
  });

  it("[DIG1] a refused file never blocks the next one; retry is a person's choice", async () => {
    const { db, device, files } = await tabletWithFile([2000, 3000]);
    await pushAll(db, device);
    // the first file's bytes on the tablet were damaged: the server refuses the hash
    const row = (await db.fileBytes.get(files[0]!.ref.sha256))!;
    const damaged = new Uint8Array(await vault().openBytes(row.sealed));
    damaged[100] = (damaged[100] ?? 0) ^ 0xff;
    await db.fileBytes.put({ sha256: row.sha256, sealed: await vault().sealBytes(damaged) });
    const uploader = createUploader({ db, transport: countingFiles(server.url).transport });
    await uploader.runOnce();
    expect((await db.files.get(files[0]!.ref.sha256))!.upload).toMatchObject({ kind: 'failed', reason: 'files:refusal.hashMismatch', permanent: true });
    expect((await db.files.get(files[1]!.ref.sha256))!.upload.kind).toBe('confirmed');
  });

  it('[PD4] confirmed bytes of a dossier closed for the retention period are dropped, keeping the row; unconfirmed never', async () => {
    const { db, files } = await tabletWithFile([1000, 1000]);
    const [a, b] = files.map((f) => f.ref.sha256) as [string, string];
    await db.files.update(a, { upload: { kind: 'confirmed', at: T0 }, uploadKind: 'confirmed' });
    const dossierId = (await db.files.get(a))!.dossierIds[0]!;
    await db.dossiers.update(dossierId, { open: 0, state: { ...(await db.dossiers.get(dossierId))!.state, endedAt: Date.now() - 31 * DAY } });
    expect(await dropExpiredBytes(db, Date.now(), 30)).toBe(1);
    expect(await db.fileBytes.get(a)).toBeUndefined();
    expect((await db.files.get(a))!.hasBytes).toBe(0);
    expect(await db.fileBytes.get(b)).toBeDefined();
  });
});
