/** CAL1, CAL4, CAL5: which days are working days, from the statutory rules and official documents. */
import { err, ok, type Result } from '../result';
import { dayNumber, fromDayNumber, MS_PER_DAY, parseHm, parseIsoDate, VN_OFFSET_MS, weekdayOf, type Instant, type IsoDate } from '../time/vnTime';
import { DEFAULT_OFFICE_HOURS, type OfficeHours, type OfficialCalendar, type WorkCalendar } from './types';
import { statutoryDaysOff } from './holidays';

type YearTable = { readonly off: ReadonlyMap<IsoDate, string>; readonly workingSaturdays: ReadonlySet<IsoDate> };

/** Compares version strings with their numbers as numbers ('vn-2026.10' after 'vn-2026.9'), locale-free. */
export function compareVersions(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [],
    pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!,
      y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : 0;
    if (nx !== 0) return nx;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** The newest document first: later effectiveFrom wins, then the higher version. */
const newestFirst = (a: OfficialCalendar, b: OfficialCalendar) =>
  b.effectiveFrom < a.effectiveFrom ? -1 : b.effectiveFrom > a.effectiveFrom ? 1 : compareVersions(b.version, a.version);

/**
 * CAL4: the statutory rules overridden, year by year, by the newest official document covering
 * that year. Office hours (CAL5): the parameter, else the newest document that sets valid ones,
 * else DEFAULT_OFFICE_HOURS. Throws RangeError when the `officeHours` parameter is malformed.
 */
export function buildWorkCalendar(docs: readonly OfficialCalendar[] = [], officeHours?: OfficeHours): WorkCalendar {
  if (officeHours && !parseOfficeHours(officeHours).ok) throw new RangeError(`bad office hours: ${JSON.stringify(officeHours)}`);
  const sorted = [...docs].sort(newestFirst);
  const years = new Map<number, YearTable>();

  const tableFor = (year: number): YearTable => {
    let table = years.get(year);
    if (!table) {
      const doc = sorted.find((d) => d.years.includes(year));
      const prefix = `${String(year).padStart(4, '0')}-`;
      const inYear = (date: IsoDate) => date.startsWith(prefix);
      const daysOff = doc ? doc.daysOff.filter((d) => inYear(d.date)) : statutoryDaysOff(year);
      table = {
        off: new Map(daysOff.map((d) => [d.date, d.name])),
        workingSaturdays: new Set(doc ? doc.workingSaturdays.filter(inYear) : []),
      };
      years.set(year, table);
    }
    return table;
  };

  const yearOf = (date: IsoDate) => {
    const p = parseIsoDate(date);
    if (!p) throw new RangeError(`not a date: ${date}`);
    return p.year;
  };

  return {
    version: sorted.length ? sorted.map((d) => d.version).join('+') : 'statutory',
    officeHours: officeHours ?? sorted.find((d) => d.officeHours && parseOfficeHours(d.officeHours).ok)?.officeHours ?? DEFAULT_OFFICE_HOURS,
    isWorkingDay(date) {
      const table = tableFor(yearOf(date));
      if (table.workingSaturdays.has(date)) return true;
      if (table.off.has(date)) return false;
      const w = weekdayOf(date);
      return w >= 1 && w <= 5;
    },
    dayOffName(date) {
      return tableFor(yearOf(date)).off.get(date) ?? null;
    },
  };
}

// ---- Fast day-number layer -------------------------------------------------------------------
// Due dates run for 100k dossiers, so each calendar's answers are asked once per year and kept as
// flags by day number (days since 1970-01-01), with prefix counts. Works for any WorkCalendar,
// which must therefore not change its answers after it is first used.

type YearFlags = {
  readonly first: number; // day number of 1 January
  readonly working: Uint8Array;
  /** before[i] = working days among the first i days of the year; length = days + 1. */
  readonly before: Uint16Array;
};

const flagsCache = new WeakMap<WorkCalendar, Map<number, YearFlags>>();
const MAX_GAP_DAYS = 3660;

const yearOfDayNumber = (n: number): number => new Date(n * MS_PER_DAY).getUTCFullYear();

function yearFlags(cal: WorkCalendar, year: number): YearFlags {
  let byYear = flagsCache.get(cal);
  if (!byYear) flagsCache.set(cal, (byYear = new Map()));
  let flags = byYear.get(year);
  if (!flags) {
    const first = Date.UTC(year, 0, 1) / MS_PER_DAY;
    const days = Date.UTC(year + 1, 0, 1) / MS_PER_DAY - first;
    const working = new Uint8Array(days);
    const before = new Uint16Array(days + 1);
    for (let i = 0; i < days; i++) {
      working[i] = cal.isWorkingDay(fromDayNumber(first + i)) ? 1 : 0;
      before[i + 1] = before[i]! + working[i]!;
    }
    flags = { first, working, before };
    byYear.set(year, flags);
  }
  return flags;
}

/** CAL1 by day number (days since 1970-01-01, Vietnam dates). */
export function isWorkingDayNumber(cal: WorkCalendar, n: number): boolean {
  const f = yearFlags(cal, yearOfDayNumber(n));
  return f.working[n - f.first] === 1;
}

/** The k-th working day after day n (k ≥ 1), or before it (k ≤ -1). RangeError after 10 years without one. */
export function stepWorkingDays(cal: WorkCalendar, n: number, k: number): number {
  const dir = k > 0 ? 1 : -1;
  let left = Math.abs(k);
  let f = yearFlags(cal, yearOfDayNumber(n));
  let i = n - f.first;
  let gap = 0;
  for (;;) {
    i += dir;
    if (i < 0 || i >= f.working.length) {
      const d = f.first + i;
      f = yearFlags(cal, yearOfDayNumber(d));
      i = d - f.first;
    }
    if (f.working[i] === 1) {
      gap = 0;
      if (--left === 0) return f.first + i;
    } else if (++gap > MAX_GAP_DAYS) {
      throw new RangeError(`no working day within ${MAX_GAP_DAYS} days of ${fromDayNumber(n)}`);
    }
  }
}

/** Working days among the day numbers [a, b) (0 when b ≤ a). */
export function countWorkingDays(cal: WorkCalendar, a: number, b: number): number {
  let total = 0;
  let n = a;
  while (n < b) {
    const f = yearFlags(cal, yearOfDayNumber(n));
    const end = Math.min(b, f.first + f.working.length);
    total += f.before[end - f.first]! - f.before[n - f.first]!;
    n = end;
  }
  return total;
}

// ---- Date helpers (ISO dates) ----------------------------------------------------------------

/** The first working day strictly after `date`. */
export function nextWorkingDay(cal: WorkCalendar, date: IsoDate): IsoDate {
  return fromDayNumber(stepWorkingDays(cal, dayNumber(date), 1));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(cal: WorkCalendar, date: IsoDate): IsoDate {
  return fromDayNumber(stepWorkingDays(cal, dayNumber(date), -1));
}

/** The n-th working day after `date` (n = 0 gives `date` itself; negative n counts back). */
export function addWorkingDays(cal: WorkCalendar, date: IsoDate, n: number): IsoDate {
  return n === 0 ? date : fromDayNumber(stepWorkingDays(cal, dayNumber(date), n));
}

/** Working days in the half-open range [from, to). */
export function workingDaysBetween(cal: WorkCalendar, from: IsoDate, to: IsoDate): number {
  return countWorkingDays(cal, dayNumber(from), dayNumber(to));
}

// ---- Office hours (CAL5) ---------------------------------------------------------------------

/** Office hours as minutes after midnight: morning start/end, afternoon start/end. */
export type OfficeMinutes = { readonly ms: number; readonly me: number; readonly as: number; readonly ae: number };

const officeCache = new WeakMap<OfficeHours, Result<OfficeMinutes>>();

/** Checks and converts office hours (HH:mm, morning before afternoon); memoised per object. */
export function parseOfficeHours(hours: OfficeHours): Result<OfficeMinutes> {
  let r = officeCache.get(hours);
  if (!r) {
    const ms = parseHm(hours.morningStart),
      me = parseHm(hours.morningEnd);
    const as = parseHm(hours.afternoonStart),
      ae = parseHm(hours.afternoonEnd);
    r =
      ms === null || me === null || as === null || ae === null || !(ms < me && me <= as && as < ae)
        ? err('calendar.badOfficeHours', `bad office hours: ${JSON.stringify(hours)}`, {
            hours: `${hours.morningStart}–${hours.morningEnd}, ${hours.afternoonStart}–${hours.afternoonEnd}`,
          })
        : ok({ ms, me, as, ae });
    officeCache.set(hours, r);
  }
  return r;
}

/** Office hours as minutes; RangeError when malformed (buildWorkCalendar never lets that happen). */
export function officeMinutes(hours: OfficeHours): OfficeMinutes {
  const r = parseOfficeHours(hours);
  if (!r.ok) throw new RangeError(r.error.message);
  return r.value;
}

/** Whether an instant falls inside office hours on a working day (opening included, closing excluded). */
export function isWorkingInstant(cal: WorkCalendar, at: Instant): boolean {
  const local = at + VN_OFFSET_MS;
  const n = Math.floor(local / MS_PER_DAY);
  if (!isWorkingDayNumber(cal, n)) return false;
  const m = (local - n * MS_PER_DAY) / 60_000;
  const o = officeMinutes(cal.officeHours);
  return (m >= o.ms && m < o.me) || (m >= o.as && m < o.ae);
}
