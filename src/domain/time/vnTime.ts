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

/**
 * The proleptic Gregorian date of a day number (days since 1970-01-01), as `Date` gives it, in
 * integer arithmetic (H. Hinnant's civil_from_days): reports ask this for every dossier and month,
 * and a `Date` with its seven getters costs several times more.
 */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Wall-clock parts in Vietnam; weekday 0 = Sunday … 6 = Saturday. */
export function vnParts(at: Instant): VnParts {
  const local = at + VN_OFFSET_MS;
  const days = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
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
  const days = Math.floor((at + VN_OFFSET_MS) / MS_PER_DAY);
  let date = datesOfDays.get(days);
  if (date === undefined) {
    const { year, month, day } = civilFromDays(days);
    date = isoDate(year, month, day);
    if (datesOfDays.size >= 50_000) datesOfDays.clear();
    datesOfDays.set(days, date);
  }
  return date;
}
/** The dates of the days asked lately: a report asks the same few hundred days over and over. */
const datesOfDays = new Map<number, IsoDate>();

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
