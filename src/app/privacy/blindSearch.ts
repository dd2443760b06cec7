/**
 * Search over the blind index: the query's folded key is looked up as today among the clear keys
 * (dossier codes, `startsWith`) and, while the vault is open, as the start of the chained blind
 * keys (rowCrypto.ts chainKey: one per personal term, every prefix of it a prefix of its key), so
 * the same queries find the same dossiers without any clear name, ID number or phone on disk.
 */
import type { Collection } from 'dexie';
import type { DossierRow, MotCuaDb } from '../db/schema';
import { personalTerms } from './personalFields';
import { blindKey, chainKey, CHAIN_MAX, isBlindKey } from './rowCrypto';
import { rowKeysNow } from './vault';
import { SWEEP_META, type SweepPosition } from './sweep';

/**
 * Rows sealed before the chained keys carry one key per prefix (rowCrypto.ts blindKey) until the
 * re-seal that Dexie migration 15 asks of the sweep has run; until then a search looks those up too.
 */
export async function legacyBlindKeysLeft(db: MotCuaDb): Promise<boolean> {
  return ((await db.meta.get(SWEEP_META))?.value as SweepPosition | undefined)?.resealDossiers === true;
}

/** Dossiers with a search key starting with `key` (already folded); `legacyKeys` from legacyBlindKeysLeft. */
export function dossiersWithKeyPrefix(db: MotCuaDb, key: string, legacyKeys: boolean): Collection<DossierRow, string> {
  const clear = db.dossiers.where('keys').startsWith(key);
  const k = rowKeysNow();
  if (!k) return clear.distinct();
  let c = clear.or('keys').startsWith(chainKey(k, key));
  if (legacyKeys) c = c.or('keys').equals(blindKey(k, key.slice(0, CHAIN_MAX)));
  // a chained key covers the first CHAIN_MAX characters and two links may collide: each row found is checked on its opened terms
  return c.distinct().filter((r) => r.keys.some((x) => !isBlindKey(x) && x.startsWith(key)) || personalTerms(r.state).some((t) => t.startsWith(key)));
}
