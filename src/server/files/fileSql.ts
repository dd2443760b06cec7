/** The SQL of the file store (migration 011), every statement scoped by commune. */
import type { DigitisedFile } from '../../domain/dossier/events';
import type { AttachedFile, DossierState } from '../../domain/dossier/state';
import { requeueNaming } from '../connector/queue';
import type { Database, Sql } from '../store/db';
import { lockCommune } from '../store/sql/rows';

export type UploadRow = { readonly size: number; readonly type: string; readonly received: number };
export type ObjectRow = { readonly size: number; readonly type: string; readonly uploadedBy: string; readonly uploadedAt: number };

const FILE_EVENTS = `type IN ('papersDigitised', 'resultDigitised')`;

/** The facts an event of this commune gives for this file, or null when none names it. */
export async function expectedFile(q: Sql, communeId: string, sha256: string): Promise<DigitisedFile | null> {
  const rows = await q.query<{ files: DigitisedFile[] }>(
    `SELECT payload->'files' AS files FROM events WHERE commune_id = $1 AND ${FILE_EVENTS} AND payload->'files' @> $2::jsonb LIMIT 1`,
    [communeId, JSON.stringify([{ sha256 }])],
  );
  return rows[0]?.files.find((f) => f.sha256 === sha256) ?? null;
}

export async function objectRow(q: Sql, communeId: string, sha256: string): Promise<ObjectRow | null> {
  const [r] = await q.query<{ size: number; type: string; uploaded_by: string; uploaded_at: number }>(
    'SELECT size, type, uploaded_by, uploaded_at FROM file_objects WHERE commune_id = $1 AND sha256 = $2',
    [communeId, sha256],
  );
  return r ? { size: Number(r.size), type: r.type, uploadedBy: r.uploaded_by, uploadedAt: Number(r.uploaded_at) } : null;
}

