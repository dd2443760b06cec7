/**
 * DUE1–DUE4: due dates counted in working time only (office hours of working days). A working
 * day is the day's office time (8 h by default), so "N working days" and "8·N working hours"
 * give the same date-time: received Friday 27/10/2023 09:32 + 5 working days = Friday 3/11/2023
 * 09:32 (DUE2).
 *
 * Closing-time convention: a span of working time that runs out exactly at the end of an office
 * period ends there (at 11:30 or 17:00) and does not roll over to the next opening. So a clock
 * that starts at an opening ends at a closing: received after closing on Friday, 5 working days
 * run from Monday 07:00 to Friday 17:00 of the same week, not to the next Monday 07:00.
 *
 * Every function returns a Result for bad input and never throws.
 */
import { err, ok, type Result } from '../result';
import { MS_PER_DAY, parseHm, VN_OFFSET_MS, vnInstant, type Instant } from '../time/vnTime';
import type { CutoffRule, ProcessingTime, SupplementPolicy } from '../catalog/procedure';
import type { WorkCalendar } from './types';
import { countWorkingDays, isWorkingDayNumber, parseOfficeHours, stepWorkingDays, type OfficeMinutes } from './workCalendar';

const MIN_MS = 60_000;
const HOUR_MS = 60 * MIN_MS;
/** Instants the calendar handles (the lunar calendar is checked for 1970–2100). */
const EARLIEST = vnInstant(1900, 1, 1);
const LATEST = vnInstant(2200, 1, 1);
const MAX_DAYS = 3650;

export type Due = { readonly clockStartAt: Instant; readonly dueAt: Instant };

/** Office periods of a day in ms after midnight, and the working ms of a whole day. */
type Day = { readonly ms: number; readonly me: number; readonly as: number; readonly ae: number; readonly workMs: number };

const dayOf = (o: OfficeMinutes): Day => ({
  ms: o.ms * MIN_MS,
  me: o.me * MIN_MS,
  as: o.as * MIN_MS,
  ae: o.ae * MIN_MS,
  workMs: (o.me - o.ms + o.ae - o.as) * MIN_MS,
});

const dayNo = (t: Instant) => Math.floor((t + VN_OFFSET_MS) / MS_PER_DAY);
const dayStart = (n: number): Instant => n * MS_PER_DAY - VN_OFFSET_MS;

/** Working ms of a working day elapsed before `x` ms after midnight. */
const workedBefore = (d: Day, x: number) => Math.min(Math.max(x - d.ms, 0), d.me - d.ms) + Math.min(Math.max(x - d.as, 0), d.ae - d.as);

/** The instant when `w` working ms (0 < w ≤ workMs) of working day n have passed; closing-time convention. */
const afterWorked = (d: Day, n: number, w: number): Instant => dayStart(n) + (w <= d.me - d.ms ? d.ms + w : d.as + (w - (d.me - d.ms)));

function checkInstant(t: Instant, what: string): Result<Instant> {
  if (typeof t !== 'number' || !Number.isFinite(t)) return err('calendar.badInstant', `${what} is not a time: ${String(t)}`, { what });
  if (t < EARLIEST || t >= LATEST) return err('calendar.outOfRange', `${what} is outside 1900–2199`, { what });
  return ok(t);
}

function workDay(cal: WorkCalendar): Result<Day> {
  const o = parseOfficeHours(cal.officeHours);
  return o.ok ? ok(dayOf(o.value)) : o;
}

/** Runs calendar code that can only throw on a calendar without working days for ten years. */
function guarded<T>(f: () => Result<T>): Result<T> {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) return err('calendar.noWorkingDay', e.message);
    throw e;
  }
}

