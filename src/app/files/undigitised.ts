/**
 * The work queue's "chưa số hóa đủ" (DIG1): open dossiers with a paper still without a file, by
 * due date. Read from the open-dossier index and filtered with the domain rule; open dossiers are
 * the counter's working set (hundreds to a few thousand), so no extra index is kept for it.
 */
import { needsDigitising } from '../../domain/files/digitisation';
import type { DossierRow, MotCuaDb } from '../db/schema';

export const UNDIGITISED_PAGE = 200;

export async function undigitisedOpen(db: MotCuaDb, limit = UNDIGITISED_PAGE): Promise<DossierRow[]> {
  return db.dossiers
    .where('[open+due+id]')
    .between([1, -Infinity, ''], [1, Infinity, '\uffff'])
    .filter((r) => needsDigitising(r.state))
    .limit(limit)
    .toArray();
}
