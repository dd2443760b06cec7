/**
 * CAL3: the Vietnamese lunar calendar, computed for UTC+7 with the published astronomical
 * algorithm (Hồ Ngọc Đức, after Meeus: new moons and the sun's longitude). The Chinese calendar
 * uses UTC+8 and differs in some years (Tết 1985, 2007), so no Chinese-calendar library will do.
 */
import { isoDate, type IsoDate } from '../time/vnTime';

export type LunarDate = { readonly year: number; readonly month: number; readonly day: number; readonly leap: boolean };

const TZ_HOURS = 7;
const PI = Math.PI;

/** Julian day number of a Gregorian (after 15/10/1582) date. */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = Math.floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  return dd + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

export function jdToDate(jd: number): { day: number; month: number; year: number } {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((b * 146097) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian day (fractional, UT) of the k-th new moon after 1/1/1900 (Meeus, ch. 49 simplified). */
function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T,
    T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** Sun's apparent longitude in radians, normalised to [0, 2π), at a fractional Julian day. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * Math.floor(L / (PI * 2));
  return L;
}

/** The local day (Julian day number) of the k-th new moon in UTC+7. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + TZ_HOURS / 24);
}

/** Which of the 12 sectors of 30° the sun is in at the start of a local day. */
function sunSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TZ_HOURS / 24) / PI) * 6);
}

const month11Cache = new Map<number, number>();

/** The first day of lunar month 11 (the month containing the winter solstice) of year `yy`; memoised. */
function lunarMonth11(yy: number): number {
  const cached = month11Cache.get(yy);
  if (cached !== undefined) return cached;
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = Math.floor(off / 29.530588853);
  let nm = newMoonDay(k);
  if (sunSector(nm) >= 9) nm = newMoonDay(k - 1);
  month11Cache.set(yy, nm);
  return nm;
}

/** The index (after month 11) of the leap month in a 13-month year starting at `a11`. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(year: number, month: number, day: number): LunarDate {
  const dayNumber = jdFromDate(day, month, year);
  // The mean lunation only estimates which new moon starts this month; the published code tries
  // k + 1 then k, which gives day 0 when the true new moon is late (e.g. 7/5/2054), so step until right.
  let k = Math.floor((dayNumber - 2415021.076998695) / 29.530588853);
  while (newMoonDay(k + 1) <= dayNumber) k++;
  while (newMoonDay(k) > dayNumber) k--;
  const monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/** The solar (Vietnam) date of a lunar date; null when that lunar date does not exist. */
export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number, leap = false): IsoDate | null {
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12 || !Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > 30) return null;
  let a11: number, b11: number;
  if (lunarMonth < 11) {
    a11 = lunarMonth11(lunarYear - 1);
    b11 = lunarMonth11(lunarYear);
  } else {
    a11 = lunarMonth11(lunarYear);
    b11 = lunarMonth11(lunarYear + 1);
  }
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const k = Math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  const monthStart = newMoonDay(k + off);
  const nextStart = newMoonDay(k + off + 1);
  if (lunarDay > nextStart - monthStart) return null;
  const d = jdToDate(monthStart + lunarDay - 1);
  return isoDate(d.year, d.month, d.day);
}

/** Tết Nguyên Đán (1/1 lunar) of a year. */
export function tetDate(year: number): IsoDate {
  const d = lunarToSolar(year, 1, 1);
  if (d === null) throw new RangeError(`no Tết for ${year}`); // 1/1 always exists
  return d;
}
