import { describe, expect, it } from 'vitest';
import { vnDate, vnInstant, formatVnDateTime } from '../../../src/domain/time/vnTime';

describe('[TXT2] Vietnam time whatever the machine zone', () => {
  it('23:30 UTC is the next day in Vietnam', () => {
    expect(vnDate(Date.UTC(2026, 0, 1, 17, 30))).toBe('2026-01-02');
  });
  it('formats hh:mm dd/mm/yyyy', () => {
    expect(formatVnDateTime(vnInstant(2023, 10, 27, 9, 32))).toBe('09:32 27/10/2023');
  });
});

describe('the machine zone is what the project says', () => {
  it('runs under the TZ of its vitest project', () => {
    const offset = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset();
    expect([0, -420]).toContain(offset);
    expect(offset === -420).toBe(process.env.TZ === 'Asia/Ho_Chi_Minh');
  });
});
