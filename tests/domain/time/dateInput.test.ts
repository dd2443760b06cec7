import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDmy, parseTimeText, shapeDateTyping, shapeTimeTyping } from '../../../src/domain/time/dateInput';
import { formatIsoDate, isoDate } from '../../../src/domain/time/vnTime';

describe('date and time as typed', () => {
  it('[TXT2] reads dd/MM/yyyy day first: 12/09/2026 is 12 September', () => {
    expect(parseDmy('12/09/2026')).toBe('2026-09-12');
    expect(parseDmy('1/9/2026')).toBe('2026-09-01');
    expect(parseDmy('12.09.2026')).toBe('2026-09-12');
    expect(parseDmy('12-09-2026')).toBe('2026-09-12');
    expect(parseDmy('12092026')).toBe('2026-09-12');
    expect(parseDmy(' 02/12/2026 ')).toBe('2026-12-02');
  });

  it('[TXT2] refuses what is not a real date', () => {
    for (const bad of ['', '31/02/2026', '00/01/2026', '13/13/2026', '2026-09-12', '12/09/26', 'abc', '32/01/2026', '29/02/2025'])
      expect(parseDmy(bad), bad).toBeNull();
    expect(parseDmy('29/02/2028')).toBe('2028-02-29');
  });

  it('[TXT2] every date shown as dd/MM/yyyy reads back as itself (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        expect(parseDmy(formatIsoDate(iso))).toBe(iso);
      }),
    );
  });

  it('[TXT2] reads 24-hour times', () => {
    expect(parseTimeText('16:30')).toBe('16:30');
    expect(parseTimeText('7:05')).toBe('07:05');
    expect(parseTimeText('1630')).toBe('16:30');
    expect(parseTimeText('16h30')).toBe('16:30');
    expect(parseTimeText('00:00')).toBe('00:00');
    for (const bad of ['', '24:00', '12:60', '4:30 PM', '4', 'ab:cd']) expect(parseTimeText(bad), bad).toBeNull();
  });

  it('[TXT2] slashes and the colon come while typing digits', () => {
    expect(shapeDateTyping('1')).toBe('1');
    expect(shapeDateTyping('120')).toBe('12/0');
    expect(shapeDateTyping('1209')).toBe('12/09');
    expect(shapeDateTyping('12092026')).toBe('12/09/2026');
    expect(shapeDateTyping('120920269')).toBe('12/09/2026');
    expect(shapeDateTyping('12/09/2026')).toBe('12/09/2026');
    // typed one key at a time, as the field sees it
    let typed = '';
    for (const key of '31122026') typed = shapeDateTyping(typed + key);
    expect(typed).toBe('31/12/2026');
    expect(shapeDateTyping('31/12/')).toBe('31/12');
    expect(shapeDateTyping('1/9/2026')).toBe('1/9/2026');
    let time = '';
    for (const key of '0930') time = shapeTimeTyping(time + key);
    expect(time).toBe('09:30');
    expect(shapeTimeTyping('9:30')).toBe('9:30');
    expect(shapeTimeTyping('163')).toBe('16:3');
    expect(shapeTimeTyping('1630')).toBe('16:30');
    expect(shapeTimeTyping('16:30')).toBe('16:30');
  });

  it('[TXT2] what the typing shapes is what parses (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1000, max: 9999 }), (d, m, y) => {
        const digits = `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${y}`;
        expect(parseDmy(shapeDateTyping(digits))).toBe(isoDate(y, m, d));
      }),
    );
  });
});
