/**
 * Storing pulled events: each event once (its id is the key), every touched dossier folded again
 * from all its events, our own echoed events taken off the outbox, and the checkpoint moved, all
 * in one transaction per batch so a crash never keeps a checkpoint past unstored events.
 */
import { foldDossier } from '../../domain/dossier/fold';
import type { PulledEvent } from '../../protocol';
import { applyToAggregates } from './aggregates';
import { toRow } from './projection';
import type { MotCuaDb } from './schema';
import { setMeta } from './meta';

export async function applyPulledBatch(db: MotCuaDb, pulled: readonly PulledEvent[], next: number): Promise<{ stored: number }> {
  return db.transaction('rw', [db.events, db.dossiers, db.outbox, db.meta, db.reportAggregates], async () => {
    const ids = pulled.map((p) => p.event.id);
    const existing = await db.events.bulkGet(ids);
    const fresh = [];
    const seqUpdates = [];
    const touched = new Set<string>();
    for (const [i, p] of pulled.entries()) {
      const have = existing[i];
      if (!have) {
        fresh.push({ ...p.event, serverSeq: p.serverSeq });
        touched.add(p.event.dossierId);
      } else if (have.serverSeq === undefined) {
        seqUpdates.push({ ...have, serverSeq: p.serverSeq });
      }
    }
    if (fresh.length) await db.events.bulkAdd(fresh);
    if (seqUpdates.length) await db.events.bulkPut(seqUpdates);
    await db.outbox.bulkDelete(ids);
    const rows = [];
    const before = await db.dossiers.bulkGet([...touched]);
    for (const [i, dossierId] of [...touched].entries()) {
      const state = foldDossier(await db.events.where('dossierId').equals(dossierId).toArray());
      if (state) rows.push(toRow(state));
      await applyToAggregates(db.reportAggregates, before[i]?.state ?? null, state);
    }
    if (rows.length) await db.dossiers.bulkPut(rows);
    await setMeta(db, 'checkpoint', next);
    return { stored: fresh.length };
  });
}
