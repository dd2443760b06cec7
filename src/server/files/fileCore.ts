/**
 * The server's file rules (DIG1, DESIGN "Files"), independent of HTTP. A counter device uploads
 * a file that an event of its commune names, with that event's size and type, in chunks from
 * where the server is; the last byte triggers the checks (size, magic bytes, SHA-256) and only a
 * file that passes is put in the object store and recorded present. Downloads: the commune's
 * counter and supervisor devices, the upstream office for the communes in its scope, and holders
 * of a signed, expiring link (the connector). A kiosk gets no file and no file list.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_FILE_BYTES, RESULT_PAPER_CODE, isSha256Hex, sniffFileType } from '../../domain/files/fileRef';
import type { FileRefusal, UploadStatus } from '../../protocol/files';
import type { UpstreamDossierFiles, UpstreamPaperFile } from '../../protocol/upstreamFiles';
import { digitisationOf } from '../../domain/files/digitisation';
import type { AttachedFile } from '../../domain/dossier/state';
import type { Database } from '../store/db';
import type { Device } from '../store/port';
import { chunkKey, objectKey, type ObjectStore } from './objectStore';
import {
  appendChunk,
  chunkList,
  createUpload,
  dossierFileList,
  dossierStatesByCode,
  dropUpload,
  expectedFile,
  fileRows,
  missingByDevice,
  objectRow,
  presentAmong,
  recordObject,
  uploadRow,
} from './fileSql';

export type FileOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: FileRefusal; readonly message: string };

const ok = <T>(value: T): FileOutcome<T> => ({ ok: true, value });
const no = (refusal: FileRefusal, message: string): FileOutcome<never> => ({ ok: false, refusal, message });

export type FileBytes = { readonly bytes: Uint8Array; readonly type: string };

/** What the connector (and the upstream office) get per dossier. */
export type DossierFileInfo = {
  readonly paperCode: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly type: string;
  readonly pages: number;
  readonly kind: 'paper' | 'result';
  /** false while the tablet has not finished the upload. */
  readonly present: boolean;
};

export type FileCoreOptions = {
  readonly db: Database;
  readonly objects: ObjectStore;
  readonly clock?: () => number;
  /** The key of signed download links (FILES_URL_SECRET); random per process when absent. */
  readonly urlSecret?: string;
};

export type FileCore = ReturnType<typeof createFileCore>;

