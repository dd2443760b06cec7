/**
 * DIG1: what the tablet and the server agree a digitised file is. A file is named by the SHA-256
 * of its bytes, so the same bytes attached twice are stored once and a retried upload is harmless.
 */
import type { DigitisedFile, DigitisedFileType } from '../dossier/events';
import { err, ok, type Result } from '../result';

/** A file over this is refused on the tablet and upstream ("say 20 MB"). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Pages in one file (a paper of several hundred pages is scanned in parts). */
export const MAX_FILE_PAGES = 200;
/** The paper code of the result's files (giấy tờ kết quả). */
export const RESULT_PAPER_CODE = 'ketQua';

export const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const satisfies readonly DigitisedFileType[];

export const isSha256Hex = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);

/** The type the bytes say they are (magic bytes, never the name), or null when not one we accept. */
export function sniffFileType(bytes: Uint8Array): DigitisedFileType | null {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0x25 && at(1) === 0x50 && at(2) === 0x44 && at(3) === 0x46 && at(4) === 0x2d) return 'application/pdf'; // %PDF-
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47 && at(4) === 0x0d && at(5) === 0x0a && at(6) === 0x1a && at(7) === 0x0a)
    return 'image/png';
  return null;
}

/** Each file's facts are plausible; error codes are i18n keys of namespace `errors`. */
export function checkDigitisedFiles(files: readonly DigitisedFile[]): Result<{ warnings: never[] }> {
  if (files.length === 0) return err('files.none', 'at least one file');
  for (const f of files) {
    if (!isSha256Hex(f.sha256)) return err('files.badHash', 'sha256 must be 64 lower-case hex digits');
    if (!Number.isInteger(f.size) || f.size < 1) return err('files.empty', 'the file is empty', { name: f.name });
    if (f.size > MAX_FILE_BYTES) return err('files.tooLarge', 'the file is over the size limit', { name: f.name, maxMb: MAX_FILE_BYTES / 1024 / 1024 });
    if (!Number.isInteger(f.pages) || f.pages < 1 || f.pages > MAX_FILE_PAGES) return err('files.badPages', 'pages out of range', { name: f.name });
    if (!f.paperCode.trim() || !f.name.trim()) return err('files.noPaper', 'each file names its paper');
  }
  return ok({ warnings: [] });
}
