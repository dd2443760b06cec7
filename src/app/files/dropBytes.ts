/** PD4: drops the bytes the retention rules allow (domain files/retention.ts), keeping rows and thumbnails. */
import { cacheToEvict, DEFAULT_RETENTION_DAYS, DEFAULT_VIEW_CACHE_BYTES, mayDropCaptured } from '../../domain/files/retention';
import type { MotCuaDb } from '../db/schema';

/** Returns how many files lost their bytes. */
export async function dropExpiredBytes(
  db: MotCuaDb,
  now: number,
  retentionDays = DEFAULT_RETENTION_DAYS,
  cacheBytes = DEFAULT_VIEW_CACHE_BYTES,
): Promise<number> {
  const confirmed = (await db.files.where('uploadKind').equals('confirmed').toArray()).filter((f) => f.hasBytes === 1);
  const drop = new Set<string>();
  for (const f of confirmed.filter((x) => x.origin === 'local')) {
    const dossiers = await db.dossiers.bulkGet([...f.dossierIds]);
    if (
      mayDropCaptured(
        { origin: f.origin, upload: f.upload, hasBytes: true },
        dossiers.map((d) => d?.state),
        now,
        retentionDays,
      )
    )
      drop.add(f.sha256);
  }
  for (const sha of cacheToEvict(
    confirmed.filter((x) => x.origin === 'remote'),
    cacheBytes,
  ))
    drop.add(sha);
  if (drop.size === 0) return 0;
  await db.transaction('rw', db.files, db.fileBytes, async () => {
    // read again inside the transaction: a file confirmed a moment ago is still confirmed, never the reverse
    for (const f of await db.files.bulkGet([...drop])) {
      if (!f || f.upload.kind !== 'confirmed') {
        if (f) drop.delete(f.sha256);
        continue;
      }
      await Promise.all([db.fileBytes.delete(f.sha256), db.files.update(f.sha256, { hasBytes: 0 })]);
    }
  });
  return drop.size;
}
