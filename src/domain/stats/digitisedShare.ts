/**
 * IND1, REP3: the digitised share of a period, in total, per field and per officer.
 * - dossiers: those taken in during the period (not refused); digitised = every paper received
 *   had its file by the period's end (DIG1, REP1a);
 * - results: dossiers resolved or returned during the period; digitised = a result file by then.
 * Target 100 % for both (REP3). An estimate of Decision 766's measure, like the other indicators.
 */
import type { DossierState } from '../dossier/state';
import { digitisationOf } from '../files/digitisation';
import { addDays, startOfVnDay, vnDate } from '../time/vnTime';
import { inRange, type DateRange } from './periods';
import { measured, ratio, type Measured } from './targets';

/** REP3: 100 % of dossiers and results digitised. */
export const DIGITISED_TARGET = 1;

export type DigitisedCounts = {
  readonly dossiers: number;
  readonly dossiersDigitised: number;
  readonly results: number;
  readonly resultsDigitised: number;
};

export type DigitisedShare = DigitisedCounts & { readonly dossierShare: Measured; readonly resultShare: Measured };

export type DigitisedReport = {
  readonly total: DigitisedShare;
  readonly byField: ReadonlyMap<string, DigitisedShare>;
  readonly byOfficer: ReadonlyMap<string, DigitisedShare>;
};

const EMPTY: DigitisedCounts = { dossiers: 0, dossiersDigitised: 0, results: 0, resultsDigitised: 0 };

function share(c: DigitisedCounts): DigitisedShare {
  return {
    ...c,
    dossierShare: measured(ratio(c.dossiersDigitised, c.dossiers), DIGITISED_TARGET),
    resultShare: measured(ratio(c.resultsDigitised, c.results), DIGITISED_TARGET),
  };
}

/** What one dossier adds to a period's counts. */
export function digitisedCountsOf(s: DossierState, range: DateRange): DigitisedCounts {
  const endOfRange = startOfVnDay(addDays(range.to, 1)) - 1;
  const d = digitisationOf(s, endOfRange);
  const takenIn = s.intakeOutcome !== 'refused' && inRange(vnDate(s.receivedAt), range);
  const resultAt = s.resolvedAt ?? s.returnedAt;
  const result = resultAt !== null && inRange(vnDate(resultAt), range);
  return {
    dossiers: takenIn ? 1 : 0,
    dossiersDigitised: takenIn && d.fully ? 1 : 0,
    results: result ? 1 : 0,
    resultsDigitised: result && d.resultFile !== null ? 1 : 0,
  };
}

const add = (a: DigitisedCounts, b: DigitisedCounts): DigitisedCounts => ({
  dossiers: a.dossiers + b.dossiers,
  dossiersDigitised: a.dossiersDigitised + b.dossiersDigitised,
  results: a.results + b.results,
  resultsDigitised: a.resultsDigitised + b.resultsDigitised,
});

export function digitisedReport(states: Iterable<DossierState>, range: DateRange): DigitisedReport {
  let total = EMPTY;
  const byField = new Map<string, DigitisedCounts>();
  const byOfficer = new Map<string, DigitisedCounts>();
  for (const s of states) {
    const c = digitisedCountsOf(s, range);
    if (c.dossiers === 0 && c.results === 0) continue;
    total = add(total, c);
    byField.set(s.fieldCode, add(byField.get(s.fieldCode) ?? EMPTY, c));
    byOfficer.set(s.receivedBy, add(byOfficer.get(s.receivedBy) ?? EMPTY, c));
  }
  const shares = (m: Map<string, DigitisedCounts>) => new Map([...m].map(([k, v]) => [k, share(v)]));
  return { total: share(total), byField: shares(byField), byOfficer: shares(byOfficer) };
}
