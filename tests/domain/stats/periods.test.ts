import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lastPeriods, PERIOD_KINDS, PERIODS_PER_YEAR, periodOf, periodRange, rangeOf, inRange, type PeriodMode } from '../../../src/domain/stats/periods';
import { addDays, fromDayNumber, dayNumber } from '../../../src/domain/time/vnTime';

const MODES: readonly PeriodMode[] = ['cutoff15', 'calendar'];

describe('[REP2] period ranges', () => {
  it.each([
    ['month', 2026, 1, 'cutoff15', '2025-12-15', '2026-01-14'],
    ['month', 2026, 3, 'cutoff15', '2026-02-15', '2026-03-14'],
    ['month', 2026, 12, 'cutoff15', '2026-11-15', '2026-12-14'],
    ['quarter', 2026, 1, 'cutoff15', '2025-12-15', '2026-03-14'],
    ['quarter', 2026, 2, 'cutoff15', '2026-03-15', '2026-06-14'],
    ['quarter', 2026, 4, 'cutoff15', '2026-09-15', '2026-12-14'],
    ['halfYear', 2026, 1, 'cutoff15', '2025-12-15', '2026-06-14'],
    ['halfYear', 2026, 2, 'cutoff15', '2026-06-15', '2026-12-14'],
    ['year', 2026, 1, 'cutoff15', '2025-12-15', '2026-12-14'],
    ['month', 2024, 2, 'calendar', '2024-02-01', '2024-02-29'],
    ['month', 2026, 2, 'calendar', '2026-02-01', '2026-02-28'],
    ['quarter', 2026, 4, 'calendar', '2026-10-01', '2026-12-31'],
    ['halfYear', 2026, 1, 'calendar', '2026-01-01', '2026-06-30'],
    ['year', 2026, 1, 'calendar', '2026-01-01', '2026-12-31'],
  ] as const)('[REP2] %s %i/%i (%s) = %s .. %s', (kind, year, index, mode, from, to) => {
    expect(periodRange(kind, year, index, mode)).toEqual({ from, to });
  });

  it('[REP2] refuses an index outside the year', () => {
    expect(() => periodRange('quarter', 2026, 5, 'cutoff15')).toThrow(RangeError);
    expect(() => periodRange('month', 2026, 0, 'calendar')).toThrow(RangeError);
  });

  it('[REP2] periodOf around the cut-offs', () => {
    expect(periodOf('2026-01-14', 'month', 'cutoff15')).toEqual({ kind: 'month', year: 2026, index: 1 });
    expect(periodOf('2026-01-15', 'month', 'cutoff15')).toEqual({ kind: 'month', year: 2026, index: 2 });
    expect(periodOf('2025-12-15', 'year', 'cutoff15')).toEqual({ kind: 'year', year: 2026, index: 1 });
    expect(periodOf('2025-12-15', 'year', 'calendar')).toEqual({ kind: 'year', year: 2025, index: 1 });
    expect(periodOf('2026-06-15', 'halfYear', 'cutoff15')).toEqual({ kind: 'halfYear', year: 2026, index: 2 });
  });

  it('[REP2] lastPeriods crosses the year, oldest first', () => {
    // 20/3/2026 is in quarter 2 (15/3–14/6) in cut-off mode
    expect(lastPeriods('quarter', 'cutoff15', '2026-03-20', 3)).toEqual([
      { kind: 'quarter', year: 2025, index: 4 },
      { kind: 'quarter', year: 2026, index: 1 },
      { kind: 'quarter', year: 2026, index: 2 },
    ]);
    expect(lastPeriods('month', 'calendar', '2026-01-31', 2)).toEqual([
      { kind: 'month', year: 2025, index: 12 },
      { kind: 'month', year: 2026, index: 1 },
    ]);
    expect(lastPeriods('year', 'calendar', '2026-05-01', 0)).toEqual([]);
  });
});

describe('[REP2] property: the periods of a year partition it', () => {
  const kindArb = fc.constantFrom(...PERIOD_KINDS);
  const modeArb = fc.constantFrom(...MODES);

  it('[REP2] consecutive, no gap or overlap, and the year is 365 or 366 days', () => {
    fc.assert(
      fc.property(kindArb, modeArb, fc.integer({ min: 1990, max: 2100 }), (kind, mode, year) => {
        const ranges = Array.from({ length: PERIODS_PER_YEAR[kind] }, (_, i) => periodRange(kind, year, i + 1, mode));
        for (const r of ranges) expect(r.from <= r.to).toBe(true);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.from).toBe(addDays(ranges[i - 1]!.to, 1));
        // the next year's first period starts the day after this year's last one ends
        expect(periodRange(kind, year + 1, 1, mode).from).toBe(addDays(ranges.at(-1)!.to, 1));
        const whole = periodRange('year', year, 1, mode);
        expect(ranges[0]!.from).toBe(whole.from);
        expect(ranges.at(-1)!.to).toBe(whole.to);
        expect([365, 366]).toContain(dayNumber(whole.to) - dayNumber(whole.from) + 1);
      }),
    );
  });

  it('[REP2] periodOf(d) is a period whose range contains d', () => {
    fc.assert(
      fc.property(kindArb, modeArb, fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2100-12-31') }), (kind, mode, n) => {
        const d = fromDayNumber(n);
        const p = periodOf(d, kind, mode);
        expect(p.index).toBeGreaterThanOrEqual(1);
        expect(p.index).toBeLessThanOrEqual(PERIODS_PER_YEAR[kind]);
        expect(inRange(d, rangeOf(p, mode))).toBe(true);
      }),
    );
  });
});
