import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { statutoryDaysOff, statutoryHolidays } from '../../../src/domain/calendar/holidays';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import {
  addWorkingDays,
  buildWorkCalendar,
  isWorkingInstant,
  nextWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
} from '../../../src/domain/calendar/workCalendar';
import type { OfficialCalendar } from '../../../src/domain/calendar/types';
import { dayNumber, fromDayNumber, vnInstant, weekdayOf } from '../../../src/domain/time/vnTime';

const cal2026 = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);

describe('[CAL4] the 2026 official calendar', () => {
  it.each([
    ['2026-01-01', false],
    ['2026-01-02', true],
    ['2026-02-13', true],
    ['2026-02-16', false],
    ['2026-02-20', false],
    ['2026-02-23', true],
    ['2026-04-27', false],
    ['2026-04-30', false],
    ['2026-05-01', false],
    ['2026-08-22', true],
    ['2026-08-29', false],
    ['2026-08-31', false],
    ['2026-09-01', false],
    ['2026-09-02', false],
    ['2026-09-03', true],
    ['2026-02-14', false],
    ['2026-02-22', false],
    ['2026-04-26', false],
    ['2026-04-28', true],
    ['2026-04-29', true],
  ] as const)('[CAL4] %s working: %s', (date, working) => {
    expect(cal2026.isWorkingDay(date)).toBe(working);
  });

  it('[CAL4] names the day off', () => {
    expect(cal2026.dayOffName('2026-04-27')).toMatch(/Giỗ Tổ/);
    expect(cal2026.dayOffName('2026-03-02')).toBeNull();
  });

  it('[CAL4] equal effectiveFrom: the higher version wins, comparing numbers as numbers (vn-2026.10 > vn-2026.9)', () => {
    const v9: OfficialCalendar = { ...OFFICIAL_CALENDAR_2026, version: 'vn-2026.9', daysOff: [] };
    const v10: OfficialCalendar = { ...OFFICIAL_CALENDAR_2026, version: 'vn-2026.10' };
    expect(buildWorkCalendar([v10, v9]).isWorkingDay('2026-01-01')).toBe(false);
    expect(buildWorkCalendar([v9, v10]).isWorkingDay('2026-01-01')).toBe(false);
    expect(buildWorkCalendar([v9]).isWorkingDay('2026-01-01')).toBe(true);
  });

  it('[CAL4] a year the documents do not cover uses the statutory rules, nghỉ bù included', () => {
    expect(cal2026.isWorkingDay('2027-02-10')).toBe(false);
    expect(cal2026.dayOffName('2027-02-10')).toMatch(/^Nghỉ bù/);
    expect(cal2026.isWorkingDay('2025-02-03')).toBe(false);
  });

  it('[CAL4] the newest document for a year wins; other years use the statutory rules', () => {
    const newer: OfficialCalendar = { ...OFFICIAL_CALENDAR_2026, version: 'vn-2026.2', effectiveFrom: '2026-06-01', daysOff: [], workingSaturdays: [] };
    const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026, newer]);
    expect(cal.isWorkingDay('2026-09-02')).toBe(true);
    expect(cal.version).toBe('vn-2026.2+vn-2026.1');
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
  });
});

