/**
 * REP2: report periods, as inclusive Vietnam dates.
 * `cutoff15`: month m runs from the 15th of the previous month to the 14th of m (January: 15/12 of
 * the previous year to 14/1); a quarter from the 15th of the month before it to the 14th of its
 * last month; half-year 1 = 15/12–14/6, half 2 = 15/6–14/12; year = 15/12–14/12.
 * `calendar`: plain calendar months, quarters, halves and years.
 */
import { addDays, isoDate, parseIsoDate, type IsoDate } from '../time/vnTime';

export type PeriodKind = 'month' | 'quarter' | 'halfYear' | 'year';
export type PeriodMode = 'cutoff15' | 'calendar';
/** `index` is 1-based: month 1–12, quarter 1–4, half 1–2, year 1. */
export type Period = { readonly kind: PeriodKind; readonly year: number; readonly index: number };
export type DateRange = { readonly from: IsoDate; readonly to: IsoDate };

export const PERIOD_KINDS = ['month', 'quarter', 'halfYear', 'year'] as const satisfies readonly PeriodKind[];
export const PERIODS_PER_YEAR: Readonly<Record<PeriodKind, number>> = { month: 12, quarter: 4, halfYear: 2, year: 1 };
const MONTHS: Readonly<Record<PeriodKind, number>> = { month: 1, quarter: 3, halfYear: 6, year: 12 };

export function periodRange(kind: PeriodKind, year: number, index: number, mode: PeriodMode): DateRange {
  if (!Number.isInteger(index) || index < 1 || index > PERIODS_PER_YEAR[kind]) throw new RangeError(`bad ${kind} index ${index}`);
  const firstMonth = (index - 1) * MONTHS[kind] + 1;
  const lastMonth = firstMonth + MONTHS[kind] - 1;
  if (mode === 'calendar') {
    const dayAfter = lastMonth === 12 ? isoDate(year + 1, 1, 1) : isoDate(year, lastMonth + 1, 1);
    return { from: isoDate(year, firstMonth, 1), to: addDays(dayAfter, -1) };
  }
  const from = firstMonth === 1 ? isoDate(year - 1, 12, 15) : isoDate(year, firstMonth - 1, 15);
  return { from, to: isoDate(year, lastMonth, 14) };
}

/** The period a Vietnam date belongs to. In `cutoff15` mode, 15/12 already belongs to the next year. */
export function periodOf(date: IsoDate, kind: PeriodKind, mode: PeriodMode): Period {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  let { year, month } = d;
  if (mode === 'cutoff15' && d.day >= 15) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return { kind, year, index: Math.floor((month - 1) / MONTHS[kind]) + 1 };
}

export function previousPeriod(p: Period): Period {
  return p.index > 1 ? { ...p, index: p.index - 1 } : { ...p, year: p.year - 1, index: PERIODS_PER_YEAR[p.kind] };
}

/** The last `n` periods up to and including the one containing `asOfDate`, oldest first. */
export function lastPeriods(kind: PeriodKind, mode: PeriodMode, asOfDate: IsoDate, n: number): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(asOfDate, kind, mode); out.length < n; p = previousPeriod(p)) out.unshift(p);
  return out;
}

export function rangeOf(p: Period, mode: PeriodMode): DateRange {
  return periodRange(p.kind, p.year, p.index, mode);
}

export function inRange(date: IsoDate, r: DateRange): boolean {
  return date >= r.from && date <= r.to;
}
