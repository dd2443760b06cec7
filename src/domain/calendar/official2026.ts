/**
 * CAL4: the 2026 official calendar for public servants, as shipped data. The upstream server
 * publishes newer versions; a device uses the newest it has. Source: the 2026 notice summarised
 * in shared/domain.md (CAL4); Tết off 14–22/2, Giỗ Tổ on Sunday 26/4 compensated Monday 27/4,
 * National Day 1–2/9 plus Monday 31/8 made up by working Saturday 22/8.
 */
import type { OfficialCalendar } from './types';

export const OFFICIAL_CALENDAR_2026: OfficialCalendar = {
  version: 'vn-2026.1',
  effectiveFrom: '2026-01-01',
  years: [2026],
  daysOff: [
    { date: '2026-01-01', name: 'Tết Dương lịch' },
    ...['14', '15', '16', '17', '18', '19', '20', '21', '22'].map((d) => ({ date: `2026-02-${d}`, name: 'Tết Âm lịch' })),
    { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
    { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
    { date: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
    { date: '2026-08-31', name: 'Nghỉ Quốc khánh (hoán đổi, làm bù thứ Bảy 22/8)' },
    { date: '2026-09-01', name: 'Quốc khánh' },
    { date: '2026-09-02', name: 'Quốc khánh' },
  ],
  workingSaturdays: ['2026-08-22'],
};
