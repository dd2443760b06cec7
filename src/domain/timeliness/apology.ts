/**
 * APO1–APO4: the written apology for a dossier that will be late. It must reach the citizen no
 * later than one day before the due date, a working day (APO1); the return date may be rescheduled only once
 * (APO2) and the new date becomes the date promised to the citizen, while statistics keep the
 * original due date. A late apology is still recorded (the agency owes it anyway) but reported
 * as non-compliant (APO3), so `checkApology` returns it as a warning, not an error.
 */
import { err, ok, type Result } from '../result';
import type { WorkCalendar } from '../calendar/types';
import { addDays, vnDate, type Instant, type IsoDate } from '../time/vnTime';
import type { ApologyPayload } from '../dossier/events';
import type { DossierState } from '../dossier/state';
import { endTimeliness } from './timeliness';
import { isOverdueAt, stateAt } from './judge';
import { previousWorkingDay } from '../calendar/workCalendar';

export type ApologyWarning = 'apology.tooLate';

/**
 * APO1: how "no later than one day before the due date" is read. `lastWorkingDay` (default): the
 * office cannot send a notice on a day off, so when the day before the due day is one, the
 * deadline is the last working day before it. `calendarDay`: the day before, whatever it is (a
 * province that reads it so sets this).
 */
export type ApologyDeadlineRule = 'lastWorkingDay' | 'calendarDay';

/** APO1: the last day an apology may be issued, from the legal due day. */
export function apologyDeadline(s: Pick<DossierState, 'dueAt'>, cal: WorkCalendar, rule: ApologyDeadlineRule = 'lastWorkingDay'): IsoDate | null {
  if (s.dueAt === null) return null;
  const dayBefore = addDays(vnDate(s.dueAt), -1);
  if (rule === 'calendarDay' || cal.isWorkingDay(dayBefore)) return dayBefore;
  return previousWorkingDay(cal, dayBefore);
}

export function checkApology(s: DossierState, payload: ApologyPayload, issuedAt: Instant, cal: WorkCalendar): Result<{ warnings: ApologyWarning[] }> {
  if (
    s.dueAt === null ||
    s.effectiveDueAt === null ||
    s.status === 'refused' ||
    s.status === 'withdrawn' ||
    s.status === 'stopped' ||
    s.status === 'returned'
  ) {
    return err('apology.notAllowed', 'an apology needs an accepted dossier that is still being handled');
  }
  if (s.apologies.length > 0) return err('apology.secondReschedule', 'the return date may be rescheduled only once');
  if (!payload.reason.trim()) return err('apology.reasonRequired', 'the apology must state the reason');
  if (!payload.signer.trim()) return err('apology.signerRequired', 'the apology must name its signer');
  if (!payload.number.trim()) return err('apology.numberRequired', 'the apology needs a number');
  if (!Number.isFinite(payload.newDueAt) || payload.newDueAt <= s.effectiveDueAt) {
    return err('apology.newDateNotAfterDue', 'the new return date must be after the current one');
  }
  if (!cal.isWorkingDay(vnDate(payload.newDueAt))) {
    return err('apology.newDateNotWorkingDay', 'the new return date must be a working day', { date: vnDate(payload.newDueAt) });
  }
  const deadline = apologyDeadline(s, cal);
  const warnings: ApologyWarning[] = deadline !== null && vnDate(issuedAt) > deadline ? ['apology.tooLate'] : [];
  return ok({ warnings });
}

export type ApologyCompliance = 'notLate' | 'noApology' | 'lateApology' | 'compliant';

/**
 * APO3: for a dossier late as of `asOf` (ended late, or open past its running legal due date,
 * judge.ts), judged by what had happened by then (REP1a).
 */
export function apologyCompliance(s: DossierState, asOf: Instant, cal: WorkCalendar): ApologyCompliance {
  const t = stateAt(s, asOf);
  if (t.dueAt === null) return 'notLate';
  const late = t.endedAt !== null ? endTimeliness(t) === 'late' : isOverdueAt(s, asOf);
  if (!late) return 'notLate';
  const apology = t.apologies[0];
  if (!apology) return 'noApology';
  const deadline = apologyDeadline(t, cal);
  return deadline !== null && vnDate(apology.issuedAt) > deadline ? 'lateApology' : 'compliant';
}
