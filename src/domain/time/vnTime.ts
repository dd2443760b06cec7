/**
 * Vietnam time (UTC+7, no daylight saving). Instants are epoch milliseconds; calendar dates are
 * ISO strings `YYYY-MM-DD` in Vietnam time. Nothing here reads the machine's time zone: every
 * conversion shifts by the fixed offset and uses the UTC getters.
 */
export type Instant = number;
/** A calendar date in Vietnam, `YYYY-MM-DD`. */
export type IsoDate = string;

export const VN_OFFSET_MIN = 420;
export const VN_OFFSET_MS = VN_OFFSET_MIN * 60_000;
export const MS_PER_DAY = 86_400_000;

export type VnParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

/** Wall-clock parts in Vietnam; weekday 0 = Sunday … 6 = Saturday. */
export function vnParts(at: Instant): VnParts {
  const d = new Date(at + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The instant of a Vietnam wall-clock time. */
export function vnInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Instant {
  return Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The Vietnam calendar date of an instant. */
export function vnDate(at: Instant): IsoDate {
  const p = vnParts(at);
  return isoDate(p.year, p.month, p.day);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; null for anything that is not a real date. */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Days since 1970-01-01 of a Vietnam date (a day number for arithmetic on dates). */
export function dayNumber(date: IsoDate): number {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(p.year, p.month - 1, p.day) / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
}

/** The instant a Vietnam date starts (00:00 Vietnam time). */
export function startOfVnDay(date: IsoDate): Instant {
  return dayNumber(date) * MS_PER_DAY - VN_OFFSET_MS;
}

/** `HH:mm` to minutes after midnight; null when malformed. */
export function parseHm(hm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hm);
  if (!m) return null;
  const h = Number(m[1]),
    mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  return h * 60 + mi;
}

/** TXT2: dd/MM/yyyy in Vietnam time. */
export function formatVnDate(at: Instant): string {
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)}`;
}

/** TXT2: HH:mm in Vietnam time. */
export function formatVnTime(at: Instant): string {
  const p = vnParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** FRM3: hh:mm dd/mm/yyyy. */
export function formatVnDateTime(at: Instant): string {
  return `${formatVnTime(at)} ${formatVnDate(at)}`;
}

/** dd/MM/yyyy of an ISO date. */
export function formatIsoDate(date: IsoDate): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  return `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)}`;
}
