/**
 * The upload queue (DESIGN "Files"): every file captured here goes to the server by itself,
 * after its event, one at a time, in chunks, resuming from what the server says it has. A file
 * that fails keeps its reason; a transient failure retries after its backoff, a refusal waits for
 * a person; neither ever blocks the events (they sync apart) or the next file.
 */
import { liveQuery, type Subscription } from 'dexie';
import { isUploadDue, nextUpload, type UploadInput, type UploadState } from '../../domain/files/uploadState';
import type { FileTransport } from '../../protocol/fileTransport';
import { FILE_CHUNK_BYTES, fileRefusalOf, type FileRefusal } from '../../protocol/files';
import { TransportError } from '../../protocol/transport';
import { getMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import { vault } from '../privacy/vault';
import { errorKeyOf } from '../sync/retryPolicy';
import type { StoredFile } from './storeTypes';

/** Refusals that a later try can cure by itself (the event was not pushed yet). */
const TRANSIENT_REFUSALS: readonly FileRefusal[] = ['notExpected'];

export type UploaderOptions = {
  readonly db: MotCuaDb;
  readonly transport: FileTransport;
  readonly now?: () => number;
  readonly chunkBytes?: number;
  /** How often to look for due work while started. Default 5 s. */
  readonly pollMs?: number;
  /** False while the bytes cannot be read (the vault is locked until a PIN opens it). */
  readonly mayRun?: () => boolean;
};

export type Uploader = {
  /** Works through every due file once; resolves when none is left that is due now. */
  runOnce(): Promise<void>;
  /** A person pressed retry on a failed file. */
  retry(sha256: string): Promise<void>;
  start(): void;
  stop(): void;
};

const ACTIVE: StoredFile['uploadKind'][] = ['pending', 'uploading', 'sent', 'failed'];

export function createUploader(o: UploaderOptions): Uploader {
  const { db, transport } = o;
  const now = o.now ?? Date.now;
  const chunkBytes = o.chunkBytes ?? FILE_CHUNK_BYTES;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let sub: Subscription | null = null;

  async function step(sha256: string, input: UploadInput): Promise<UploadState | null> {
    return db.transaction('rw', db.files, async () => {
      const f = await db.files.get(sha256);
      if (!f) return null;
      const upload = nextUpload(f.upload, input, now());
      await db.files.update(sha256, { upload, uploadKind: upload.kind });
      return upload;
    });
  }

  function failure(e: unknown): UploadInput {
    if (e instanceof TransportError) {
      const refusal = fileRefusalOf(e.details);
      if (refusal) return { type: 'failed', reason: `files:refusal.${refusal}`, permanent: !TRANSIENT_REFUSALS.includes(refusal) };
      return { type: 'failed', reason: errorKeyOf(e).key, permanent: !e.retryable };
    }
    return { type: 'failed', reason: 'files:upload.unexpected', permanent: false };
  }

  /** A file's clear bytes, or null when they are not on the tablet. */
  async function readBytes(sha256: string): Promise<Uint8Array | null> {
    const row = await db.fileBytes.get(sha256);
    return row ? vault().openBytes(row.sealed) : null;
  }

  /** Sends one file; resolves once the network part is done, with the write of its outcome still under way (`written`). */
  async function uploadOne(token: string, f: StoredFile, read: Promise<Uint8Array | null>): Promise<{ written: Promise<unknown> }> {
    const bytes = await read;
    if (!bytes) return { written: step(f.sha256, { type: 'failed', reason: 'files:upload.noBytes', permanent: true }) };
    // the progress shown is written while the next chunk travels; each write waits for the one before
    let shown: Promise<unknown> = Promise.resolve();
    const show = (input: UploadInput) => {
      shown = shown.then(() => step(f.sha256, input));
    };
    try {
      // a file never tried, once every event is on the server, starts at 0 without asking (the server skips
      // what it has and says when it has the file); otherwise ask first, so a file whose event is not
      // pushed yet costs no bytes (notExpected)
      const fresh = f.upload.kind === 'pending' && f.upload.attempts === 0 && (await db.outbox.count()) === 0;
      let status = fresh ? { received: 0, present: false } : await transport.uploadStatus(token, f.sha256);
      if (!status.present) {
        show({ type: 'started', sentBytes: status.received, size: f.size });
        while (!status.present && status.received < f.size) {
          const offset = status.received;
          try {
            status = await transport.putChunk(token, f.sha256, offset, bytes.subarray(offset, Math.min(f.size, offset + chunkBytes)), {
              size: f.size,
              type: f.type,
            });
          } catch (e) {
            // the server has a different offset than we thought (a lost answer): ask and go on
            if (e instanceof TransportError && fileRefusalOf(e.details) === 'badOffset') {
              status = await transport.uploadStatus(token, f.sha256);
              continue;
            }
            throw e;
          }
          if (!status.present) show({ type: 'progress', sentBytes: status.received });
        }
        if (!status.present) {
          show({ type: 'allSent' });
          status = await transport.uploadStatus(token, f.sha256);
        }
      }
      const outcome: UploadInput = status.present ? { type: 'confirmed' } : { type: 'failed', reason: 'files:upload.notConfirmed', permanent: false };
      return { written: shown.then(() => step(f.sha256, outcome)) };
    } catch (e) {
      return { written: shown.catch(() => undefined).then(() => step(f.sha256, failure(e))) };
    }
  }

  async function work(): Promise<void> {
    const device = await getMeta(db, 'device');
    if (!device || device.role === 'kiosk') return;
    if (o.mayRun && !o.mayRun()) return;
    // offline the file stays "on this tablet only" rather than collecting network failures
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    const tried = new Set<string>();
    for (;;) {
      // the due files are listed once a pass (not once a file), then listed again for those captured meanwhile
      const due = (await db.files.where('uploadKind').anyOf(ACTIVE).toArray())
        .filter((f) => f.origin === 'local' && !tried.has(f.sha256) && isUploadDue(f.upload, now()))
        .sort((a, b) => a.createdAt - b.createdAt);
      if (due.length === 0) return;
      // the next file is read and opened while this one travels
      const prefetch = (f: StoredFile | undefined) => {
        if (!f) return null;
        const p = readBytes(f.sha256);
        p.catch(() => undefined); // awaited (and its error handled) by uploadOne
        return p;
      };
      // … and the outcome of one file is written while the next one travels
      let read = prefetch(due[0]);
      let written: Promise<unknown> = Promise.resolve();
      try {
        for (const [i, next] of due.entries()) {
          if (o.mayRun && !o.mayRun()) return;
          tried.add(next.sha256);
          const mine = read!;
          read = prefetch(due[i + 1]);
          const sent = await uploadOne(device.token, next, mine);
          await written;
          written = sent.written;
        }
      } finally {
        await written;
      }
    }
  }

  function runOnce(): Promise<void> {
    running ??= work().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    runOnce,
    async retry(sha256) {
      await step(sha256, { type: 'retry' });
      void runOnce();
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        void runOnce();
      }, o.pollMs ?? 5_000);
      // a new capture, or an event leaving the outbox (its file may now go up)
      sub = liveQuery(() => Promise.all([db.files.where('uploadKind').equals('pending').count(), db.outbox.count()])).subscribe({
        next: () => {
          void runOnce();
        },
        error: () => undefined,
      });
      if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      sub?.unsubscribe();
      sub = null;
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
    },
  };

  function onOnline() {
    void runOnce();
  }
}