describe('[CAL1][CAL2] statutory defaults', () => {
  const statutory = buildWorkCalendar([]);

  it('[CAL1] weekends are off, weekdays work', () => {
    expect(statutory.isWorkingDay('2027-03-06')).toBe(false); // Saturday
    expect(statutory.isWorkingDay('2027-03-08')).toBe(true);
  });

  it('[CAL2] 2025: Tết 28/1–1/2 (30 Tết to mùng 4), Giỗ Tổ 7/4, 30/4, 1/5, 1–2/9', () => {
    const dates = statutoryHolidays(2025).map((d) => d.date);
    expect(dates).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
  });

  it('[CAL2] nghỉ bù: a holiday on a weekend gives the next free weekday off (2025: Sat 1/2 → Mon 3/2)', () => {
    const days = statutoryDaysOff(2025);
    expect(days.find((d) => d.date === '2025-02-03')?.name).toMatch(/Nghỉ bù/);
    expect(days.map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-03',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
  });

  it('[CAL2] 2027 in full: Tết eve Fri 5/2 to mùng 4 Tue 9/2 with nghỉ bù Wed 10 and Thu 11/2; Giỗ Tổ Fri 16/4; Sat 1/5 → Mon 3/5', () => {
    expect(statutoryDaysOff(2027).map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03',
      '2027-09-01',
      '2027-09-02',
    ]);
  });

  it('[CAL2] every day off has a Vietnamese name; the Tết eve is named by its lunar day (29 Tết in 2025)', () => {
    const days = statutoryDaysOff(2025);
    expect(days.every((d) => d.name.length > 0 && d.name === d.name.normalize('NFC'))).toBe(true);
    expect(days.find((d) => d.date === '2025-01-28')?.name).toBe('Tết Âm lịch (29 Tết)');
    expect(statutory.dayOffName('2027-05-03')).toBe('Nghỉ bù Ngày Quốc tế Lao động');
    expect(statutory.dayOffName('2027-05-04')).toBeNull();
  });

  it('[CAL2] 2/9 on a Sunday (2029): nghỉ bù on Monday 3/9; 1/1 on a Saturday (2022): nghỉ bù Monday 3/1', () => {
    expect(statutoryDaysOff(2029).map((d) => d.date)).toContain('2029-09-03');
    expect(statutoryDaysOff(2022).find((d) => d.date === '2022-01-03')?.name).toBe('Nghỉ bù Tết Dương lịch');
  });

  it('[CAL2] property: nghỉ bù days are weekdays, one per weekend holiday, never on another day off (1970–2100)', () => {
    for (let y = 1970; y <= 2100; y++) {
      const all = statutoryDaysOff(y);
      const holidays = statutoryHolidays(y);
      const weekendHolidays = holidays.filter((d) => [0, 6].includes(weekdayOf(d.date))).length;
      const bu = all.filter((d) => d.name.startsWith('Nghỉ bù'));
      expect(bu.length, String(y)).toBe(weekendHolidays);
      expect(new Set(all.map((d) => d.date)).size, String(y)).toBe(all.length);
      for (const d of bu) expect([1, 2, 3, 4, 5], d.date).toContain(weekdayOf(d.date));
    }
  });

  it('[CAL2] nghỉ bù skips days already off (2027: Sat 1/5 → Mon 3/5; Tết 5–9/2 with Sat 6 and Sun 7 → 10, 11/2)', () => {
    const dates = statutoryDaysOff(2027).map((d) => d.date);
    expect(dates).toContain('2027-05-03');
    expect(dates).toContain('2027-02-10');
    expect(dates).toContain('2027-02-11');
  });

  it('[CAL2] the National Day extra day is configurable', () => {
    expect(statutoryHolidays(2027, { nationalDayExtra: 'after' }).map((d) => d.date)).toContain('2027-09-03');
  });

  it('[CAL2] property: every statutory year has its 11 holidays, all distinct', () => {
    for (let y = 1970; y <= 2100; y++) {
      const dates = statutoryHolidays(y).map((d) => d.date);
      expect(new Set(dates).size).toBe(11);
    }
  });
});