const sha256Of = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function createFileCore(o: FileCoreOptions) {
  const { db, objects } = o;
  const clock = o.clock ?? Date.now;
  const urlKey = o.urlSecret ?? randomBytes(32).toString('base64url');

  function mayUpload(device: Device): FileOutcome<null> {
    return device.role === 'counter' ? ok(null) : no('forbidden', `a ${device.role} device does not upload files`);
  }

  async function receivedBytes(communeId: string, sha256: string): Promise<{ bytes: Uint8Array; keys: string[] }> {
    const chunks = await chunkList(db, communeId, sha256);
    const keys = chunks.map((c) => chunkKey(communeId, sha256, c.offset));
    const parts = await Promise.all(keys.map((k) => objects.get(k)));
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.forEach((c, i) => {
      const part = parts[i];
      if (!part || part.length !== c.length) throw new Error(`chunk ${keys[i]} is missing from the object store`);
      out.set(part, c.offset);
    });
    return { bytes: out, keys };
  }

  /** All bytes are in: check them, store them, record the file; a bad file is dropped whole. */
  async function finish(device: Device, sha256: string, declaredType: string): Promise<FileOutcome<UploadStatus>> {
    const { bytes, keys } = await receivedBytes(device.communeId, sha256);
    const dropChunks = () => Promise.all(keys.map((k) => objects.delete(k)));
    const actual = sha256Of(bytes);
    const sniffed = sniffFileType(bytes);
    if (actual !== sha256 || sniffed !== declaredType) {
      await dropUpload(db, device.communeId, sha256);
      await dropChunks();
      return actual !== sha256 ? no('hashMismatch', `the bytes hash to ${actual}`) : no('badType', `the bytes are ${sniffed ?? 'of no accepted type'}`);
    }
    await objects.put(objectKey(device.communeId, sha256), bytes);
    await recordObject(db, device.communeId, sha256, { size: bytes.length, type: declaredType, uploadedBy: device.id, uploadedAt: clock() });
    await dropChunks();
    return ok({ received: bytes.length, present: true });
  }

  async function uploadStatus(device: Device, sha256: string): Promise<FileOutcome<UploadStatus>> {
    const allowed = mayUpload(device);
    if (!allowed.ok) return allowed;
    if (!isSha256Hex(sha256)) return no('notFound', 'not a SHA-256');
    const present = await objectRow(db, device.communeId, sha256);
    if (present) return ok({ received: present.size, present: true });
    const up = await uploadRow(db, device.communeId, sha256);
    if (!up)
      return (await expectedFile(db, device.communeId, sha256))
        ? ok({ received: 0, present: false })
        : no('notExpected', 'no event of this commune names this file yet');
    // every byte arrived but the server stopped before its checks: do them now
    if (up.received === up.size) return finish(device, sha256, up.type);
    return ok({ received: up.received, present: false });
  }

  async function putChunk(
    device: Device,
    sha256: string,
    offset: number,
    declared: { size: number; type: string },
    chunk: Uint8Array,
  ): Promise<FileOutcome<UploadStatus>> {
    const allowed = mayUpload(device);
    if (!allowed.ok) return allowed;
    if (!isSha256Hex(sha256)) return no('notFound', 'not a SHA-256');
    if (!Number.isSafeInteger(offset) || offset < 0) return no('badOffset', 'the offset must be a whole number of bytes');
    if (declared.size > MAX_FILE_BYTES) return no('tooLarge', `files are limited to ${MAX_FILE_BYTES} bytes`);
    const rows = await fileRows(db, device.communeId, sha256);
    if (rows.object) return ok({ received: rows.object.size, present: true }); // the same file again: stored once
    const expected = rows.expected;
    if (!expected) return no('notExpected', 'no event of this commune names this file yet');
    if (expected.size !== declared.size || expected.type !== declared.type) return no('mismatch', 'size or type differ from the event');
    if (offset === 0 && chunk.length > 0 && sniffFileType(chunk) !== expected.type) return no('badType', 'the bytes are not what the event says');
    // the whole file in one request (most papers fit in one chunk) and nothing started: checked and
    // stored at once, one durable write instead of a chunk and then the file
    if (offset === 0 && chunk.length === expected.size && !rows.uploading) {
      const actual = sha256Of(chunk);
      if (actual !== sha256) return no('hashMismatch', `the bytes hash to ${actual}`);
      await objects.put(objectKey(device.communeId, sha256), chunk);
      await recordObject(db, device.communeId, sha256, { size: chunk.length, type: expected.type, uploadedBy: device.id, uploadedAt: clock() }, false);
      return ok({ received: chunk.length, present: true });
    }

    const step = await db.transaction(async (tx): Promise<FileOutcome<{ received: number; size: number; type: string }>> => {
      await createUpload(tx, device.communeId, sha256, { size: expected.size, type: expected.type, deviceId: device.id, now: clock() });
      const up = (await uploadRow(tx, device.communeId, sha256, true))!;
      if (offset > up.received) return no('badOffset', `the server has ${up.received} bytes`);
      // a retried chunk: skip what is already here (the hash at the end checks the rest)
      const fresh = chunk.subarray(Math.min(chunk.length, up.received - offset));
      if (up.received + fresh.length > up.size) return no('mismatch', 'more bytes than the file has');
      if (fresh.length > 0) {
        // under the row lock: one writer per file at a time, and the bytes are durable before the offset moves
        await objects.put(chunkKey(device.communeId, sha256, up.received), fresh);
        await appendChunk(tx, device.communeId, sha256, up.received, fresh.length, clock());
      }
      return ok({ received: up.received + fresh.length, size: up.size, type: up.type });
    });
    if (!step.ok) return step;
    if (step.value.received < step.value.size) return ok({ received: step.value.received, present: false });
    return finish(device, sha256, step.value.type);
  }

  /** The bytes of a present file of `communeId`. */
  async function bytesOf(communeId: string, sha256: string): Promise<FileOutcome<FileBytes>> {
    if (!isSha256Hex(sha256)) return no('notFound', 'not a SHA-256');
    const row = await objectRow(db, communeId, sha256);
    if (!row) return no('notFound', 'no such file on the server (yet)');
    const bytes = await objects.get(objectKey(communeId, sha256));
    if (!bytes) return no('notFound', 'the file is recorded but its bytes are missing from the object store');
    return ok({ bytes, type: row.type });
  }

  async function download(device: Device, sha256: string): Promise<FileOutcome<FileBytes>> {
    if (device.role === 'kiosk') return no('forbidden', 'a kiosk gets no file');
    return bytesOf(device.communeId, sha256);
  }

  /** The connector's input: a dossier's files (paper code, sha256, name …) and whether each is here. */
  async function dossierFiles(communeId: string, dossierCode: string): Promise<DossierFileInfo[] | null> {
    const files = await dossierFileList(db, communeId, dossierCode);
    if (!files) return null;
    const present = await presentAmong(
      db,
      communeId,
      files.map((f) => f.sha256),
    );
    return files.map((f) => ({
      paperCode: f.paperCode,
      name: f.name,
      sha256: f.sha256,
      size: f.size,
      type: f.type,
      pages: f.pages,
      kind: f.kind,
      present: present.has(f.sha256),
    }));
  }

  /**
   * The upstream office's look-up (DIG1): the dossier of this code in each commune given (the
   * supervisor's scope), every paper received with its newest file, and the result file.
   */
  async function lookup(communes: readonly { id: string; name: string }[], code: string): Promise<UpstreamDossierFiles[]> {
    const found = await dossierStatesByCode(
      db,
      communes.map((c) => c.id),
      code,
    );
    return Promise.all(
      found.map(async ({ communeId, state }) => {
        const d = digitisationOf(state);
        const present = await presentAmong(
          db,
          communeId,
          (state.files ?? []).map((f) => f.sha256),
        );
        const fileOf = (f: AttachedFile | null) =>
          f && { sha256: f.sha256, size: f.size, type: f.type, pages: f.pages, at: f.at, present: present.has(f.sha256) };
        const papers: UpstreamPaperFile[] = d.papers.map((p) => ({ paperCode: p.paperCode, name: p.name, kind: 'paper', file: fileOf(p.file) }));
        // a dossier that listed no paper: its files are shown as they are (DIG1b)
        if (d.papers.length === 0)
          for (const f of (state.files ?? []).filter((x) => x.kind === 'paper'))
            papers.push({ paperCode: f.paperCode, name: f.name, kind: 'paper', file: fileOf(f) });
        if (d.resultFile || d.resultExpected)
          papers.push({ paperCode: d.resultFile?.paperCode ?? RESULT_PAPER_CODE, name: d.resultFile?.name ?? '', kind: 'result', file: fileOf(d.resultFile) });
        const commune = communes.find((c) => c.id === communeId)!;
        return {
          commune: { id: commune.id, name: commune.name },
          code: state.code,
          procedureName: state.procedureName,
          receivedAt: state.receivedAt,
          fully: d.fully,
          papers,
        };
      }),
    );
  }

  const signature = (communeId: string, sha256: string, expiresAt: number) =>
    createHmac('sha256', urlKey).update(`${communeId}\n${sha256}\n${expiresAt}`).digest('base64url');

  /** A path (to put after the server's public origin) that opens one file until `expiresAt`, for whoever holds it. */
  function signedPath(communeId: string, sha256: string, ttlMs = 24 * 3_600_000): { path: string; expiresAt: number } {
    const expiresAt = clock() + ttlMs;
    return {
      path: `/api/v1/files/signed/${encodeURIComponent(communeId)}/${sha256}?exp=${expiresAt}&sig=${signature(communeId, sha256, expiresAt)}`,
      expiresAt,
    };
  }

  async function openSigned(communeId: string, sha256: string, expiresAt: number, sig: string): Promise<FileOutcome<FileBytes>> {
    const want = Buffer.from(signature(communeId, sha256, expiresAt));
    const got = Buffer.from(sig);
    if (got.length !== want.length || !timingSafeEqual(got, want)) return no('forbidden', 'the link is not valid');
    if (!(expiresAt > clock())) return no('forbidden', 'the link has expired');
    return bytesOf(communeId, sha256);
  }

  return {
    uploadStatus,
    putChunk,
    download,
    bytesOf,
    dossierFiles,
    lookup,
    signedPath,
    openSigned,
    missingByDevice: (communeId: string) => missingByDevice(db, communeId),
  };
}
