/** Kept counts (aggregates) in Dexie: read the rows of some keys, give each its new value, write back in bulk. */
import type { Table } from 'dexie';

/** `next` returns a row's new value, or null to delete it (a count back at zero), so kept rows equal a rebuild. */
export async function updateKeptRows<R>(
  table: Table<R, string>,
  keys: readonly string[],
  next: (current: R | undefined, key: string) => R | null,
): Promise<void> {
  if (keys.length === 0) return;
  const current = await table.bulkGet([...keys]);
  const puts: R[] = [];
  const deletes: string[] = [];
  for (const [i, key] of keys.entries()) {
    const row = next(current[i], key);
    if (row === null) deletes.push(key);
    else puts.push(row);
  }
  await Promise.all([puts.length ? table.bulkPut(puts) : null, deletes.length ? table.bulkDelete(deletes) : null]);
}
