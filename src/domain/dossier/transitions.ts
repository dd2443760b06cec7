/**
 * LIF1–LIF3: which events each status allows, and where they lead. The table is data the
 * compiler checks (`satisfies Record<DossierStatus, …>`); a test walks every row.
 */
import type { EventType, IntakeOutcome } from './events';
import type { DossierState, DossierStatus } from './state';

const OPEN_ACTIONS = [
  'transferred',
  'supplementRequested',
  'awaitingFinancial',
  'resolved',
  'withdrawn',
  'stopped',
  'apologyIssued',
  'rated',
  'papersDigitised',
] as const;

export const TRANSITIONS = {
  // LIF1 status 1: arrived online or by post; the counter's reception (`received`) or a withdrawal follows.
  registered: ['received', 'withdrawn'],
  received: OPEN_ACTIONS,
  processing: OPEN_ACTIONS,
  awaitingFinancial: OPEN_ACTIONS,
  supplementRequested: ['supplementReceived', 'withdrawn', 'stopped', 'apologyIssued', 'rated', 'papersDigitised'],
  // A result can still be late; an apology recorded now is kept and reported as late (APO1).
  // DIG1: papers may still be digitised after the decision, the result once it exists.
  resolved: ['resultReturned', 'apologyIssued', 'rated', 'papersDigitised', 'resultDigitised'],
  returned: ['rated', 'papersDigitised', 'resultDigitised'],
  refused: ['rated'],
  withdrawn: ['rated'],
  stopped: ['rated'],
} as const satisfies Record<DossierStatus, readonly EventType[]>;

/** The status an event leads to; `undefined` when it does not change the status. */
export const NEXT_STATUS = {
  received: undefined,
  transferred: 'processing',
  supplementRequested: 'supplementRequested',
  supplementReceived: 'processing',
  awaitingFinancial: 'awaitingFinancial',
  resolved: 'resolved',
  resultReturned: 'returned',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
  apologyIssued: undefined,
  rated: undefined,
  registered: undefined,
  papersDigitised: undefined,
  resultDigitised: undefined,
} as const satisfies Record<EventType, DossierStatus | undefined>;

/** LIF2: the status right after intake. */
export const STATUS_AFTER_INTAKE = {
  accepted: 'received',
  incomplete: 'supplementRequested',
  refused: 'refused',
} as const satisfies Record<IntakeOutcome, DossierStatus>;

export function isAllowed(status: DossierStatus, type: EventType): boolean {
  return (TRANSITIONS[status] as readonly EventType[]).includes(type);
}

/** The actions the counter may offer for a dossier now. */
export function allowedActions(state: Pick<DossierState, 'status' | 'rating' | 'apologies'>): EventType[] {
  return (TRANSITIONS[state.status] as readonly EventType[]).filter((type) => {
    if (type === 'rated') return state.rating === null;
    if (type === 'apologyIssued') return state.apologies.length === 0;
    return true;
  });
}

/** An action the counter shows for a dossier: offered, or shown disabled with the rule that forbids it. */
export type CounterOffer = { readonly type: EventType; readonly blockedBy: 'apology.secondReschedule' | null };

/**
 * The counter's action buttons: every action the status allows except intake and rating (the
 * kiosk's). A second apology is shown disabled with its reason (APO2: the return date may be
 * rescheduled only once) rather than offered and refused after the form is filled.
 */
export function counterActions(state: Pick<DossierState, 'status' | 'rating' | 'apologies'>): CounterOffer[] {
  return (TRANSITIONS[state.status] as readonly EventType[])
    .filter((type) => type !== 'received' && type !== 'rated' && type !== 'registered' && type !== 'papersDigitised' && type !== 'resultDigitised')
    .map((type) => ({ type, blockedBy: type === 'apologyIssued' && !allowedActions(state).includes(type) ? 'apology.secondReschedule' : null }));
}
