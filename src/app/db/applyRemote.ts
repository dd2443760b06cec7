/**
 * Storing pulled events: each event once (its id is the key), every touched dossier folded on, our
 * own echoed events taken off the outbox, and the checkpoint moved, all in one transaction per
 * batch so a crash never keeps a checkpoint past unstored events.
 */
import { foldDossier, foldOnto } from '../../domain/dossier/fold';
import type { PulledEvent } from '../../protocol';
import { journalKeptChanges, noteKeptChanges } from './keptJournal';
import { toRow } from './projection';
import type { MotCuaDb, StoredEvent } from './schema';
import type { DossierState } from '../../domain/dossier/state';
import { getMeta, setMeta } from './meta';

/**
 * SYNC9 on the tablet: a dossier with a stored projection is folded on from it when the new
 * events sort after its last one; only otherwise are its stored events read and all folded again.
 * A dossier without a projection has no stored events (its intake comes first, SYNC4), except one
 * whose events came without their intake: those are remembered (meta `eventsWithoutIntake`) and
 * read again like the others.
 */
export async function applyPulledBatch(db: MotCuaDb, pulled: readonly PulledEvent[], next: number): Promise<{ stored: number }> {
  const applied = await applyInTx(db, pulled, next);
  noteKeptChanges(db);
  return applied;
}

function applyInTx(db: MotCuaDb, pulled: readonly PulledEvent[], next: number): Promise<{ stored: number }> {
  return db.transaction('rw', [db.events, db.dossiers, db.outbox, db.meta, db.keptChanges], async () => {
    // one round of reads: which events are here already, the page's projections, the dossiers with events and no projection
    const pageDossiers = [...new Set(pulled.map((p) => p.event.dossierId))];
    const [existing, stored, withoutIntake] = await Promise.all([
      db.events.bulkGet(pulled.map((p) => p.event.id)),
      db.dossiers.bulkGet(pageDossiers),
      getMeta(db, 'eventsWithoutIntake'),
    ]);
    const fresh: StoredEvent[] = [];
    const known: string[] = [];
    const freshOf = new Map<string, StoredEvent[]>();
    for (const [i, p] of pulled.entries()) {
      if (existing[i]) {
        known.push(p.event.id); // stored already: this device's own, or a page read again
        continue;
      }
      const e: StoredEvent = { ...p.event, serverSeq: p.serverSeq };
      fresh.push(e);
      const list = freshOf.get(e.dossierId);
      if (list) list.push(e);
      else freshOf.set(e.dossierId, [e]);
    }
    // only events this device already held can be its own, waiting in the outbox
    const writes: Promise<unknown>[] = [
      fresh.length ? db.events.bulkAdd(fresh) : Promise.resolve(),
      known.length ? db.outbox.bulkDelete(known) : Promise.resolve(),
    ];
    const before = new Map(pageDossiers.map((id, i) => [id, stored[i]?.state ?? null]));
    const orphans = new Set(withoutIntake ?? []);
    const after = new Map<string, DossierState | null>();
    const refold: string[] = [];
    for (const [id, events] of freshOf) {
      const was = before.get(id) ?? null;
      const onto = was ? foldOnto(was, events) : null;
      if (onto) after.set(id, onto);
      else if (!was && !orphans.has(id)) after.set(id, foldDossier(events));
      else refold.push(id);
    }
    if (refold.length > 0) {
      // read once the add above is done, in the same transaction: these lists hold the fresh events too
      await Promise.all(writes);
      const all = await Promise.all(refold.map((id) => db.events.where('dossierId').equals(id).toArray()));
      refold.forEach((id, i) => after.set(id, foldDossier(all[i] ?? [])));
    }
    const rows = [];
    const changes: [DossierState | null, DossierState | null][] = [];
    let orphansChanged = false;
    for (const [id, state] of after) {
      changes.push([before.get(id) ?? null, state]);
      if (state) {
        rows.push(toRow(state));
        orphansChanged = orphans.delete(id) || orphansChanged;
      } else if (!orphans.has(id)) {
        orphans.add(id);
        orphansChanged = true;
      }
    }
    await Promise.all([
      ...writes,
      rows.length ? db.dossiers.bulkPut(rows) : null,
      journalKeptChanges(db, changes),
      setMeta(db, 'checkpoint', next),
      orphansChanged ? setMeta(db, 'eventsWithoutIntake', [...orphans]) : null,
    ]);
    return { stored: fresh.length };
  });
}
