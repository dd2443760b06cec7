/**
 * THE definition of "overdue", "at risk" and "within time" (TIM2, DUE4, APO2, REP1a). Every list,
 * badge, count and report calls these, so a number and the label on a row never disagree.
 *
 * - Statistics and the counter's lists judge an open dossier against its LEGAL due date (APO2: a
 *   reschedule never makes a dossier on time); the date promised to the citizen (the apology's new
 *   date) is shown beside it ("quá hạn, đã hẹn lại 12/12") and is what the citizen is told.
 * - DUE4: while the citizen owes papers the clock does not run against the agency. Under
 *   'restart' there is no running due date until the papers are complete; under 'pause' the due
 *   date moves by the working time waited so far, so the dossier can be overdue while waiting only
 *   when it was already overdue when the papers were requested. Otherwise it is "chờ bổ sung".
 * - REP1a: a dossier judged at a moment is judged by its events up to that moment (device time):
 *   `stateAt` rebuilds what the folded state was then from the times the state keeps.
 */
import type { WorkCalendar } from '../calendar/types';
import { nextWorkingDay } from '../calendar/workCalendar';
import type { DossierState, DossierStatus, SupplementRound } from '../dossier/state';
import { addDays, startOfVnDay, vnDate, type Instant } from '../time/vnTime';

const OPEN_STATUSES: ReadonlySet<DossierStatus> = new Set(['registered', 'received', 'processing', 'awaitingFinancial']);

/** The legal due date as it stood at `at` (each supplement round keeps the date before and after it). */
function legalDueAt(s: DossierState, rounds: readonly SupplementRound[], at: Instant): Instant | null {
  let due = rounds[0] ? rounds[0].dueAtBefore : s.dueAt;
  for (const r of rounds) {
    if (r.requestedAt >= at) break;
    due = r.receivedAt !== null && r.receivedAt < at ? r.dueAtAfter : r.dueAtBefore;
  }
  return due;
}

/**
 * REP1a: the dossier as it stood just before `at`, from its events with device time before `at`
 * (whenever they were synced). Times after `at` are forgotten, the due dates are those then in
 * force, the rating given later is left out. The status is rebuilt from the times; the conflict
 * list and the event counters stay those of now (no rule that judges a moment reads them).
 */
export function stateAt(s: DossierState, at: Instant): DossierState {
  if (s.lastEventAt < at && s.receivedAt < at) return s;
  const before = (t: Instant | null) => (t !== null && t < at ? t : null);
  const supplements = s.supplements
    .filter((r) => r.requestedAt < at)
    .map((r) => (r.receivedAt !== null && r.receivedAt >= at ? { ...r, receivedAt: null, dueAtAfter: null } : r));
  const dueAt = legalDueAt(s, s.supplements, at);
  const apologies = s.apologies.filter((a) => a.issuedAt < at);
  const resolvedAt = before(s.resolvedAt),
    returnedAt = before(s.returnedAt),
    withdrawnAt = before(s.withdrawnAt),
    stoppedAt = before(s.stoppedAt);
  const endedAt = before(s.endedAt);
  const waiting = supplements.at(-1)?.receivedAt === null;
  const status: DossierStatus =
    s.status === 'refused'
      ? 'refused'
      : endedAt !== null && endedAt === withdrawnAt
        ? 'withdrawn'
        : endedAt !== null && endedAt === stoppedAt
          ? 'stopped'
          : returnedAt !== null
            ? 'returned'
            : resolvedAt !== null
              ? 'resolved'
              : waiting
                ? 'supplementRequested'
                : OPEN_STATUSES.has(s.status)
                  ? s.status
                  : 'processing';
  return {
    ...s,
    status,
    dueAt,
    effectiveDueAt: apologies[0]?.newDueAt ?? dueAt,
    supplements,
    apologies,
    rating: s.rating !== null && s.rating.at < at ? s.rating : null,
    resolvedAt,
    returnedAt,
    withdrawnAt,
    stoppedAt,
    endedAt,
  };
}

