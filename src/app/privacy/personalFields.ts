/**
 * Which parts of a stored row are personal (PD1, PD4): the applicant, free text
 * a person wrote (notes, reasons, the citizen's comment), and the search terms made from them.
 * Everything else (code, procedure, dates, status, officer ids, counts) stays in the clear for
 * indexes and reports.
 */
import type { DossierState } from '../../domain/dossier/state';
import { nameKeys } from '../db/projection';

/** Parts of a dossier's folded state sealed as one blob (the citizen's comment is taken out of the rating, whose level reports need). */
export const PERSONAL_STATE_KEYS = ['applicant', 'note', 'closingReason'] as const;
export type PersonalStateKey = (typeof PERSONAL_STATE_KEYS)[number];
type Personal = Partial<Pick<DossierState, PersonalStateKey>> & { ratingComment?: string };

export function splitState(s: DossierState): [kept: Record<string, unknown>, personal: Personal] {
  const kept: Record<string, unknown> = { ...s };
  const personal: Record<string, unknown> = {};
  for (const k of PERSONAL_STATE_KEYS) {
    if (k in kept) personal[k] = kept[k];
    delete kept[k];
  }
  if (s.rating && s.rating.comment !== undefined) {
    const { comment, ...level } = s.rating;
    kept.rating = level;
    personal.ratingComment = comment;
  }
  return [kept, personal as Personal];
}

export function joinState(kept: Record<string, unknown>, personal: Personal): Record<string, unknown> {
  const { ratingComment, ...rest } = personal;
  const state: Record<string, unknown> = { ...kept, ...rest };
  if (ratingComment !== undefined && state.rating) state.rating = { ...(state.rating as object), comment: ratingComment };
  return state;
}

/** The search terms of a dossier that come from personal data (the rest of `keys` are its code). */
export function personalTerms(s: Pick<DossierState, 'applicant'>): string[] {
  const a = s.applicant;
  const terms = new Set<string>(a?.name ? nameKeys(a.name) : []);
  if (a?.organisation) for (const k of nameKeys(a.organisation)) terms.add(k);
  if (a?.idNumber) terms.add(a.idNumber.replace(/\s+/g, '').toLowerCase());
  if (a?.phone) terms.add(a.phone.replace(/[^\d+]/g, ''));
  return [...terms];
}
