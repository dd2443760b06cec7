/** The period the supervisor looks at (REP2): mode, kind, year and index, with a default of "this month". */
import { PERIODS_PER_YEAR, periodOf, rangeOf, type DateRange, type Period, type PeriodKind, type PeriodMode } from '../../domain/stats/periods';
import { vnDate } from '../../domain/time/vnTime';

export type PeriodChoice = { readonly mode: PeriodMode; readonly period: Period };

export function defaultChoice(now: number, mode: PeriodMode = 'cutoff15', kind: PeriodKind = 'month'): PeriodChoice {
  return { mode, period: periodOf(vnDate(now), kind, mode) };
}

export function choiceRange(c: PeriodChoice): DateRange {
  return rangeOf(c.period, c.mode);
}

/** Changing the kind keeps the period that contains the same end date. */
export function withKind(c: PeriodChoice, kind: PeriodKind): PeriodChoice {
  return { mode: c.mode, period: periodOf(choiceRange(c).to, kind, c.mode) };
}

export function withMode(c: PeriodChoice, mode: PeriodMode): PeriodChoice {
  return { mode, period: c.period };
}

export function withIndex(c: PeriodChoice, year: number, index: number): PeriodChoice {
  const max = PERIODS_PER_YEAR[c.period.kind];
  return { mode: c.mode, period: { kind: c.period.kind, year, index: Math.min(max, Math.max(1, index)) } };
}