/** DUE4: the supplement round the citizen still owed papers for (of the state as given), or null. */
export function openSupplement(s: DossierState): SupplementRound | null {
  const last = s.supplements.at(-1);
  return last && last.receivedAt === null ? last : null;
}

/**
 * The legal due date an open dossier is judged by (of the state as given), or null when there is
 * none: not accepted yet, or the clock stopped while the citizen owes papers (DUE4). Under
 * 'pause', a request made after the due date had passed leaves the dossier overdue.
 */
export function runningDueAt(s: DossierState): Instant | null {
  const owed = openSupplement(s);
  if (!owed) return s.dueAt;
  if (s.supplementPolicy === 'pause' && owed.dueAtBefore !== null && owed.requestedAt > owed.dueAtBefore) return owed.dueAtBefore;
  return null;
}

/**
 * TIM2 without a calendar: open just before `at` and past its running legal due date (REP1a: as
 * it stood then). `at` is a report's end (exclusive: an event at the end belongs to the next period).
 */
export function isOverdueAt(s: DossierState, at: Instant): boolean {
  const t = stateAt(s, at);
  if (t.endedAt !== null) return false;
  const due = runningDueAt(t);
  return due !== null && at > due;
}

export type OpenTimeliness = 'withinTime' | 'atRisk' | 'overdue' | 'awaitingSupplement';

/** The end of the next working day after `now`'s date: a due date before it is "at risk". */
export function atRiskHorizon(cal: WorkCalendar, now: Instant): Instant {
  return startOfVnDay(addDays(nextWorkingDay(cal, vnDate(now)), 1));
}

/** TIM2 for a running due date. */
export function classifyDue(due: Instant, now: Instant, cal: WorkCalendar): Exclude<OpenTimeliness, 'awaitingSupplement'> {
  if (now > due) return 'overdue';
  return due < atRiskHorizon(cal, now) ? 'atRisk' : 'withinTime';
}

/** What a row, a badge or a report says about an open dossier at `now`. */
export type OpenJudgement = {
  readonly kind: OpenTimeliness;
  /** The legal due date judged by; null while the clock stands still (DUE4). */
  readonly dueAt: Instant | null;
  /** APO2: the date promised to the citizen, when an apology moved it; else null. */
  readonly rescheduledTo: Instant | null;
  /** When the papers still owed were requested (DUE4, "chờ bổ sung từ 12/12"), else null. */
  readonly supplementRequestedAt: Instant | null;
};

/** TIM2, DUE4, APO2 at `now`; null when the dossier had ended, was not accepted (yet) or did not exist then. */
export function judgeOpen(s: DossierState, now: Instant, cal: WorkCalendar): OpenJudgement | null {
  if (s.receivedAt > now) return null;
  // what has happened up to and including `now` (stateAt keeps what came strictly before its moment)
  const t = stateAt(s, now + 1);
  if (t.endedAt !== null || t.status === 'refused') return null;
  const owed = openSupplement(t);
  if (t.dueAt === null && !owed) return null;
  const due = runningDueAt(t);
  const rescheduledTo = t.effectiveDueAt !== null && t.effectiveDueAt !== t.dueAt ? t.effectiveDueAt : null;
  return {
    kind: due === null ? 'awaitingSupplement' : classifyDue(due, now, cal),
    dueAt: due,
    rescheduledTo,
    supplementRequestedAt: owed ? owed.requestedAt : null,
  };
}

/**
 * Decision 766 (IND1, DUE4): supplement requests made during processing up to `at` (the list of
 * an incomplete intake is not one: the dossier was not received yet). Two or more make the
 * dossier late in 766's on-time measure; Biểu 06 keeps counting by dates.
 */
export function supplementRequestsAt(s: DossierState, at: Instant): number {
  const n = s.supplements.filter((r) => r.requestedAt < at).length;
  return s.intakeOutcome === 'incomplete' ? Math.max(0, n - 1) : n;
}

export const isLateBy766SecondSupplement = (s: DossierState, at: Instant): boolean => supplementRequestsAt(s, at) >= 2;
