import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { vnDate, vnInstant, vnParts, formatVnDateTime, VN_OFFSET_MS } from '../../../src/domain/time/vnTime';

describe('[TXT2] Vietnam time whatever the machine zone', () => {
  it('23:30 UTC is the next day in Vietnam', () => {
    expect(vnDate(Date.UTC(2026, 0, 1, 17, 30))).toBe('2026-01-02');
  });
  it('formats hh:mm dd/mm/yyyy', () => {
    expect(formatVnDateTime(vnInstant(2023, 10, 27, 9, 32))).toBe('09:32 27/10/2023');
  });
});

describe('[TXT2] Vietnam parts in integer arithmetic', () => {
  it('property: the same parts and date as the UTC getters of a Date shifted by seven hours, from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (at) => {
        const d = new Date(at + VN_OFFSET_MS);
        const expected = {
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
          weekday: d.getUTCDay(),
        };
        expect(vnParts(at)).toEqual(expected);
        expect(vnDate(at)).toBe(d.toISOString().slice(0, 10));
      }),
      { numRuns: 20_000 },
    );
  });
  it('the first and last millisecond of a Vietnam day, and 29/02 of leap years', () => {
    expect(vnDate(vnInstant(2024, 2, 29))).toBe('2024-02-29');
    expect(vnDate(vnInstant(2024, 3, 1) - 1)).toBe('2024-02-29');
    expect(vnDate(vnInstant(2000, 2, 29, 23, 59, 59) + 999)).toBe('2000-02-29');
    expect(vnParts(vnInstant(1900, 3, 1)).weekday).toBe(4); // a Thursday
    expect(vnParts(vnInstant(1969, 12, 31, 23, 59, 59))).toEqual({ year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, weekday: 3 });
  });
});

describe('the machine zone is what the project says', () => {
  it('runs under the TZ of its vitest project', () => {
    const offset = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset();
    expect([0, -420]).toContain(offset);
    expect(offset === -420).toBe(process.env.TZ === 'Asia/Ho_Chi_Minh');
  });
});
