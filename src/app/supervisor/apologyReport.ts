/**
 * APO1–APO3 for a period: every dossier late in it (resolved late, or in progress past its legal
 * due date, by the Biểu 06 cells, so the list agrees with the report), each judged by the domain's
 * `apologyCompliance`; and the reschedules (apologies issued in the period).
 */
import { idsOf, type Bieu06 } from '../../domain/stats/bieu06';
import { inRange } from '../../domain/stats/periods';
import type { DossierState } from '../../domain/dossier/state';
import type { WorkCalendar } from '../../domain/calendar/types';
import { apologyCompliance, apologyDeadline, type ApologyCompliance } from '../../domain/timeliness/apology';
import { vnDate } from '../../domain/time/vnTime';

export type LateDossier = { readonly state: DossierState; readonly compliance: Exclude<ApologyCompliance, 'notLate'>; readonly deadline: string | null };

export type ApologyReport = {
  readonly late: readonly LateDossier[];
  readonly noApology: number;
  readonly lateApology: number;
  readonly compliant: number;
  /** compliant ÷ late; null when nothing was late. */
  readonly rate: number | null;
  /** Dossiers whose return date was rescheduled (an apology issued) in the period. */
  readonly rescheduled: readonly DossierState[];
};

export function apologyReport(report: Bieu06, states: readonly DossierState[], cal: WorkCalendar): ApologyReport {
  const byId = new Map(states.map((s) => [s.id, s]));
  const lateIds = [...idsOf(report.total, 'resolved.late'), ...idsOf(report.total, 'inProgress.overdue')];
  const late: LateDossier[] = [];
  for (const id of lateIds) {
    const s = byId.get(id);
    if (!s) continue;
    const c = apologyCompliance(s, report.end, cal);
    // a dossier the report counts late is late by the same legal date; 'notLate' cannot happen, but never hide one
    late.push({ state: s, compliance: c === 'notLate' ? 'noApology' : c, deadline: apologyDeadline(s, cal) });
  }
  const count = (k: LateDossier['compliance']) => late.filter((l) => l.compliance === k).length;
  const compliant = count('compliant');
  const rescheduled = states.filter((s) => s.apologies.some((a) => a.issuedAt < report.end && inRange(vnDate(a.issuedAt), report.range)));
  return {
    late,
    noApology: count('noApology'),
    lateApology: count('lateApology'),
    compliant,
    rate: late.length === 0 ? null : compliant / late.length,
    rescheduled,
  };
}
