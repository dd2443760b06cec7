/** The `sync` meta row: what the last run did, read by the status report and the sync panel. */
import { getMeta, setMeta, type SyncMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';

export const EMPTY_SYNC_META: SyncMeta = { lastSyncAt: null, lastAttemptAt: null, lastError: null, clockOffsetMs: null, pullProgress: null };

export async function readSyncMeta(db: MotCuaDb): Promise<SyncMeta> {
  return (await getMeta(db, 'sync')) ?? EMPTY_SYNC_META;
}

/** Read, merge, write in one transaction, so two writers never undo each other's fields. */
export async function updateSyncMeta(db: MotCuaDb, patch: Partial<SyncMeta>): Promise<SyncMeta> {
  return db.transaction('rw', db.meta, async () => {
    const next: SyncMeta = { ...(await readSyncMeta(db)), ...patch };
    if (patch.lastError === null) delete (next as { lastErrorParams?: unknown }).lastErrorParams;
    await setMeta(db, 'sync', next);
    return next;
  });
}
