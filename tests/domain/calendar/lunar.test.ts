import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lunarToSolar, solarToLunar, tetDate } from '../../../src/domain/calendar/lunar';
import { fromDayNumber, dayNumber, parseIsoDate } from '../../../src/domain/time/vnTime';

describe('[CAL3] Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [1970, '1970-02-06'],
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2020, '2020-01-25'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2030, '2030-02-02'],
    [1975, '1975-02-11'],
    [2000, '2000-02-05'],
    [2015, '2015-02-19'],
    [2016, '2016-02-08'],
    [2017, '2017-01-28'],
    [2018, '2018-02-16'],
    [2019, '2019-02-05'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2053, '2053-02-18'],
  ])('[CAL3] Tết %i is %s', (year, date) => {
    expect(tetDate(year)).toBe(date);
  });

  it('[CAL3] differs from the Chinese calendar in 1985, 2007, 2030 and 2053 (China: 20/2/1985, 18/2/2007, 3/2/2030, 19/2/2053)', () => {
    expect(tetDate(2053)).not.toBe('2053-02-19');
    expect(tetDate(2030)).not.toBe('2030-02-03');
    expect(tetDate(1985)).not.toBe('1985-02-20');
    expect(tetDate(2007)).not.toBe('2007-02-18');
  });

  it('[CAL3] Giỗ Tổ (10/3 lunar): 7/4/2025, 26/4/2026', () => {
    expect(lunarToSolar(2025, 3, 10)).toBe('2025-04-07');
    expect(lunarToSolar(2026, 3, 10)).toBe('2026-04-26');
  });

  it('[CAL3] knows leap months: 2023 had a leap 2nd month, 2025 a leap 6th month', () => {
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22');
    expect(lunarToSolar(2025, 6, 1, true)).toBe('2025-07-25');
    expect(lunarToSolar(2024, 6, 1, true)).toBeNull();
    expect(lunarToSolar(2020, 4, 1, true)).toBe('2020-05-23');
    expect(lunarToSolar(2017, 6, 1, true)).toBe('2017-07-23');
    expect(lunarToSolar(2014, 9, 1, true)).toBe('2014-10-24');
    expect(solarToLunar(2023, 3, 22)).toEqual({ year: 2023, month: 2, day: 1, leap: true });
  });

  it('[CAL3] the day before a late new moon is day 30, not day 0 (the published code gives 0 on 7/5/2054 and 9/4/2062)', () => {
    expect(solarToLunar(2054, 5, 7)).toEqual({ year: 2054, month: 3, day: 30, leap: false });
    expect(solarToLunar(2054, 5, 8)).toEqual({ year: 2054, month: 4, day: 1, leap: false });
    expect(solarToLunar(2062, 4, 9)).toEqual({ year: 2062, month: 2, day: 30, leap: false });
  });

  it('[CAL3] refuses lunar dates that do not exist', () => {
    expect(lunarToSolar(2026, 13, 1)).toBeNull();
    expect(lunarToSolar(2026, 1, 31)).toBeNull();
    expect(lunarToSolar(2026, 0, 1)).toBeNull();
  });

  const anyDate = fc.integer({ min: dayNumber('1970-01-01'), max: dayNumber('2100-12-31') }).map(fromDayNumber);

  it('[CAL3] property: solar → lunar → solar is the identity for 1970–2100', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const p = parseIsoDate(date)!;
        const l = solarToLunar(p.year, p.month, p.day);
        expect(lunarToSolar(l.year, l.month, l.day, l.leap)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it('[CAL3] property: Tết always falls between 21/1 and 20/2 (1970–2100)', () => {
    for (let y = 1970; y <= 2100; y++) {
      const t = tetDate(y);
      expect(t >= `${y}-01-21` && t <= `${y}-02-20`, `${y}: ${t}`).toBe(true);
    }
  });

  it('[CAL3] every day 1970–2100: lunar days run 1, 2, … 29 or 30 then a new month, and convert back', () => {
    let prev = solarToLunar(1969, 12, 31);
    let leapMonthsSeen = 0;
    for (let n = dayNumber('1970-01-01'); n <= dayNumber('2100-12-31'); n++) {
      const date = fromDayNumber(n);
      const p = parseIsoDate(date)!;
      const l = solarToLunar(p.year, p.month, p.day);
      if (l.day === 1) {
        expect(prev.day === 29 || prev.day === 30, date).toBe(true);
        if (l.leap) {
          leapMonthsSeen++;
          expect(l.month, date).toBe(prev.month);
        } else {
          expect(l.month, date).toBe(prev.month === 12 ? 1 : prev.month + 1);
          expect(l.year, date).toBe(prev.month === 12 ? prev.year + 1 : prev.year);
        }
      } else {
        expect({ ...l, day: l.day - 1 }, date).toEqual(prev);
      }
      expect(lunarToSolar(l.year, l.month, l.day, l.leap), date).toBe(date);
      prev = l;
    }
    // 7 leap months in every 19 years (Metonic cycle): 131 years hold 48 of them
    expect(leapMonthsSeen).toBeGreaterThanOrEqual(47);
    expect(leapMonthsSeen).toBeLessThanOrEqual(49);
  });
});
