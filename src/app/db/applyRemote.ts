/**
 * Storing pulled events: each event once (its id is the key), every touched dossier folded again
 * from all its events, our own echoed events taken off the outbox, and the checkpoint moved, all
 * in one transaction per batch so a crash never keeps a checkpoint past unstored events.
 */
import { foldDossier } from '../../domain/dossier/fold';
import type { PulledEvent } from '../../protocol';
import { applyToAggregates } from './aggregates';
import { applyToOpenDays } from './openDays';
import { toRow } from './projection';
import type { MotCuaDb, StoredEvent } from './schema';
import type { DossierState } from '../../domain/dossier/state';
import { setMeta } from './meta';

export async function applyPulledBatch(db: MotCuaDb, pulled: readonly PulledEvent[], next: number): Promise<{ stored: number }> {
  return db.transaction('rw', [db.events, db.dossiers, db.outbox, db.meta, db.reportAggregates, db.openDays], async () => {
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
    // every touched dossier folded again from all its events: read in one query, written in bulk
    const dossierIds = [...touched];
    const [before, all] = await Promise.all([db.dossiers.bulkGet(dossierIds), db.events.where('dossierId').anyOf(dossierIds).toArray()]);
    const byDossier = new Map<string, StoredEvent[]>();
    for (const e of all) {
      const list = byDossier.get(e.dossierId);
      if (list) list.push(e);
      else byDossier.set(e.dossierId, [e]);
    }
    const rows = [];
    const changes: [DossierState | null, DossierState | null][] = [];
    for (const [i, dossierId] of dossierIds.entries()) {
      const state = foldDossier(byDossier.get(dossierId) ?? []);
      if (state) rows.push(toRow(state));
      changes.push([before[i]?.state ?? null, state]);
    }
    await Promise.all([rows.length ? db.dossiers.bulkPut(rows) : null, applyToAggregates(db.reportAggregates, changes), applyToOpenDays(db.openDays, changes)]);
    await setMeta(db, 'checkpoint', next);
    return { stored: fresh.length };
  });
}