function cutoffMs(d: Day, cutoff: CutoffRule): Result<number> {
  switch (cutoff.kind) {
    case 'closing':
      return ok(d.ae);
    case 'at': {
      const m = typeof cutoff.time === 'string' ? parseHm(cutoff.time) : null;
      return m === null ? err('calendar.badTime', `bad cut-off time ${String(cutoff.time)}`, { time: String(cutoff.time) }) : ok(m * MIN_MS);
    }
    case 'beforeClosing':
      return Number.isInteger(cutoff.minutes) && cutoff.minutes >= 0 && cutoff.minutes * MIN_MS < d.ae - d.as
        ? ok(d.ae - cutoff.minutes * MIN_MS)
        : err('calendar.badCutoff', `bad cut-off minutes ${String(cutoff.minutes)}`, { minutes: String(cutoff.minutes) });
    default:
      return err('calendar.badCutoff', `unknown cut-off ${String((cutoff as { kind: unknown }).kind)}`, { minutes: '' });
  }
}

function startOfClock(cal: WorkCalendar, d: Day, receivedAt: Instant, cutoff: CutoffRule): Result<Instant> {
  const c = cutoffMs(d, cutoff);
  if (!c.ok) return c;
  const n = dayNo(receivedAt);
  const x = receivedAt - dayStart(n);
  if (!isWorkingDayNumber(cal, n) || x >= c.value || x >= d.ae) return ok(dayStart(stepWorkingDays(cal, n, 1)) + d.ms);
  if (x < d.ms) return ok(dayStart(n) + d.ms);
  if (x >= d.me && x < d.as) return ok(dayStart(n) + d.as);
  return ok(receivedAt);
}

/**
 * DUE3: when the clock starts for a dossier received at `receivedAt`: then, when inside office
 * hours of a working day before the cut-off; before opening, the opening; at lunch, the afternoon
 * opening; after the cut-off or on a day off, the next working day's opening.
 */
export function clockStart(cal: WorkCalendar, receivedAt: Instant, cutoff: CutoffRule = { kind: 'closing' }): Result<Instant> {
  const t = checkInstant(receivedAt, 'receivedAt');
  if (!t.ok) return t;
  const d = workDay(cal);
  if (!d.ok) return d;
  return guarded(() => startOfClock(cal, d.value, receivedAt, cutoff));
}

/** `from` moved forward by `ms` ≥ 0 of working time (closing-time convention). */
function addWorking(cal: WorkCalendar, d: Day, from: Instant, ms: number): Instant {
  if (ms <= 0) return from;
  const n = dayNo(from);
  let rest = ms;
  if (isWorkingDayNumber(cal, n)) {
    const used = workedBefore(d, from - dayStart(n));
    if (used + ms <= d.workMs) return afterWorked(d, n, used + ms);
    rest = ms - (d.workMs - used);
  }
  const fullDays = Math.ceil(rest / d.workMs) - 1;
  return afterWorked(d, stepWorkingDays(cal, n, fullDays + 1), rest - fullDays * d.workMs);
}

/** Working time in ms from `from` to `to` (0 when `to` ≤ `from`). */
function between(cal: WorkCalendar, d: Day, from: Instant, to: Instant): number {
  if (!(to > from)) return 0;
  const nf = dayNo(from),
    nt = dayNo(to);
  const head = isWorkingDayNumber(cal, nf) ? workedBefore(d, from - dayStart(nf)) : 0;
  const tail = isWorkingDayNumber(cal, nt) ? workedBefore(d, to - dayStart(nt)) : 0;
  return countWorkingDays(cal, nf, nt) * d.workMs - head + tail;
}

/** Working time in ms between two instants (0 when `to` ≤ `from` or either is not a usable time). */
export function workingMsBetween(cal: WorkCalendar, from: Instant, to: Instant): number {
  const d = workDay(cal);
  if (!d.ok || !checkInstant(from, 'from').ok || !checkInstant(to, 'to').ok) return 0;
  return between(cal, d.value, from, to);
}

