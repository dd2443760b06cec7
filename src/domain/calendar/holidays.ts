/**
 * CAL2: the statutory days off of a year (Bộ luật Lao động 2019, Art. 112) with nghỉ bù
 * (Art. 111(3)): a holiday falling on a weekend is compensated by the next working day. The
 * government fixes the exact Tết and National Day days each year; those come as official
 * calendar documents (official2026.ts) and replace these defaults for their years.
 */
import { addDays, isoDate, parseIsoDate, weekdayOf, type IsoDate } from '../time/vnTime';
import type { NamedDay } from './types';
import { lunarToSolar, solarToLunar, tetDate } from './lunar';

export type StatutoryOptions = {
  /**
   * The day added to Quốc khánh 2/9. The law says only "one adjacent day" (1/9 or 3/9) and the
   * government picks it each year; 'before' (1/9) is the default, as in 2025 and 2026.
   */
  readonly nationalDayExtra: 'before' | 'after';
};

const byDate = (a: NamedDay, b: NamedDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

const DEFAULT_OPTIONS: StatutoryOptions = { nationalDayExtra: 'before' };

/**
 * The statutory holidays of `year`, without nghỉ bù: 1/1; Tết = the last day of the lunar year
 * and the first four days of the new one; Giỗ Tổ 10/3 lunar; 30/4; 1/5; 2/9 and its adjacent day.
 */
export function statutoryHolidays(year: number, options: StatutoryOptions = DEFAULT_OPTIONS): NamedDay[] {
  const days: NamedDay[] = [{ date: isoDate(year, 1, 1), name: 'Tết Dương lịch' }];
  const tet = tetDate(year);
  const eve = addDays(tet, -1);
  const eveParts = parseIsoDate(eve);
  const eveLunarDay = eveParts ? solarToLunar(eveParts.year, eveParts.month, eveParts.day).day : 30;
  days.push({ date: eve, name: `Tết Âm lịch (${eveLunarDay} Tết)` });
  for (let i = 0; i < 4; i++) days.push({ date: addDays(tet, i), name: `Tết Âm lịch (mùng ${i + 1})` });
  const gioTo = lunarToSolar(year, 3, 10);
  if (gioTo) days.push({ date: gioTo, name: 'Giỗ Tổ Hùng Vương' });
  days.push({ date: isoDate(year, 4, 30), name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' });
  days.push({ date: isoDate(year, 5, 1), name: 'Ngày Quốc tế Lao động' });
  days.push({ date: isoDate(year, 9, 2), name: 'Quốc khánh' });
  days.push({ date: options.nationalDayExtra === 'before' ? isoDate(year, 9, 1) : isoDate(year, 9, 3), name: 'Quốc khánh (ngày liền kề)' });
  return days.sort(byDate);
}

const isWeekend = (date: IsoDate) => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};

/** The statutory holidays plus their nghỉ bù days, sorted by date. */
export function statutoryDaysOff(year: number, options: StatutoryOptions = DEFAULT_OPTIONS): NamedDay[] {
  const holidays = statutoryHolidays(year, options);
  const taken = new Set(holidays.map((d) => d.date));
  const compensation: NamedDay[] = [];
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    compensation.push({ date: d, name: `Nghỉ bù ${h.name}` });
  }
  return [...holidays, ...compensation].sort(byDate);
}
