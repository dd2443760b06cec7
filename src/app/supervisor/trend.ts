/** REP3, SAT2 over time: the on-time, early and satisfaction rates of the last N periods (domain numbers). */
import { bieu06 } from '../../domain/stats/bieu06';
import { indicatorEstimates, indicatorEstimatesFromNumbers } from '../../domain/stats/indicators';
import { lastPeriods, rangeOf, type Period, type PeriodKind, type PeriodMode } from '../../domain/stats/periods';
import { satisfaction } from '../../domain/stats/satisfaction';
import type { DossierState } from '../../domain/dossier/state';
import { vnDate } from '../../domain/time/vnTime';
import type { MotCuaDb } from '../db/schema';
import { periodNumbers } from './periodNumbers';
import { ratedStates } from './reportData';

export type TrendPoint = { readonly period: Period; readonly onTime: number | null; readonly early: number | null; readonly satisfaction: number | null; readonly dossiers: number };

/** `states`: every dossier received up to `asOf` (the current period is taken as of `asOf`): the reference, for tests. */
export function trend(states: readonly DossierState[], kind: PeriodKind, mode: PeriodMode, asOf: number, n = 12): TrendPoint[] {
  return lastPeriods(kind, mode, vnDate(asOf), n).map((period) => {
    const range = rangeOf(period, mode);
    const report = bieu06(states, range, { asOf });
    const est = indicatorEstimates(report.total, states, satisfaction(states, range).overall);
    return { period, onTime: est.onTimeRateEstimate.value, early: est.earlyRateEstimate.value, satisfaction: est.satisfactionRate.value, dossiers: est.dossiersInPeriod };
  });
}

/** The same points from the kept aggregates and the rated dossiers only (what the screen uses). */
export async function trendFromAggregates(db: MotCuaDb, kind: PeriodKind, mode: PeriodMode, asOf: number, n = 12): Promise<TrendPoint[]> {
  const rated = await ratedStates(db);
  return Promise.all(lastPeriods(kind, mode, vnDate(asOf), n).map(async (period) => {
    const range = rangeOf(period, mode);
    const numbers = await periodNumbers(db, { mode, period }, asOf);
    const est = indicatorEstimatesFromNumbers(numbers.total, rated, range, { asOf }, satisfaction(rated, range).overall);
    return { period, onTime: est.onTimeRateEstimate.value, early: est.earlyRateEstimate.value, satisfaction: est.satisfactionRate.value, dossiers: est.dossiersInPeriod };
  }));
}
