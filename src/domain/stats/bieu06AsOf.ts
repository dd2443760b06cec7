/**
 * A period's report as of a moment before its end, from kept aggregates (bieu06Aggregates.ts),
 * which judge every period at its end E. `withAsOf` moves the dossiers whose cells may differ
 * between the moment and E: with no event after the moment, those due in between. Each caller
 * passes a superset its index reads cheaply (the server: legal due date in [moment, E); the
 * tablet: open and promised on or after the moment); a dossier judged alike at both is a no-op.
 */
import { cellsOf } from './bieu06';
import { emptyCounts, isZero, type AggregateReport } from './bieu06Aggregates';
import type { DateRange } from './periods';
import type { DossierState } from '../dossier/state';
import type { Instant } from '../time/vnTime';

/**
 * The report as of `asOf`, from kept numbers judged at the period's end E: `changed` are the
 * dossiers whose cells may differ between asOf and E (the caller's bound: with no event after
 * asOf, those due in [asOf, E)); each is moved from its cells at E to its cells at asOf.
 */
export function withAsOf(report: AggregateReport, changed: Iterable<DossierState>, range: DateRange, asOf: Instant): AggregateReport {
  const rows = new Map([...report.rows].map(([f, c]) => [f, { ...c }]));
  const total = { ...report.total };
  for (const s of changed) {
    let row = rows.get(s.fieldCode);
    if (!row) rows.set(s.fieldCode, (row = emptyCounts()));
    for (const c of cellsOf(s, range)) {
      row[c] -= 1;
      total[c] -= 1;
    }
    for (const c of cellsOf(s, range, { asOf })) {
      row[c] += 1;
      total[c] += 1;
    }
  }
  for (const [f, c] of rows) if (isZero(c)) rows.delete(f);
  return { rows, total };
}
