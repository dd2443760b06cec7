/** Kept counts (aggregates) in Dexie: read the rows of some keys, give each its new value, write back in bulk. */
import type { Table } from 'dexie';

/** `next` returns a row's new value, or null to delete it (a count back at zero), so kept rows equal a rebuild. */
export async function updateKeptRows<R>(
  table: Table<R, string>,
  keys: readonly string[],
  next: (current: R | undefined, key: string) => R | null,
  alreadyRead?: ReadonlyMap<string, R | undefined>,
): Promise<ReadonlyMap<string, R | undefined>> {
  if (keys.length === 0) return new Map();
  const unread = alreadyRead ? keys.filter((k) => !alreadyRead.has(k)) : keys;
  const fetched = unread.length > 0 ? await table.bulkGet([...unread]) : [];
  const byKey = new Map(alreadyRead);
  unread.forEach((k, i) => byKey.set(k, fetched[i]));
  const current = keys.map((k) => byKey.get(k));
  const puts: R[] = [];
  const deletes: string[] = [];
  const written = new Map<string, R | undefined>();
  for (const [i, key] of keys.entries()) {
    const row = next(current[i], key);
    written.set(key, row ?? undefined);
    if (row === null) deletes.push(key);
    else puts.push(row);
  }
  await Promise.all([puts.length ? table.bulkPut(puts) : null, deletes.length ? table.bulkDelete(deletes) : null]);
  return written;
}

/** The current rows of some keys, read ahead in the transaction that will update them (updateKeptRows' alreadyRead). */
export async function readKeptRows<R>(table: Table<R, string>, keys: readonly string[]): Promise<ReadonlyMap<string, R | undefined>> {
  const rows = keys.length > 0 ? await table.bulkGet([...keys]) : [];
  return new Map(keys.map((k, i) => [k, rows[i]]));
}
