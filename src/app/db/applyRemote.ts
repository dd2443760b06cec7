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
    const fresh: StoredEvent[] = [];
    const seqUpdates: StoredEvent[] = [];
    const known: string[] = [];
    const touched = new Set<string>();
    for (const [i, p] of pulled.entries()) {
      const have = existing[i];
      if (!have) {
        fresh.push({ ...p.event, serverSeq: p.serverSeq });
        touched.add(p.event.dossierId);
      } else {
        known.push(p.event.id);
        if (have.serverSeq === undefined) seqUpdates.push({ ...have, serverSeq: p.serverSeq });
      }
    }
    // Every touched dossier folded again from all its events: the ones stored before this page (one
    // index range read each, issued together) and the fresh ones in hand.
    const dossierIds = [...touched];
    const [before, older] = await Promise.all([
      db.dossiers.bulkGet(dossierIds),
      Promise.all(dossierIds.map((id) => db.events.where('dossierId').equals(id).toArray())),
    ]);
    // only events this device already held can be its own, waiting in the outbox
    await Promise.all([
      fresh.length ? db.events.bulkAdd(fresh) : null,
      seqUpdates.length ? db.events.bulkPut(seqUpdates) : null,
      known.length ? db.outbox.bulkDelete(known) : null,
    ]);
    const byDossier = new Map<string, StoredEvent[]>(dossierIds.map((id, i) => [id, older[i] ?? []]));
    for (const e of fresh) byDossier.get(e.dossierId)?.push(e);
    const rows = [];
    const changes: [DossierState | null, DossierState | null][] = [];
    for (const [i, dossierId] of dossierIds.entries()) {
      const state = foldDossier(byDossier.get(dossierId) ?? []);
      if (state) rows.push(toRow(state));
      changes.push([before[i]?.state ?? null, state]);
    }
    await Promise.all([
      rows.length ? db.dossiers.bulkPut(rows) : null,
      applyToAggregates(db.reportAggregates, changes),
      applyToOpenDays(db.openDays, changes),
      setMeta(db, 'checkpoint', next),
    ]);
    return { stored: fresh.length };
  });
}