export async function uploadRow(q: Sql, communeId: string, sha256: string, forUpdate = false): Promise<UploadRow | null> {
  const [r] = await q.query<{ size: number; type: string; received: number }>(
    `SELECT size, type, received FROM file_uploads WHERE commune_id = $1 AND sha256 = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [communeId, sha256],
  );
  return r ? { size: Number(r.size), type: r.type, received: Number(r.received) } : null;
}

export async function createUpload(q: Sql, communeId: string, sha256: string, f: { size: number; type: string; deviceId: string; now: number }): Promise<void> {
  await q.query(
    `INSERT INTO file_uploads (commune_id, sha256, size, type, received, device_id, started_at, updated_at)
     VALUES ($1, $2, $3, $4, 0, $5, $6, $6) ON CONFLICT (commune_id, sha256) DO NOTHING`,
    [communeId, sha256, f.size, f.type, f.deviceId, f.now],
  );
}

/** Records a chunk whose bytes are already in the object store (so a crash between the two only leaves an object the retry overwrites). */
export async function appendChunk(q: Sql, communeId: string, sha256: string, offset: number, length: number, now: number): Promise<void> {
  await q.query('INSERT INTO file_chunks (commune_id, sha256, "offset", length) VALUES ($1, $2, $3, $4)', [communeId, sha256, offset, length]);
  await q.query('UPDATE file_uploads SET received = $3, updated_at = $4 WHERE commune_id = $1 AND sha256 = $2', [communeId, sha256, offset + length, now]);
}

/** The chunks received so far, in order. */
export async function chunkList(q: Sql, communeId: string, sha256: string): Promise<{ offset: number; length: number }[]> {
  const rows = await q.query<{ offset: number; length: number }>(
    'SELECT "offset", length FROM file_chunks WHERE commune_id = $1 AND sha256 = $2 ORDER BY "offset"',
    [communeId, sha256],
  );
  return rows.map((r) => ({ offset: Number(r.offset), length: Number(r.length) }));
}

export async function dropUpload(q: Sql, communeId: string, sha256: string): Promise<void> {
  await q.query('DELETE FROM file_uploads WHERE commune_id = $1 AND sha256 = $2', [communeId, sha256]);
}

const INSERT_OBJECT = `INSERT INTO file_objects (commune_id, sha256, size, type, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (commune_id, sha256) DO NOTHING`;

/**
 * Records a verified file; `withUpload`: its upload in progress ends in the same transaction. The
 * dossiers naming it go back in the portal's queue (CON15), under the store's per-commune writer
 * lock taken first, so the queue rows are touched in the store's order.
 */
export async function recordObject(db: Database, communeId: string, sha256: string, o: ObjectRow, withUpload = true): Promise<void> {
  const values = [communeId, sha256, o.size, o.type, o.uploadedBy, o.uploadedAt];
  await db.transaction(async (tx) => {
    await lockCommune(tx, communeId);
    await tx.query(INSERT_OBJECT, values);
    if (withUpload) await dropUpload(tx, communeId, sha256);
    await requeueNaming(tx, communeId, sha256);
  });
}

/** Whether the file is here (its row), whether an upload of it is under way, and what an event says of it, in one round trip. */
export async function fileRows(
  q: Sql,
  communeId: string,
  sha256: string,
): Promise<{ object: ObjectRow | null; uploading: boolean; expected: DigitisedFile | null }> {
  const [r] = await q.query<{
    size: number | null;
    type: string | null;
    uploaded_by: string | null;
    uploaded_at: number | null;
    uploading: boolean;
    files: DigitisedFile[] | null;
  }>(
    `SELECT o.size, o.type, o.uploaded_by, o.uploaded_at,
            EXISTS (SELECT 1 FROM file_uploads u WHERE u.commune_id = $1 AND u.sha256 = $2) AS uploading,
            (SELECT payload->'files' FROM events WHERE commune_id = $1 AND ${FILE_EVENTS} AND payload->'files' @> $3::jsonb LIMIT 1) AS files
     FROM (SELECT 1) one LEFT JOIN file_objects o ON o.commune_id = $1 AND o.sha256 = $2`,
    [communeId, sha256, JSON.stringify([{ sha256 }])],
  );
  const object = r && r.size !== null ? { size: Number(r.size), type: r.type!, uploadedBy: r.uploaded_by!, uploadedAt: Number(r.uploaded_at) } : null;
  return { object, uploading: r?.uploading ?? false, expected: r?.files?.find((f) => f.sha256 === sha256) ?? null };
}

/** The dossier's current files (its folded state: a paper's newer file replaces the older). */
export async function dossierFileList(q: Sql, communeId: string, code: string): Promise<AttachedFile[] | null> {
  const [r] = await q.query<{ files: AttachedFile[] | null }>(`SELECT state->'files' AS files FROM dossiers WHERE commune_id = $1 AND code = $2`, [
    communeId,
    code,
  ]);
  return r ? (r.files ?? []) : null;
}

export async function presentAmong(q: Sql, communeId: string, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await q.query<{ sha256: string }>('SELECT sha256 FROM file_objects WHERE commune_id = $1 AND sha256 = ANY($2::text[])', [
    communeId,
    [...sha256s],
  ]);
  return new Set(rows.map((r) => r.sha256));
}

/** Files named by events but not on the server, per device that attached them (ODK's "missing attachments"). */
export async function missingByDevice(q: Sql, communeId: string): Promise<Map<string, { files: number; bytes: number }>> {
  const rows = await q.query<{ device_id: string; files: number; bytes: number }>(
    `SELECT device_id, count(*)::int AS files, coalesce(sum(size), 0)::bigint AS bytes FROM (
       SELECT DISTINCT e.device_id, f->>'sha256' AS sha256, (f->>'size')::bigint AS size
       FROM events e CROSS JOIN LATERAL jsonb_array_elements(e.payload->'files') f
       WHERE e.commune_id = $1 AND e.${FILE_EVENTS}
         AND NOT EXISTS (SELECT 1 FROM file_objects o WHERE o.commune_id = e.commune_id AND o.sha256 = f->>'sha256')
     ) m GROUP BY device_id`,
    [communeId],
  );
  return new Map(rows.map((r) => [r.device_id, { files: Number(r.files), bytes: Number(r.bytes) }]));
}

/** The folded state of the dossier with this code in each of these communes (codes are unique within a commune). */
export async function dossierStatesByCode(q: Sql, communeIds: readonly string[], code: string): Promise<{ communeId: string; state: DossierState }[]> {
  if (communeIds.length === 0) return [];
  const rows = await q.query<{ commune_id: string; state: DossierState }>(
    'SELECT commune_id, state FROM dossiers WHERE commune_id = ANY($1::text[]) AND code = $2 ORDER BY commune_id',
    [[...communeIds], code],
  );
  return rows.map((r) => ({ communeId: r.commune_id, state: r.state }));
}
