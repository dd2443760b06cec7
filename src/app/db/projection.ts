/** The projection row of a dossier: its folded state plus the keys the screens query by. */
import { codeSearchKeys } from '../../domain/dossier/codes';
import { foldSearchKey } from '../../domain/text/searchKey';
import type { DossierState } from '../../domain/dossier/state';
import { runningDueAt } from '../../domain/timeliness/judge';
import { MAX_DUE, type DossierRow } from './schema';

/** Every word-start suffix of the folded name ("nguyen van an", "van an", "an"), so any word finds it. */
export function nameKeys(name: string): string[] {
  const words = foldSearchKey(name).split(' ').filter(Boolean);
  return words.map((_, i) => words.slice(i).join(' '));
}

export function searchKeys(s: DossierState): string[] {
  const keys = new Set<string>(nameKeys(s.applicant.name));
  for (const k of codeSearchKeys(s.code)) keys.add(k);
  if (s.applicant.idNumber) keys.add(s.applicant.idNumber.replace(/\s+/g, '').toLowerCase());
  if (s.applicant.phone) keys.add(s.applicant.phone.replace(/[^\d+]/g, ''));
  if (s.applicant.organisation) for (const k of nameKeys(s.applicant.organisation)) keys.add(k);
  return [...keys];
}

export function toRow(s: DossierState): DossierRow {
  return {
    id: s.id,
    state: s,
    status: s.status,
    open: s.endedAt === null ? 1 : 0,
    due: runningDueAt(s) ?? MAX_DUE,
    receivedAt: s.receivedAt,
    fieldCode: s.fieldCode,
    receivedBy: s.receivedBy,
    keys: searchKeys(s),
    conflict: s.conflicts.length > 0 ? 1 : 0,
    ...(s.rating ? { ratedAt: s.rating.at } : {}),
  };
}
