/**
 * The period report's numbers from the kept aggregates (db/aggregates), not from every dossier:
 * a few hundred rows for a past period. For the current one the kept rows judge open dossiers at
 * the period's end, so those not overdue yet as of now (promised date ≥ now: a superset of the
 * ones whose cells differ) are judged again (withAsOf). The drill-down still reads the dossiers,
 * but only when a number is opened.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import Dexie from 'dexie';
import { numbersOf, reportEnd, type Bieu06Numbers } from '../../domain/stats/bieu06';
import { monthsOf, reportFromAggregates, type AggregateReport } from '../../domain/stats/bieu06Aggregates';
import { withAsOf } from '../../domain/stats/bieu06AsOf';
import type { DateRange } from '../../domain/stats/periods';
import { keptAggregateRowsUpTo } from '../db/keptJournal';
import type { MotCuaDb } from '../db/schema';
import { useServices } from '../shell/services';
import { choiceRange, type PeriodChoice } from './periodChoice';

export type PeriodNumbers = { readonly range: DateRange; readonly rows: readonly Bieu06Numbers[]; readonly total: Bieu06Numbers };

export async function periodNumbers(db: MotCuaDb, choice: PeriodChoice, now: number): Promise<PeriodNumbers> {
  const range = choiceRange(choice);
  const last = monthsOf(choice.period).at(-1) ?? 0;
  let report: AggregateReport = reportFromAggregates(await keptAggregateRowsUpTo(db, choice.mode, last), choice.period, choice.mode);
  if (reportEnd(range, now) < reportEnd(range)) {
    const notYetDue = await db.dossiers.where('[open+due+id]').between([1, now, Dexie.minKey], [1, Infinity, Dexie.maxKey]).toArray();
    report = withAsOf(
      report,
      notYetDue.map((r) => r.state),
      range,
      now,
    );
  }
  const rows = [...report.rows.entries()].map(([field, counts]) => numbersOf(field, counts));
  return { range, rows, total: numbersOf('', report.total) };
}

export function usePeriodNumbers(choice: PeriodChoice, now: number): PeriodNumbers | undefined {
  const { db } = useServices();
  return useLiveQuery(() => periodNumbers(db, choice, now), [db, choice.mode, choice.period.kind, choice.period.year, choice.period.index, now]);
}
