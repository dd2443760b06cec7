/** The trend by the domain over every dossier: the reference the screen's aggregate-based trend is checked against. */
import type { TrendPoint } from '../../../src/app/supervisor/trend';
import type { DossierState } from '../../../src/domain/dossier/state';
import { bieu06 } from '../../../src/domain/stats/bieu06';
import { indicatorEstimates } from '../../../src/domain/stats/indicators';
import { lastPeriods, rangeOf, type PeriodKind, type PeriodMode } from '../../../src/domain/stats/periods';
import { satisfaction } from '../../../src/domain/stats/satisfaction';
import { vnDate } from '../../../src/domain/time/vnTime';

export function trendOverEveryDossier(states: readonly DossierState[], kind: PeriodKind, mode: PeriodMode, asOf: number, n = 12): TrendPoint[] {
  return lastPeriods(kind, mode, vnDate(asOf), n).map((period) => {
    const range = rangeOf(period, mode);
    const est = indicatorEstimates(bieu06(states, range, { asOf }).total, states, satisfaction(states, range).overall);
    return {
      period,
      onTime: est.onTimeRateEstimate.value,
      early: est.earlyRateEstimate.value,
      satisfaction: est.satisfactionRate.value,
      dossiers: est.dossiersInPeriod,
    };
  });
}
