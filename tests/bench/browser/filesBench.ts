/**
 * Digitisation speed in real Chromium (DIG1), with the app's own code on a tablet profile on disk
 * and its vault open (AES-GCM, as after a PIN sign-in):
 *  - capture to saved: 5 camera frames compressed, the PDF made, hashed, sealed, stored with its
 *    event in one transaction;
 *  - upload: the tablet's upload queue sending its files to the server that serves this page,
 *    beside a plain HTTP PUT of the same bytes to the same server (/bench/plain);
 *  - intake save and the queue's first page with many MB of files stored, beside the same without.
 */
import Dexie from 'dexie';
import { recordIntake, type Actor } from '../../../src/app/db/record';
import { getMeta } from '../../../src/app/db/meta';
import { queuePage } from '../../../src/app/db/queue';
import { toRow } from '../../../src/app/db/projection';
import { openDb, type DossierRow, type MotCuaDb } from '../../../src/app/db/schema';
import { compressPage, thumbnailOf } from '../../../src/app/files/capture/compress';
import { makePdf, type JpegPage } from '../../../src/app/files/capture/pdf';
import { prepareFile, recordDigitised, sha256Hex } from '../../../src/app/files/fileStore';
import type { StoredFile } from '../../../src/app/files/storeTypes';
import { createUploader } from '../../../src/app/files/uploader';
import { openWithDataKey, resetVault } from '../../../src/app/privacy/vault';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { enrollDevice } from '../../../src/app/sync/enroll';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import type { DossierEvent } from '../../../src/domain/dossier/events';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { createFileTransport } from '../../../src/protocol/fileTransport';
import { createHttpTransport } from '../../../src/protocol/httpTransport';
import { BENCH_DEVICE, dossierEvents, intakePayloadAt, rng } from '../fixtures';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const NOW = vnInstant(2026, 9, 10, 10, 0);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

async function freshDb(name: string): Promise<MotCuaDb> {
  await Dexie.delete(name);
  const db = openDb(name);
  await db.open();
  return db;
}

async function openVault(): Promise<void> {
  resetVault();
  await openWithDataKey(crypto.getRandomValues(new Uint8Array(32)));
}

function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(b.subarray(i, Math.min(n, i + 65_536)));
  return b;
}

/** A fake PDF of `size` bytes: the magic bytes the server checks, then noise (incompressible, like JPEG pages). */
function pdfOf(size: number): Uint8Array {
  const b = randomBytes(size);
  b.set(new TextEncoder().encode('%PDF-1.4\n'));
  return b;
}

/** A 1080p camera frame of an A4 form on a desk (as tests/support/fakeCamera.ts draws it). */
function cameraFrame(w = 1920, h = 1080): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const g = c.getContext('2d')!;
  g.fillStyle = '#6b6b6b';
  g.fillRect(0, 0, w, h);
  const ph = Math.round(h * 0.95),
    pw = Math.round(ph / 1.414),
    px = Math.round((w - pw) / 2),
    py = Math.round(h * 0.025);
  g.fillStyle = '#fbfaf5';
  g.fillRect(px, py, pw, ph);
  g.fillStyle = '#111';
  const u = ph / 100;
  const line = (t: string, size: number, y: number, bold = false) => {
    g.font = `${bold ? 'bold ' : ''}${size}px serif`;
    g.fillText(t, px + pw * 0.08, py + y);
  };
  line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 2.6 * u, 6 * u, true);
  line('TỜ KHAI ĐĂNG KÝ KHAI SINH', 3.4 * u, 16 * u, true);
  for (let i = 0; i < 14; i++) line(`Họ, chữ đệm, tên: NGUYỄN THỊ ĐÀO — nơi cư trú: thôn Đông, xã Hòa Bình — dòng ${i + 1}`, 1.7 * u, (23 + i * 4.2) * u);
  g.strokeStyle = '#c8102e';
  g.lineWidth = 0.5 * u;
  g.beginPath();
  g.arc(px + pw * 0.72, py + 88 * u, 7 * u, 0, Math.PI * 2);
  g.stroke();
  return c;
}

