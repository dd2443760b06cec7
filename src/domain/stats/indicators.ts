/**
 * IND1, REP3, SAT2: ESTIMATES of the parts of the Decision 766/QĐ-TTg service index that the
 * counter can compute, with the commune plan's targets. They are not the official index: that one
 * is computed upstream and also scores online payment, digitisation and portal data.
 *
 * All from one Biểu 06 row (so every number can be drilled down to its dossiers):
 * - dossiers in the period = resolved + in progress (withdrawn and stopped dossiers have no
 *   timeliness to judge and are left out);
 * - on-time rate = (resolved early or on time + in progress within time − those after a second
 *   supplement request, which Decision 766 counts late, DUE4) ÷ dossiers in the period;
 * - early rate = resolved early ÷ resolved;
 * - online share = received online ÷ newly received;
 * - satisfaction rate (SAT1) = satisfied ratings ÷ ratings given in the range;
 * - satisfaction estimate (IND1) = 1 − (late rate + share of the period's dossiers with a
 *   negative rating), late rate = (resolved late + in progress overdue + late by a second
 *   supplement request) ÷ dossiers in the period;
 *   floored at 0; full marks at ≥ 90 %.
 */
import type { DossierState } from '../dossier/state';
import { cellsOf, idsOf, type Bieu06Numbers, type Bieu06Options, type Bieu06Row } from './bieu06';
import type { DateRange } from './periods';
import type { SatisfactionSummary } from './satisfaction';
import { DEFAULT_TARGETS, measured, ratio, type Measured, type Targets } from './targets';

/** What a rate is out of, so rates side by side say their own denominators (a rate = part ÷ whole). */
export type Fraction = { readonly part: number; readonly whole: number };

export type IndicatorEstimates = {
  readonly dossiersInPeriod: number;
  /** Decision 766: good by dates but late for a second supplement request (drill down: column secondSupplement.total). */
  readonly lateBySecondSupplement: number;
  /**
   * Each rate's numerator and denominator: on-time, late and negative are out of the period's
   * dossiers, early out of the resolved ones, online out of the newly received, satisfaction out
   * of the ratings given.
   */
  readonly basis: {
    readonly onTime: Fraction;
    readonly early: Fraction;
    readonly online: Fraction;
    readonly late: Fraction;
    readonly negative: Fraction;
    readonly satisfaction: Fraction;
  };
  readonly onTimeRateEstimate: Measured;
  readonly earlyRateEstimate: Measured;
  /** No target in the plans: `met` is null. */
  readonly onlineShareEstimate: Measured;
  readonly lateRateEstimate: number | null;
  readonly negativeRatingShareEstimate: number | null;
  readonly satisfactionRate: Measured;
  readonly satisfactionIndexEstimate: Measured;
};

/** A negative rating: dissatisfied overall (SAT1). */
export const isNegativeRating = (s: DossierState): boolean => s.rating?.level === 'dissatisfied';

/**
 * `row`: a Biểu 06 row (usually the total); `states`: the dossiers it was computed from, to find
 * negative ratings among the period's dossiers; `ratings`: the satisfaction summary for the range.
 */
export function indicatorEstimates(
  row: Bieu06Row,
  states: Iterable<DossierState>,
  ratings: SatisfactionSummary,
  targets: Targets = DEFAULT_TARGETS,
): IndicatorEstimates {
  const inPeriod = [...idsOf(row, 'resolved.total'), ...idsOf(row, 'inProgress.total')];
  const negative = new Set<string>();
  for (const s of states) if (isNegativeRating(s)) negative.add(s.id);
  return estimatesOf(row, inPeriod.filter((id) => negative.has(id)).length, ratings, targets);
}

/**
 * The same estimates from the row's numbers and the rated dossiers only (what a tablet with
 * 100,000 dossiers reads): a negatively rated dossier counts when the period handled it.
 */
export function indicatorEstimatesFromNumbers(
  row: Bieu06Numbers,
  rated: Iterable<DossierState>,
  range: DateRange,
  opts: Bieu06Options,
  ratings: SatisfactionSummary,
  targets: Targets = DEFAULT_TARGETS,
): IndicatorEstimates {
  let negativeCount = 0;
  for (const s of rated) {
    if (isNegativeRating(s) && cellsOf(s, range, opts).some((c) => c.startsWith('resolved.') || c.startsWith('inProgress.'))) negativeCount++;
  }
  return estimatesOf(row, negativeCount, ratings, targets);
}

function estimatesOf(row: Bieu06Numbers, negativeCount: number, ratings: SatisfactionSummary, targets: Targets): IndicatorEstimates {
  const handled = row.resolved.total + row.inProgress.total;
  const second = row.secondSupplement.total;
  const good = row.resolved.early + row.resolved.onTime + row.inProgress.withinTime - second;
  const lateRate = ratio(row.resolved.late + row.inProgress.overdue + second, handled);
  const negativeShare = ratio(negativeCount, handled);
  const index = lateRate === null || negativeShare === null ? null : Math.max(0, 1 - (lateRate + negativeShare));
  return {
    dossiersInPeriod: handled,
    lateBySecondSupplement: second,
    basis: {
      onTime: { part: good, whole: handled },
      early: { part: row.resolved.early, whole: row.resolved.total },
      online: { part: row.received.online, whole: row.received.newInPeriod },
      late: { part: row.resolved.late + row.inProgress.overdue, whole: handled },
      negative: { part: negativeCount, whole: handled },
      satisfaction: { part: ratings.counts.verySatisfied + ratings.counts.satisfied, whole: ratings.rated },
    },
    onTimeRateEstimate: measured(ratio(good, handled), targets.onTimeRate),
    earlyRateEstimate: measured(ratio(row.resolved.early, row.resolved.total), targets.earlyRate),
    onlineShareEstimate: measured(ratio(row.received.online, row.received.newInPeriod), null),
    lateRateEstimate: lateRate,
    negativeRatingShareEstimate: negativeShare,
    satisfactionRate: measured(ratings.rate, targets.satisfactionRate),
    satisfactionIndexEstimate: measured(index, targets.satisfactionRate),
  };
}
