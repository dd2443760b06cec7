/**
 * Encrypting the rows an older app version stored in the clear (Dexie migration 10). A migration
 * runs when the database opens, before any sign-in, so it cannot encrypt: it only records that
 * the tables must be swept. After the next sign-in this walks events, dossiers and drafts by
 * primary key, one transaction per batch (re-putting a clear row through sealMiddleware seals it),
 * remembering where it stopped, so a closed tab resumes where it was and nothing is lost.
 * Migration 15 asks for the dossiers to be re-sealed too (`resealDossiers`: sealed rows put back
 * as well, so their blind keys are made anew in the chained format).
 */
import type { MotCuaDb } from '../db/schema';
import { openedFromSealed } from './sealMiddleware';
import { vaultState } from './vault';

export const SWEEP_META = 'privacy.sweep';
export const SWEPT_TABLES = ['events', 'dossiers', 'drafts'] as const;
export type SweepPosition = { readonly table: (typeof SWEPT_TABLES)[number]; readonly after: string | null; readonly resealDossiers?: true };

export async function sweepPending(db: MotCuaDb): Promise<boolean> {
  return (await db.meta.get(SWEEP_META)) !== undefined;
}

/** Seals every clear row left (and re-seals the dossiers when asked); returns how many were written. Stops (to resume later) if the vault locks. */
export async function sweepClearRows(db: MotCuaDb, batch = 200): Promise<number> {
  let sealed = 0;
  for (;;) {
    if (vaultState() !== 'open') return sealed;
    const done = await db.transaction('rw', [db.events, db.dossiers, db.drafts, db.meta], async () => {
      const pos = (await db.meta.get(SWEEP_META))?.value as SweepPosition | undefined;
      if (!pos) return true;
      const table = db.table<{ id: string }, string>(pos.table);
      const rows = await (pos.after === null ? table.orderBy(':id') : table.where(':id').above(pos.after)).limit(batch).toArray();
      const clear = pos.resealDossiers && pos.table === 'dossiers' ? rows : rows.filter((r) => !openedFromSealed.has(r));
      if (clear.length > 0) await table.bulkPut(clear);
      sealed += clear.length;
      const nextTable = SWEPT_TABLES[SWEPT_TABLES.indexOf(pos.table) + 1];
      // the re-seal flag goes with the sweep up to the end of the dossiers
      const reseal = pos.resealDossiers && nextTable === 'dossiers' ? ({ resealDossiers: true } as const) : {};
      const next: SweepPosition | null =
        rows.length === batch ? { ...pos, after: rows.at(-1)!.id } : nextTable ? { table: nextTable, after: null, ...reseal } : null;
      if (next) await db.meta.put({ key: SWEEP_META, value: next });
      else await db.meta.delete(SWEEP_META);
      return next === null;
    });
    if (done) return sealed;
  }
}