function checkProcessing(p: ProcessingTime): Result<ProcessingTime> {
  const unit = (p as { unit?: unknown } | null)?.unit;
  switch (unit) {
    case 'sameDay':
      return ok(p);
    case 'workingDays':
    case 'workingHours': {
      const amount = (p as { amount: unknown }).amount;
      const max = unit === 'workingDays' ? MAX_DAYS : MAX_DAYS * 24;
      return typeof amount === 'number' && Number.isInteger(amount) && amount > 0 && amount <= max
        ? ok(p)
        : err('calendar.badAmount', `processing amount must be a whole number from 1 to ${max}, got ${String(amount)}`, { amount: String(amount) });
    }
    default:
      return err('calendar.badUnit', `unknown processing unit ${String(unit)}`, { unit: String(unit) });
  }
}

function dueFrom(cal: WorkCalendar, d: Day, clockStartAt: Instant, p: ProcessingTime): Instant {
  switch (p.unit) {
    case 'sameDay':
      return dayStart(dayNo(clockStartAt)) + d.ae;
    case 'workingDays':
      return addWorking(cal, d, clockStartAt, p.amount * d.workMs);
    case 'workingHours':
      return addWorking(cal, d, clockStartAt, p.amount * HOUR_MS);
  }
}

/**
 * DUE2: the due date of a dossier received at `receivedAt`: the clock start (DUE3) plus the
 * processing time in working time; `sameDay` is due at closing time of the clock-start day.
 */
export function computeDue(
  cal: WorkCalendar,
  input: { readonly receivedAt: Instant; readonly processing: ProcessingTime; readonly cutoff?: CutoffRule },
): Result<Due> {
  const p = checkProcessing(input.processing);
  if (!p.ok) return p;
  const t = checkInstant(input.receivedAt, 'receivedAt');
  if (!t.ok) return t;
  const d = workDay(cal);
  if (!d.ok) return d;
  return guarded(() => {
    const start = startOfClock(cal, d.value, input.receivedAt, input.cutoff ?? { kind: 'closing' });
    if (!start.ok) return start;
    return ok({ clockStartAt: start.value, dueAt: dueFrom(cal, d.value, start.value, p.value) });
  });
}

/** DUE4: the due date after a supplement, with both supplement timestamps kept. */
export type SupplementDue = Due & {
  readonly requestedAt: Instant;
  readonly receivedAt: Instant;
  /** Working time the clock stood still ('pause'), or 0 ('restart'). */
  readonly pausedMs: number;
};

/**
 * DUE4: the due date once the requested papers are complete. `restart`: a fresh computeDue from
 * the supplement's receipt (the clock starts again from zero). `pause`: the clock start stays and
 * the old due date moves later by the working time between the request (or the clock start, if
 * later) and the receipt.
 */
export function dueAfterSupplement(
  cal: WorkCalendar,
  input: {
    readonly policy: SupplementPolicy;
    readonly processing: ProcessingTime;
    readonly cutoff?: CutoffRule;
    readonly clockStartAt: Instant;
    readonly dueAt: Instant;
    readonly requestedAt: Instant;
    readonly receivedAt: Instant;
  },
): Result<SupplementDue> {
  for (const what of ['clockStartAt', 'dueAt', 'requestedAt', 'receivedAt'] as const) {
    const t = checkInstant(input[what], what);
    if (!t.ok) return t;
  }
  const { requestedAt, receivedAt } = input;
  if (receivedAt < requestedAt) {
    return err('calendar.supplementBeforeRequest', 'the supplement came before it was requested');
  }
  if (input.policy === 'restart') {
    const r = computeDue(cal, { receivedAt, processing: input.processing, cutoff: input.cutoff });
    return r.ok ? ok({ ...r.value, requestedAt, receivedAt, pausedMs: 0 }) : r;
  }
  if (input.policy !== 'pause') return err('calendar.badPolicy', `unknown supplement policy ${String(input.policy)}`, { policy: String(input.policy) });
  const p = checkProcessing(input.processing);
  if (!p.ok) return p;
  const d = workDay(cal);
  if (!d.ok) return d;
  return guarded(() => {
    const pausedMs = between(cal, d.value, Math.max(requestedAt, input.clockStartAt), receivedAt);
    return ok({ clockStartAt: input.clockStartAt, dueAt: addWorking(cal, d.value, input.dueAt, pausedMs), requestedAt, receivedAt, pausedMs });
  });
}