describe('[CAL1] working-day arithmetic', () => {
  it('next and previous working day jump over Tết 2026', () => {
    expect(nextWorkingDay(cal2026, '2026-02-13')).toBe('2026-02-23');
    expect(previousWorkingDay(cal2026, '2026-02-23')).toBe('2026-02-13');
    expect(addWorkingDays(cal2026, '2026-02-12', 2)).toBe('2026-02-23');
    expect(workingDaysBetween(cal2026, '2026-02-09', '2026-02-28')).toBe(10);
  });

  it('[CAL5] working instants follow office hours', () => {
    expect(isWorkingInstant(cal2026, vnInstant(2026, 3, 2, 7, 0))).toBe(true);
    expect(isWorkingInstant(cal2026, vnInstant(2026, 3, 2, 12, 0))).toBe(false);
    expect(isWorkingInstant(cal2026, vnInstant(2026, 3, 2, 17, 0))).toBe(false);
    expect(isWorkingInstant(cal2026, vnInstant(2026, 3, 7, 9, 0))).toBe(false);
  });

  it('[CAL1] next/previous working day cross the new year: Thu 31/12/2026 → Mon 4/1/2027 and back', () => {
    expect(nextWorkingDay(cal2026, '2026-12-31')).toBe('2027-01-04');
    expect(previousWorkingDay(cal2026, '2027-01-04')).toBe('2026-12-31');
    expect(addWorkingDays(cal2026, '2027-01-04', -1)).toBe('2026-12-31');
    expect(addWorkingDays(cal2026, '2026-08-21', 1)).toBe('2026-08-22');
    expect(addWorkingDays(cal2026, '2026-08-28', 1)).toBe('2026-09-03');
    expect(workingDaysBetween(cal2026, '2026-12-28', '2027-01-05')).toBe(5);
  });

  it('[CAL1] a calendar with no working day at all fails loudly instead of looping', () => {
    const never = { version: 'x', officeHours: cal2026.officeHours, isWorkingDay: () => false, dayOffName: () => null };
    expect(() => nextWorkingDay(never, '2026-01-01')).toThrow(RangeError);
  });

  it('[CAL1] property: the fast helpers agree with asking isWorkingDay day by day (statutory years 1970–2100)', () => {
    const statutory = buildWorkCalendar([]);
    const day = fc.integer({ min: dayNumber('1970-01-01'), max: dayNumber('2100-11-30') });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (n, span) => {
        let naive = 0;
        for (let i = n; i < n + span; i++) if (statutory.isWorkingDay(fromDayNumber(i))) naive++;
        expect(workingDaysBetween(statutory, fromDayNumber(n), fromDayNumber(n + span))).toBe(naive);
        let next = n + 1;
        while (!statutory.isWorkingDay(fromDayNumber(next))) next++;
        expect(nextWorkingDay(statutory, fromDayNumber(n))).toBe(fromDayNumber(next));
      }),
      { numRuns: 300 },
    );
  });

  it('[CAL5] office hours come from the parameter, else the newest document, else the default', () => {
    const hours = { morningStart: '07:30', morningEnd: '11:30', afternoonStart: '13:00', afternoonEnd: '16:30' };
    expect(buildWorkCalendar([OFFICIAL_CALENDAR_2026], hours).officeHours).toEqual(hours);
    expect(buildWorkCalendar([{ ...OFFICIAL_CALENDAR_2026, officeHours: hours }]).officeHours).toEqual(hours);
    expect(cal2026.officeHours.afternoonEnd).toBe('17:00');
    const broken = { ...hours, afternoonEnd: '25:00' };
    expect(buildWorkCalendar([{ ...OFFICIAL_CALENDAR_2026, officeHours: broken }]).officeHours).toEqual(cal2026.officeHours);
    expect(() => buildWorkCalendar([], broken)).toThrow(RangeError);
  });

  it('[CAL1] property: the next working day is a working day, later, with no working day between', () => {
    const statutory = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2040-12-31') }).map(fromDayNumber), (date) => {
        const next = nextWorkingDay(statutory, date);
        expect(statutory.isWorkingDay(next)).toBe(true);
        expect(next > date).toBe(true);
        expect(workingDaysBetween(statutory, fromDayNumber(dayNumber(date) + 1), next)).toBe(0);
        const w = weekdayOf(next);
        expect(w !== 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