/** (a) Capture to saved, `rounds` times: medians of the whole and of its parts, ms. */
export async function runCaptureBench(rounds: number): Promise<Record<string, number>> {
  await openVault();
  const db = await freshDb('bench-files-capture');
  const actor: Actor = { device: BENCH_DEVICE, userId: 'can-bo-lan' };
  const frame = cameraFrame();
  const r = rng(3);
  const total: number[] = [],
    compress: number[] = [],
    save: number[] = [],
    sizes: number[] = [];
  for (let k = 0; k < rounds + 1; k++) {
    const intake = await recordIntake(db, cal, actor, intakePayloadAt(k, r, NOW + k * 60_000), NOW + k * 60_000);
    if (!intake.ok) throw new Error(intake.error.code);
    const t0 = performance.now();
    const pages: JpegPage[] = [];
    for (let p = 0; p < 5; p++) pages.push(await compressPage(frame, frame.width, frame.height));
    const t1 = performance.now();
    const bytes = makePdf(pages);
    const f = await prepareFile({ bytes, pages: 5, paperCode: 'toKhai', name: 'Tờ khai', thumb: await thumbnailOf(pages[0]!) });
    if (!f.ok) throw new Error(f.error.code);
    const saved = await recordDigitised(db, cal, actor, intake.value.state.id, 'papers', 'later', [f.value], NOW + k * 60_000 + 1000);
    if (!saved.ok) throw new Error(saved.error.code);
    const t2 = performance.now();
    if (k === 0) continue; // the first round warms the encoder and IndexedDB
    total.push(t2 - t0);
    compress.push(t1 - t0);
    save.push(t2 - t1);
    sizes.push(bytes.length);
  }
  db.close();
  return {
    rounds,
    medianMs: Math.round(median(total)),
    compress5Ms: Math.round(median(compress)),
    pdfSealStoreMs: Math.round(median(save)),
    pdfKb: Math.round(median(sizes) / 1024),
  };
}

