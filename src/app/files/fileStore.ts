/**
 * The tablet's file store (DESIGN "Files", DIG1). Bytes are sealed by the vault before anything
 * is written (the vault may encrypt: PD4) and written in ONE strict transaction with the event
 * that names them and its outbox item, so a crash never leaves a file without its event or an
 * event without its file. Hashing and sealing happen before the transaction: IndexedDB commits a
 * transaction that waits on anything else.
 */
import type { WorkCalendar } from '../../domain/calendar/types';
import type { DigitisedFile, DigitisedFileType, DigitisedStage, EventPayloads } from '../../domain/dossier/events';
import { checkDigitisedFiles, MAX_FILE_BYTES, sniffFileType } from '../../domain/files/fileRef';
import { INITIAL_UPLOAD, type UploadState } from '../../domain/files/uploadState';
import { err, ok, type Result } from '../../domain/result';
import { recordAction, recordIntake, TABLES, type Actor, type Recorded } from '../db/record';
import type { MotCuaDb } from '../db/schema';
import { vault } from '../privacy/vault';
import type { CaptureRow, StoredFile } from './storeTypes';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the capture screen made of one paper: its bytes (a PDF of its pages, or a picked file). */
export type CapturedPaper = {
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly paperCode: string;
  readonly name: string;
  /** A small JPEG of the first page, when there is a picture. */
  readonly thumb: Uint8Array | null;
};

/** Hashed, type-checked by its magic bytes and sealed: ready to be written in a transaction. */
export type PreparedFile = { readonly ref: DigitisedFile; readonly sealed: Uint8Array; readonly thumb: Uint8Array | null };

export async function prepareFile(c: CapturedPaper): Promise<Result<PreparedFile>> {
  const type = sniffFileType(c.bytes);
  if (!type) return err('files.badType', 'not a PDF, JPEG or PNG file', { name: c.name });
  if (c.bytes.length > MAX_FILE_BYTES) return err('files.tooLarge', 'over the size limit', { name: c.name, maxMb: MAX_FILE_BYTES / 1024 / 1024 });
  const ref: DigitisedFile = { sha256: await sha256Hex(c.bytes), size: c.bytes.length, type, pages: c.pages, paperCode: c.paperCode, name: c.name };
  const checked = checkDigitisedFiles([ref]);
  if (!checked.ok) return checked;
  const [sealed, thumb] = await Promise.all([vault().sealBytes(c.bytes), c.thumb ? vault().sealBytes(c.thumb) : Promise.resolve(null)]);
  return ok({ ref, sealed, thumb });
}

const FILE_TABLES = (db: MotCuaDb) => [...TABLES(db), db.files, db.fileBytes, db.captures];

/** Inside a transaction: the file rows and bytes of an event just recorded for `dossierId`. */
async function storeFiles(db: MotCuaDb, dossierId: string, files: readonly PreparedFile[], at: number): Promise<void> {
  const existing = await db.files.bulkGet(files.map((f) => f.ref.sha256));
  await Promise.all(
    files.flatMap((f, i) => {
      const before = existing[i];
      const upload: UploadState = before?.upload ?? INITIAL_UPLOAD;
      const row: StoredFile = {
        sha256: f.ref.sha256,
        size: f.ref.size,
        type: f.ref.type,
        pages: f.ref.pages,
        name: f.ref.name,
        dossierIds: [...new Set([...(before?.dossierIds ?? []), dossierId])],
        // a file fetched from the server and attached again here is already upstream
        origin: before?.origin === 'remote' ? 'remote' : 'local',
        upload,
        uploadKind: upload.kind,
        hasBytes: 1,
        thumb: f.thumb ?? before?.thumb ?? null,
        createdAt: before?.createdAt ?? at,
        lastOpenedAt: at,
      };
      return [db.files.put(row), db.fileBytes.put({ sha256: f.ref.sha256, sealed: f.sealed })];
    }),
  );
}

export type DigitisedKind = 'papers' | 'result';

/** DIG1 at a supplement, at the result, or later: the event, its outbox item and the files, in one transaction. */
export async function recordDigitised(
  db: MotCuaDb,
  cal: WorkCalendar,
  actor: Actor,
  dossierId: string,
  kind: DigitisedKind,
  stage: DigitisedStage,
  files: readonly PreparedFile[],
  at: number,
): Promise<Result<Recorded>> {
  const refs = files.map((f) => f.ref);
  return db.transaction('rw', FILE_TABLES(db), async () => {
    const r =
      kind === 'result'
        ? await recordAction(db, cal, actor, dossierId, 'resultDigitised', { files: refs } satisfies EventPayloads['resultDigitised'], at)
        : await recordAction(db, cal, actor, dossierId, 'papersDigitised', { stage, files: refs } satisfies EventPayloads['papersDigitised'], at);
    if (r.ok) await storeFiles(db, dossierId, files, at);
    return r;
  });
}

