/**
 * SAT1: counts per level and the satisfaction rate = (very satisfied + satisfied) ÷ rated, overall,
 * per officer and per procedure. One rating per dossier (the fold keeps the first). The officer is
 * the one named by the rating (from the receipt QR), else the one who received the dossier.
 */
import type { RatingLevel } from '../dossier/events';
import type { DossierState } from '../dossier/state';
import { vnDate } from '../time/vnTime';
import { inRange, type DateRange } from './periods';
import { ratio } from './targets';

export type SatisfactionSummary = {
  readonly counts: Readonly<Record<RatingLevel, number>>;
  readonly rated: number;
  /** (very satisfied + satisfied) ÷ rated; null with no rating. */
  readonly rate: number | null;
};

export type SatisfactionReport = {
  readonly overall: SatisfactionSummary;
  readonly byOfficer: ReadonlyMap<string, SatisfactionSummary>;
  readonly byProcedure: ReadonlyMap<string, SatisfactionSummary>;
};

export function summarise(levels: readonly RatingLevel[]): SatisfactionSummary {
  const counts: Record<RatingLevel, number> = { verySatisfied: 0, satisfied: 0, dissatisfied: 0 };
  for (const l of levels) counts[l] += 1;
  return { counts, rated: levels.length, rate: ratio(counts.verySatisfied + counts.satisfied, levels.length) };
}

export const ratingOfficer = (s: DossierState): string => s.rating?.officerId ?? s.receivedBy;
export const ratingProcedure = (s: DossierState): string => s.rating?.procedureCode ?? s.procedureCode;

/** Ratings given in the range (by the Vietnam date of the rating), or all of them. */
export function satisfaction(states: Iterable<DossierState>, range?: DateRange): SatisfactionReport {
  const all: RatingLevel[] = [];
  const officer = new Map<string, RatingLevel[]>();
  const procedure = new Map<string, RatingLevel[]>();
  const push = (m: Map<string, RatingLevel[]>, k: string, l: RatingLevel) => {
    const list = m.get(k);
    if (list) list.push(l);
    else m.set(k, [l]);
  };
  for (const s of states) {
    if (!s.rating) continue;
    if (range && !inRange(vnDate(s.rating.at), range)) continue;
    all.push(s.rating.level);
    push(officer, ratingOfficer(s), s.rating.level);
    push(procedure, ratingProcedure(s), s.rating.level);
  }
  const sorted = (m: Map<string, RatingLevel[]>) =>
    new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, summarise(v)] as const));
  return { overall: summarise(all), byOfficer: sorted(officer), byProcedure: sorted(procedure) };
}
