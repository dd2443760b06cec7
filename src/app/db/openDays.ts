/** The kept open-dossier counts per promised day (domain/timeliness/openByDay), in Dexie. */
import type { Table } from 'dexie';
import type { DossierState } from '../../domain/dossier/state';
import { computeOpenDays, openDayChanges, type OpenDayRow } from '../../domain/timeliness/openByDay';
import { updateKeptRows } from './keptRows';

/** Call in the transaction that writes the projections; rows that fall to zero are deleted. */
export async function applyToOpenDays(
  table: Table<OpenDayRow, string>,
  pairs: Iterable<readonly [DossierState | null, DossierState | null]>,
  alreadyRead?: ReadonlyMap<string, OpenDayRow | undefined>,
): Promise<ReadonlyMap<string, OpenDayRow | undefined>> {
  const changes = openDayChanges(pairs);
  return updateKeptRows(
    table,
    [...changes.keys()],
    (row, key) => {
      const { delta, ...slot } = changes.get(key)!;
      const n = (row?.n ?? 0) + delta;
      return n <= 0 ? null : { ...slot, n };
    },
    alreadyRead,
  );
}

export async function rebuildOpenDays(table: Table<OpenDayRow, string>, states: Iterable<DossierState>): Promise<number> {
  const rows = computeOpenDays(states);
  await table.clear();
  await table.bulkPut(rows);
  return rows.length;
}