export const captureKey = (draftKey: string, paperCode: string) => `${draftKey}|${paperCode}`;

/** A paper captured for an intake being filled in (replaces an earlier capture of the same paper). */
export async function saveCapture(db: MotCuaDb, draftKey: string, f: PreparedFile, at: number): Promise<void> {
  const row: CaptureRow = {
    key: captureKey(draftKey, f.ref.paperCode),
    draftKey,
    paperCode: f.ref.paperCode,
    name: f.ref.name,
    sha256: f.ref.sha256,
    size: f.ref.size,
    type: f.ref.type,
    pages: f.ref.pages,
    sealed: f.sealed,
    thumb: f.thumb,
    createdAt: at,
  };
  await db.captures.put(row);
}

export const capturesOf = (db: MotCuaDb, draftKey: string): Promise<CaptureRow[]> => db.captures.where('draftKey').equals(draftKey).toArray();

export async function clearCaptures(db: MotCuaDb, draftKey: string): Promise<void> {
  await db.captures.where('draftKey').equals(draftKey).delete();
}

const preparedOf = (c: CaptureRow): PreparedFile => ({
  ref: { sha256: c.sha256, size: c.size, type: c.type, pages: c.pages, paperCode: c.paperCode, name: c.name },
  sealed: c.sealed,
  thumb: c.thumb,
});

/**
 * Intake with its captured papers: `received`, then `papersDigitised` (stage intake, 1 ms later so
 * every fold sees it after the intake), the files, and the captures cleared, in one transaction.
 * Captures of papers not received (unticked after capture) stay out of the dossier.
 */
export async function recordIntakeWithFiles(
  db: MotCuaDb,
  cal: WorkCalendar,
  actor: Actor,
  payload: EventPayloads['received'],
  at: number,
  draftKey: string,
): Promise<Result<Recorded>> {
  return db.transaction('rw', FILE_TABLES(db), async () => {
    const r = await recordIntake(db, cal, actor, payload, at);
    if (!r.ok) return r;
    const received = new Set(payload.papers.filter((p) => p.count > 0).map((p) => p.paperId));
    const captured = (await capturesOf(db, draftKey)).filter((c) => received.has(c.paperCode));
    if (captured.length > 0 && payload.outcome !== 'refused') {
      const files = captured.map(preparedOf);
      const f = await recordAction(db, cal, actor, r.value.state.id, 'papersDigitised', { stage: 'intake', files: files.map((x) => x.ref) }, at + 1);
      if (!f.ok) throw new Error(`papersDigitised refused: ${f.error.code}`); // rolls the intake back too
      await storeFiles(db, r.value.state.id, files, at + 1);
      await clearCaptures(db, draftKey);
      return f;
    }
    await clearCaptures(db, draftKey);
    return r;
  });
}

export type OpenedFile = { readonly file: StoredFile; readonly bytes: Uint8Array | null };

/** A file's row and its clear bytes (null when dropped or never fetched here). */
export async function openFile(db: MotCuaDb, sha256: string, now: number): Promise<OpenedFile | null> {
  const [file, bytes] = await Promise.all([db.files.get(sha256), db.fileBytes.get(sha256)]);
  if (!file) return null;
  await db.files.update(sha256, { lastOpenedAt: now });
  return { file, bytes: bytes ? await vault().openBytes(bytes.sealed) : null };
}

/** A file fetched from the server to be viewed: kept as a cache entry (never uploaded from here). */
export async function putFetched(
  db: MotCuaDb,
  ref: DigitisedFile & { readonly type: DigitisedFileType },
  dossierId: string,
  bytes: Uint8Array,
  now: number,
): Promise<void> {
  const sealed = await vault().sealBytes(bytes);
  await db.transaction('rw', [db.files, db.fileBytes], async () => {
    const before = await db.files.get(ref.sha256);
    const upload: UploadState = before?.upload ?? { kind: 'confirmed', at: now };
    await Promise.all([
      db.files.put({
        sha256: ref.sha256,
        size: ref.size,
        type: ref.type,
        pages: ref.pages,
        name: ref.name,
        dossierIds: [...new Set([...(before?.dossierIds ?? []), dossierId])],
        origin: before?.origin ?? 'remote',
        upload,
        uploadKind: upload.kind,
        hasBytes: 1,
        thumb: before?.thumb ?? null,
        createdAt: before?.createdAt ?? now,
        lastOpenedAt: now,
      }),
      db.fileBytes.put({ sha256: ref.sha256, sealed }),
    ]);
  });
}
