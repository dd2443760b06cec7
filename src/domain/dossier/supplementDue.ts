/**
 * DUE4: the new due date when the missing papers arrive. A dossier taken in incomplete (no clock
 * yet) starts its clock now with the processing time kept on it; one that was being handled
 * follows its procedure's policy (restart or pause) from the open supplement round.
 */
import type { CutoffRule } from '../catalog/procedure';
import { dueAfterSupplement, type Due } from '../calendar/dueDate';
import type { WorkCalendar } from '../calendar/types';
import type { Result } from '../result';
import type { Instant } from '../time/vnTime';
import type { DossierState } from './state';

export function supplementReceivedDue(
  cal: WorkCalendar,
  state: Pick<DossierState, 'supplements' | 'dueAt' | 'clockStartAt' | 'processing' | 'supplementPolicy' | 'receivedAt'>,
  receivedAt: Instant,
  cutoff?: CutoffRule,
): Result<Due> {
  const round = state.supplements.at(-1);
  if (!round || state.dueAt === null || state.clockStartAt === null) {
    return dueAfterSupplement(cal, {
      policy: 'restart',
      processing: state.processing,
      cutoff,
      clockStartAt: receivedAt,
      dueAt: receivedAt,
      requestedAt: state.receivedAt,
      receivedAt,
    });
  }
  return dueAfterSupplement(cal, {
    policy: state.supplementPolicy,
    processing: state.processing,
    cutoff,
    clockStartAt: state.clockStartAt,
    dueAt: state.dueAt,
    requestedAt: round.requestedAt,
    receivedAt,
  });
}
