/**
 * The outbox export: when the commune has had no link for weeks, the officer saves every
 * event the server does not have yet (pending and failed alike) to a file signed with the device's
 * export key; upstream, `npm run admin -- import-outbox <file>` ingests it like a push. The items
 * stay in the outbox: a later online push of the same events is answered "duplicate" and changes
 * nothing.
 */
import { err, ok, type Result } from '../../domain/result';
import type { OutboxFile } from '../../protocol/outboxFile';
import { vnDate } from '../../domain/time/vnTime';
import { getMeta } from '../db/meta';
import type { MotCuaDb, StoredEvent } from '../db/schema';
import { wireEvent } from './push';

export async function buildOutboxFile(db: MotCuaDb, now: number = Date.now()): Promise<Result<OutboxFile>> {
  const device = await getMeta(db, 'device');
  if (!device) return err('sync:export.notEnrolled', 'the device is not enrolled');
  const items = await db.outbox.orderBy('deviceSeq').toArray();
  const stored = await db.events.bulkGet(items.map((i) => i.eventId));
  const events = stored.filter((e): e is StoredEvent => e !== undefined).map(wireEvent);
  // the file format (and its schemas) load only when an officer exports
  const { signOutboxFile, OUTBOX_FORMAT, OUTBOX_FILE_VERSION } = await import('../../protocol/outboxFile');
  const file = await signOutboxFile(device.exportKey, {
    format: OUTBOX_FORMAT,
    version: OUTBOX_FILE_VERSION,
    deviceId: device.deviceId,
    communeId: device.communeId,
    exportedAt: now,
    events,
  });
  return ok(file);
}

/** e.g. `motcua-outbox-xa-demo-2026-03-02-<device>.json` (the date in Vietnam time). */
export function outboxFileName(file: OutboxFile): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40);
  return `motcua-outbox-${safe(file.communeId)}-${vnDate(file.exportedAt)}-${safe(file.deviceId).slice(0, 8)}.json`;
}

/** Saves the file in the browser (a Blob and a temporary link). */
export function downloadOutboxFile(file: OutboxFile): void {
  const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = outboxFileName(file);
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds, signs and downloads; returns how many events the file holds. */
export async function exportOutbox(db: MotCuaDb, now: number = Date.now()): Promise<Result<{ events: number; fileName: string }>> {
  const file = await buildOutboxFile(db, now);
  if (!file.ok) return file;
  downloadOutboxFile(file.value);
  return ok({ events: file.value.events.length, fileName: outboxFileName(file.value) });
}