/** (b) The upload queue against plain PUTs of the same bytes, `rounds` times with fresh files, in alternating order. */
export async function runUploadBench(code: string, totalMb: number, fileKb: number, rounds: number): Promise<Record<string, unknown>> {
  await openVault();
  const db = await freshDb('bench-files-upload');
  const http = createHttpTransport({ baseUrl: '', timeoutMs: 120_000 });
  const enrolled = await enrollDevice(db, http, { code, deviceName: 'bench-upload', appVersion: 'bench' });
  if (!enrolled.ok) throw new Error(`enroll: ${JSON.stringify(enrolled)}`);
  const device = (await getMeta(db, 'device'))!;
  const actor: Actor = { device, userId: 'can-bo-lan' };
  const engine = createSyncEngine({ db, transport: http, appVersion: 'bench' });
  // time spent waiting on HTTP (request, server, answer), to tell the tablet's own share from the server's
  const files = createFileTransport({ baseUrl: '', timeoutMs: 120_000 });
  let inHttp = 0;
  const timed =
    <A extends unknown[], T>(f: (...a: A) => Promise<T>) =>
    async (...a: A): Promise<T> => {
      const t = performance.now();
      try {
        return await f(...a);
      } finally {
        inHttp += performance.now() - t;
      }
    };
  const uploader = createUploader({ db, transport: { uploadStatus: timed(files.uploadStatus), putChunk: timed(files.putChunk), download: files.download } });
  const httpShare: number[] = [];
  const perRound = Math.max(1, Math.round((totalMb * 1024) / fileKb));
  const r = rng(5);
  const ours: number[] = [],
    plain: number[] = [];
  let n = 0;
  for (let k = 0; k < rounds; k++) {
    const files: Uint8Array[] = [];
    for (let i = 0; i < perRound; i++) {
      const bytes = pdfOf(fileKb * 1024);
      files.push(bytes);
      const at = Date.now();
      const intake = await recordIntake(db, cal, actor, intakePayloadAt(n++, r, at), at);
      if (!intake.ok) throw new Error(intake.error.code);
      const f = await prepareFile({ bytes, pages: 5, paperCode: 'toKhai', name: 'Tờ khai', thumb: null });
      if (!f.ok) throw new Error(f.error.code);
      const saved = await recordDigitised(db, cal, actor, intake.value.state.id, 'papers', 'later', [f.value], Date.now());
      if (!saved.ok) throw new Error(saved.error.code);
    }
    const pushed = await engine.runOnce(); // the events first: the server takes only files an event names
    if (pushed.kind !== 'synced') throw new Error(`push: ${JSON.stringify(pushed)}`);
    const runOurs = async () => {
      const t = performance.now();
      inHttp = 0;
      await uploader.runOnce();
      ours.push(performance.now() - t);
      httpShare.push(inHttp);
      const left = await db.files.where('uploadKind').notEqual('confirmed').count();
      if (left > 0)
        throw new Error(`${left} files not confirmed: ${JSON.stringify((await db.files.where('uploadKind').notEqual('confirmed').first())?.upload)}`);
    };
    const runPlain = async () => {
      const t = performance.now();
      for (const [i, b] of files.entries()) {
        const res = await fetch(`/bench/plain/${k}-${i}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body: b as Uint8Array<ArrayBuffer>,
        });
        if (!res.ok) throw new Error(`plain PUT: HTTP ${res.status}`);
      }
      plain.push(performance.now() - t);
    };
    if (k % 2 === 0) {
      await runOurs();
      await runPlain();
    } else {
      await runPlain();
      await runOurs();
    }
  }
  engine.stop();
  uploader.stop();
  db.close();
  const mb = (perRound * fileKb) / 1024;
  const mbps = (ms: number) => round1(mb / (ms / 1000));
  return {
    rounds,
    files: perRound,
    fileKb,
    mb: round1(mb),
    uploadMs: Math.round(median(ours)),
    uploadInHttpMs: Math.round(median(httpShare)),
    plainPutMs: Math.round(median(plain)),
    uploadMBps: mbps(median(ours)),
    plainPutMBps: mbps(median(plain)),
    shareOfPlain: Math.round((median(plain) / median(ours)) * 100) / 100,
  };
}

async function seedDossiers(db: MotCuaDb, n: number): Promise<void> {
  const r = rng(42);
  for (let start = 0; start < n; start += 2000) {
    const events: DossierEvent[] = [],
      rows: DossierRow[] = [];
    for (let i = start; i < Math.min(n, start + 2000); i++) {
      const evs = dossierEvents(i, r);
      events.push(...evs);
      const s = foldDossier(evs);
      if (s) rows.push(toRow(s));
    }
    await db.transaction('rw', [db.events, db.dossiers], async () => {
      await db.events.bulkAdd(events);
      await db.dossiers.bulkAdd(rows);
    });
  }
}

/** Fills the file store with `mb` MB of sealed files of `fileKb` KB (already on the server, as on a tablet in use). */
async function fillFiles(db: MotCuaDb, mb: number, fileKb: number, dossierIds: readonly string[]): Promise<number> {
  const count = Math.round((mb * 1024) / fileKb);
  const per = Math.max(1, Math.floor((8 * 1024) / fileKb)); // ~8 MB a transaction
  for (let i = 0; i < count; i += per) {
    const rows: StoredFile[] = [],
      bytes: { sha256: string; sealed: Uint8Array }[] = [];
    for (let j = i; j < Math.min(count, i + per); j++) {
      const sealed = randomBytes(fileKb * 1024);
      const sha256 = await sha256Hex(sealed.subarray(0, 4096));
      rows.push({
        sha256,
        size: sealed.length,
        type: 'application/pdf',
        pages: 5,
        name: 'Tờ khai',
        dossierIds: [dossierIds[j % dossierIds.length]!],
        origin: 'local',
        upload: { kind: 'confirmed', at: NOW },
        uploadKind: 'confirmed',
        hasBytes: 1,
        thumb: null,
        createdAt: NOW - j * 1000,
        lastOpenedAt: NOW,
      });
      bytes.push({ sha256, sealed });
    }
    await db.transaction('rw', [db.files, db.fileBytes], async () => {
      await db.files.bulkPut(rows);
      await db.fileBytes.bulkPut(bytes);
    });
  }
  return count;
}

/** (c) Intake save and the first page of the queue on two tablets alike but for `mb` MB of files stored on one. */
export async function runStoredFilesBench(dossiers: number, mb: number, fileKb: number, intakes: number): Promise<Record<string, unknown>> {
  await openVault();
  const plain = await freshDb('bench-files-none');
  const full = await freshDb('bench-files-full');
  const t0 = performance.now();
  await seedDossiers(plain, dossiers);
  await seedDossiers(full, dossiers);
  const t1 = performance.now();
  const ids = (await full.dossiers.limit(5000).primaryKeys()) as string[];
  const files = await fillFiles(full, mb, fileKb, ids);
  const t2 = performance.now();
  const usage = (await navigator.storage.estimate()).usage ?? 0;
  const actor: Actor = { device: BENCH_DEVICE, userId: 'can-bo-lan' };
  const r = rng(9);
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const intake = { none: [] as number[], full: [] as number[] },
    page = { none: [] as number[], full: [] as number[] };
  for (let i = 0; i < intakes; i++) {
    // alternate, so a busy moment of the machine slows each alike
    const payload = intakePayloadAt(dossiers + i, r, NOW + i * 1000);
    for (const [key, db] of (i % 2
      ? [
          ['full', full],
          ['none', plain],
        ]
      : [
          ['none', plain],
          ['full', full],
        ]) as [keyof typeof intake, MotCuaDb][]) {
      intake[key].push(
        await time(async () => {
          const saved = await recordIntake(db, cal, actor, payload, NOW + i * 1000);
          if (!saved.ok) throw new Error(saved.error.code);
        }),
      );
      page[key].push(await time(() => queuePage(db, 'open', { now: NOW, cal })));
    }
  }
  plain.close();
  full.close();
  const m = (xs: number[]) => round1(median(xs));
  return {
    dossiers,
    files,
    filesMb: Math.round((files * fileKb) / 1024),
    storageUsageMb: Math.round(usage / 1024 / 1024),
    seedMs: Math.round(t1 - t0),
    fillMs: Math.round(t2 - t1),
    intakeMs: { without: m(intake.none), withFiles: m(intake.full), ratio: Math.round((median(intake.full) / median(intake.none)) * 100) / 100 },
    firstPageMs: { without: m(page.none), withFiles: m(page.full), ratio: Math.round((median(page.full) / median(page.none)) * 100) / 100 },
  };
}

declare global {
  interface Window {
    runCaptureBench: typeof runCaptureBench;
    runUploadBench: typeof runUploadBench;
    runStoredFilesBench: typeof runStoredFilesBench;
  }
}
window.runCaptureBench = runCaptureBench;
window.runUploadBench = runUploadBench;
window.runStoredFilesBench = runStoredFilesBench;
