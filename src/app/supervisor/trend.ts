/** REP3, SAT2 over time: the on-time, early and satisfaction rates of the last N periods (domain numbers). */
import { indicatorEstimatesFromNumbers } from '../../domain/stats/indicators';
import { lastPeriods, rangeOf, type Period, type PeriodKind, type PeriodMode } from '../../domain/stats/periods';
import { satisfaction } from '../../domain/stats/satisfaction';
import { vnDate } from '../../domain/time/vnTime';
import type { MotCuaDb } from '../db/schema';
import { periodNumbers } from './periodNumbers';
import { ratedStates } from './reportData';

export type TrendPoint = {
  readonly period: Period;
  readonly onTime: number | null;
  readonly early: number | null;
  readonly satisfaction: number | null;
  readonly dossiers: number;
};

/** The last `n` periods' points, from the kept aggregates and the rated dossiers only (never every dossier). */
export async function trend(db: MotCuaDb, kind: PeriodKind, mode: PeriodMode, asOf: number, n = 12): Promise<TrendPoint[]> {
  const rated = await ratedStates(db);
  return Promise.all(
    lastPeriods(kind, mode, vnDate(asOf), n).map(async (period) => {
      const range = rangeOf(period, mode);
      const numbers = await periodNumbers(db, { mode, period }, asOf);
      const est = indicatorEstimatesFromNumbers(numbers.total, rated, range, { asOf }, satisfaction(rated, range).overall);
      return {
        period,
        onTime: est.onTimeRateEstimate.value,
        early: est.earlyRateEstimate.value,
        satisfaction: est.satisfactionRate.value,
        dossiers: est.dossiersInPeriod,
      };
    }),
  );
}
