/**
 * Retention on the tablet (RET1-RET2): closed dossiers whose events the server has all
 * confirmed lose their personal data after the commune's period. Events are rewritten without it
 * and the projection is folded again from them (reports do not change: they read no personal
 * field); the row is marked `purgedAt` so the dossier screen says the details are kept upstream.
 * One transaction per dossier: an interrupted run leaves every dossier whole or purged. Then the
 * digitised files of purged dossiers lose their bytes and thumbnails (RET4).
 */
import { foldDossier } from '../../domain/dossier/fold';
import { DEFAULT_RETENTION_DAYS, retentionDue, withoutPersonalData } from '../../domain/privacy/retention';
import { toRow } from '../db/projection';
import type { DossierRow, MotCuaDb } from '../db/schema';
import type { UsersDoc } from '../../protocol';

export type PurgedRow = DossierRow & { readonly purgedAt?: number };

export async function retentionDays(db: MotCuaDb): Promise<number> {
  const users = (await db.meta.get('users'))?.value as { body?: UsersDoc } | undefined;
  return users?.body?.retentionDays ?? DEFAULT_RETENTION_DAYS;
}

/** Purges every due dossier; returns their ids. Closed dossiers are found through the [open+receivedAt+id] index. */
export async function applyRetention(db: MotCuaDb, now: number, days?: number): Promise<string[]> {
  const period = days ?? (await retentionDays(db));
  const closed = (await db.dossiers.where('[open+receivedAt+id]').between([0, -Infinity, ''], [0, Infinity, '\uffff']).toArray()) as PurgedRow[];
  const purged: string[] = [];
  for (const row of closed) {
    if (row.purgedAt !== undefined || !retentionDue(row.state, true, now, period)) continue;
    const done = await db.transaction('rw', [db.events, db.dossiers, db.outbox], async () => {
      const events = await db.events.where('dossierId').equals(row.id).toArray();
      const pending = await db.outbox.filter((o) => o.dossierId === row.id).count();
      // RET2: nothing left to send: an event of this device leaves the outbox only when the server
      // has it, and every other event came from the server
      if (pending > 0) return false;
      const stripped = events.map((e) => ({ ...withoutPersonalData(e), serverSeq: e.serverSeq }));
      const state = foldDossier(stripped);
      if (!state) return false;
      await db.events.bulkPut(stripped);
      await db.dossiers.put({ ...toRow(state), purgedAt: now } as PurgedRow);
      return true;
    });
    if (done) purged.push(row.id);
  }
  const purgedIds = new Set([...closed.filter((r) => r.purgedAt !== undefined).map((r) => r.id), ...purged]);
  await dropPurgedFiles(db, purgedIds);
  return purged;
}

/**
 * RET4 (RET2, PD4a): a file of purged dossiers loses its sealed bytes and its thumbnail on the
 * tablet once the server has confirmed it and every dossier holding it is purged; the row stays
 * (name, size, pages: no personal data) so the dossier page lists the paper and fetches it when
 * opened online. Returns how many files lost something.
 */
export async function dropPurgedFiles(db: MotCuaDb, purgedIds: ReadonlySet<string>): Promise<number> {
  if (purgedIds.size === 0) return 0;
  const candidates = await db.files
    .where('dossierIds')
    .anyOf([...purgedIds])
    .distinct()
    .toArray();
  const due = candidates.filter((f) => f.upload.kind === 'confirmed' && (f.hasBytes === 1 || f.thumb !== null) && f.dossierIds.every((d) => purgedIds.has(d)));
  if (due.length === 0) return 0;
  return db.transaction('rw', db.files, db.fileBytes, async () => {
    let n = 0;
    // read again inside the transaction: only what is still confirmed goes
    for (const f of await db.files.bulkGet(due.map((x) => x.sha256))) {
      if (!f || f.upload.kind !== 'confirmed' || !f.dossierIds.every((d) => purgedIds.has(d))) continue;
      await Promise.all([db.fileBytes.delete(f.sha256), db.files.update(f.sha256, { hasBytes: 0, thumb: null })]);
      n++;
    }
    return n;
  });
}
