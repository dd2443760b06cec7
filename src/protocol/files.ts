/**
 * The file upload protocol (DIG1, DESIGN "Files"): resumable and content-addressed, on the same
 * API and device tokens as sync. Why our own rather than tus: the file is already named by its
 * SHA-256, so "where was I" is one GET, a chunk is a PUT at an offset, and a retried chunk that
 * the server already has is skipped; tus would add a second id space, its own headers and a
 * server library, for the same three operations.
 *
 *   GET  /api/v1/files/:sha256/upload           → { received, present }
 *   PUT  /api/v1/files/:sha256/upload?offset=N  body: the bytes from N (≤ FILE_CHUNK_BYTES),
 *        headers x-file-size, x-file-type       → { received, present }
 *   GET  /api/v1/files/:sha256                  → the bytes (counter devices of the commune)
 *
 * The server keeps what it has received durably, verifies size, magic bytes and SHA-256 when the
 * last byte arrives, and only then records the file as present. A whole file in one PUT at offset
 * 0 with nothing under way is verified and stored at once; the tablet sends a file it never tried
 * that way without the GET once its events are on the server. A refusal is a 4xx whose
 * `details[0]` is `{ path: 'file', message: <FileRefusal> }`.
 */

export const FILE_CHUNK_BYTES = 1024 * 1024;

export const FILE_REFUSALS = [
  /** No event of this commune names this file (yet): retried once the event is pushed. */
  'notExpected',
  /** The size or type sent differ from what the event said. */
  'mismatch',
  /** The bytes are not a PDF, JPEG or PNG. */
  'badType',
  'tooLarge',
  /** The bytes received do not hash to the name: the upload starts over. */
  'hashMismatch',
  /** The offset is past what the server has: resume from `received`. */
  'badOffset',
  /** A kiosk, or another commune. */
  'forbidden',
  'notFound',
] as const;
export type FileRefusal = (typeof FILE_REFUSALS)[number];

/** How much of a file the server has, and whether it is complete and verified. */
export type UploadStatus = { readonly received: number; readonly present: boolean };

export const FILE_API = {
  upload: (sha256: string) => `/api/v1/files/${sha256}/upload`,
  file: (sha256: string) => `/api/v1/files/${sha256}`,
} as const;

/** The refusal code of a 4xx answer's body, when it has one. */
export function fileRefusalOf(details: readonly { path: string; message: string }[]): FileRefusal | null {
  const d = details.find((x) => x.path === 'file');
  return d && (FILE_REFUSALS as readonly string[]).includes(d.message) ? (d.message as FileRefusal) : null;
}
