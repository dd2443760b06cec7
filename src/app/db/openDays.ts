/** The kept open-dossier counts per promised day (domain/timeliness/openByDay), in Dexie. */
import type { Table } from 'dexie';
import type { DossierState } from '../../domain/dossier/state';
import { computeOpenDays, openDayChanges, type OpenDayRow } from '../../domain/timeliness/openByDay';

/** Call in the transaction that writes the projections; rows that fall to zero are deleted. */
export async function applyToOpenDays(table: Table<OpenDayRow, string>, pairs: Iterable<readonly [DossierState | null, DossierState | null]>): Promise<void> {
  const changes = openDayChanges(pairs);
  if (changes.size === 0) return;
  const keys = [...changes.keys()];
  const current = await table.bulkGet(keys);
  const puts: OpenDayRow[] = [];
  const deletes: string[] = [];
  for (const [i, key] of keys.entries()) {
    const { delta, ...slot } = changes.get(key)!;
    const n = (current[i]?.n ?? 0) + delta;
    if (n <= 0) deletes.push(key);
    else puts.push({ ...slot, n });
  }
  await Promise.all([puts.length ? table.bulkPut(puts) : null, deletes.length ? table.bulkDelete(deletes) : null]);
}

export async function rebuildOpenDays(table: Table<OpenDayRow, string>, states: Iterable<DossierState>): Promise<number> {
  const rows = computeOpenDays(states);
  await table.clear();
  await table.bulkPut(rows);
  return rows.length;
}
