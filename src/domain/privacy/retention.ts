/**
 * RET1 (PD1, PD4): a dossier leaves its personal data on the tablet once it is closed
 * (returned to the citizen, refused at intake, withdrawn, stopped), every one of its events is
 * confirmed by the server, and the commune's retention period has passed since it closed. What
 * reports need (code, procedure, field, dates, status, officer, rating level) stays.
 * RET2: nothing the server has not confirmed is ever dropped.
 */
import type { DossierEvent, EventType } from '../dossier/events';
import type { DossierState, DossierStatus } from '../dossier/state';

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

const CLOSED: ReadonlySet<DossierStatus> = new Set(['returned', 'refused', 'withdrawn', 'stopped']);

/** When the dossier closed (for retention), or null while it is not closed. */
export function closedAt(s: DossierState): number | null {
  if (!CLOSED.has(s.status)) return null;
  return s.status === 'returned' ? s.returnedAt : s.endedAt;
}

export function retentionDue(s: DossierState, allConfirmed: boolean, now: number, retentionDays: number): boolean {
  const at = closedAt(s);
  return allConfirmed && at !== null && now >= at + retentionDays * DAY_MS;
}

/** The payload fields a person wrote or that name the citizen, per event type, and what replaces them. */
const FREE_TEXT: Partial<Record<EventType, readonly string[]>> = {
  received: ['note', 'refusalReason'],
  transferred: ['note'],
  supplementRequested: ['note'],
  supplementReceived: ['note'],
  awaitingFinancial: ['note'],
  resolved: ['note'],
  resultReturned: ['note'],
  rated: ['comment'],
};
const REQUIRED_TEXT: Partial<Record<EventType, readonly string[]>> = { withdrawn: ['reason'], stopped: ['reason'] };

/** The event without personal data: the applicant keeps only the kind of ID paper; free text goes. */
export function withoutPersonalData(e: DossierEvent): DossierEvent {
  const p: Record<string, unknown> = { ...(e.payload as Record<string, unknown>) };
  if (e.type === 'received') p.applicant = { name: '', idType: e.payload.applicant.idType };
  for (const k of FREE_TEXT[e.type] ?? []) delete p[k];
  for (const k of REQUIRED_TEXT[e.type] ?? []) p[k] = '';
  return { ...e, payload: p } as DossierEvent;
}
