/** The device's sync status, as it is reported on every exchange. */
import type { DeviceStatus } from '../../protocol';
import { getMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import { readSyncMeta } from './syncMeta';

/** Counts every item not yet on the server: pending, sending and failed alike. */
export async function pendingSummary(db: MotCuaDb): Promise<{ pendingCount: number; oldestPendingAt: number | null }> {
  const [pendingCount, oldest] = await Promise.all([db.outbox.count(), db.outbox.orderBy('deviceSeq').first()]);
  return { pendingCount, oldestPendingAt: oldest?.createdAt ?? null };
}

/** `clockOffsetMs` overrides the stored one when the engine measured a newer offset this run. */
export async function deviceStatus(db: MotCuaDb, appVersion: string, clockOffsetMs?: number | null): Promise<DeviceStatus> {
  const [pending, sync, persisted] = await Promise.all([pendingSummary(db), readSyncMeta(db), getMeta(db, 'storagePersisted')]);
  const offset = clockOffsetMs === undefined ? sync.clockOffsetMs : clockOffsetMs;
  return {
    pendingCount: pending.pendingCount,
    oldestPendingAt: pending.oldestPendingAt,
    lastError: sync.lastError === null ? null : sync.lastError.slice(0, 2000),
    appVersion: appVersion.slice(0, 100) || 'unknown',
    storagePersisted: persisted ?? null,
    clockOffsetMs: offset === null || !Number.isFinite(offset) ? null : Math.round(offset),
    lastSyncAt: sync.lastSyncAt,
  };
}
