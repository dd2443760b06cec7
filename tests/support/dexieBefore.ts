/** The tablet's IndexedDB as an older app left it, for migration tests. */
import Dexie from 'dexie';
import { MIGRATIONS } from '../../src/app/db/migrations';

/** A Dexie database named `name` with the schema of the versions below `version` (not opened yet). */
export function dexieBefore(version: number, name: string): Dexie {
  const db = new Dexie(name);
  for (const m of MIGRATIONS.filter((x) => x.version < version)) db.version(m.version).stores(m.stores);
  return db;
}
