/**
 * Search over the blind index: the query's folded key is looked up as today among
 * the clear keys (dossier codes, `startsWith`) and, while the vault is open, as the blind key of
 * its first BLIND_PREFIX_MAX characters (every prefix of every personal term is indexed), so the
 * same queries find the same dossiers without any clear name, ID number or phone on disk.
 */
import type { Collection } from 'dexie';
import type { DossierRow, MotCuaDb } from '../db/schema';
import { BLIND_PREFIX_MAX, personalTerms } from './personalFields';
import { blindKey } from './rowCrypto';
import { rowKeysNow } from './vault';

/** Dossiers with a search key starting with `key` (already folded). */
export function dossiersWithKeyPrefix(db: MotCuaDb, key: string): Collection<DossierRow, string> {
  const clear = db.dossiers.where('keys').startsWith(key);
  const k = rowKeysNow();
  if (!k) return clear.distinct();
  const c = clear
    .or('keys')
    .equals(blindKey(k, key.slice(0, BLIND_PREFIX_MAX)))
    .distinct();
  if (key.length <= BLIND_PREFIX_MAX) return c;
  // the blind key matched the first characters only: check the whole key on the opened row
  return c.filter((r) => r.keys.some((x) => x.startsWith(key)) || personalTerms(r.state).some((t) => t.startsWith(key)));
}
