/** The folded state of one dossier (fold.ts computes it; nothing else writes it). */
import type { Instant } from '../time/vnTime';
import type { ProcessingTime, SupplementPolicy } from '../catalog/procedure';
import type { ApologyPayload, Applicant, Channel, DigitisedFile, EventType, IntakeOutcome, PaperReceived, RatingPayload } from './events';

/** LIF1 statuses by name; `NATIONAL_STATUS_CODE` maps them to the wire codes 1–10. */
export type DossierStatus =
  | 'registered' // 1 (arrived online or by post, not received at the counter yet)
  | 'received' // 2
  | 'refused' // 3 (intake refused)
  | 'processing' // 4
  | 'supplementRequested' // 5
  | 'awaitingFinancial' // 6
  | 'withdrawn' // 7
  | 'stopped' // 8
  | 'resolved' // 9
  | 'returned'; // 10

export const NATIONAL_STATUS_CODE = {
  registered: 1,
  received: 2,
  refused: 3,
  processing: 4,
  supplementRequested: 5,
  awaitingFinancial: 6,
  withdrawn: 7,
  stopped: 8,
  resolved: 9,
  returned: 10,
} as const satisfies Record<DossierStatus, number>;

export type NationalStatusCode = (typeof NATIONAL_STATUS_CODE)[DossierStatus];

/** LIF1: the status a wire code stands for; null for a code outside 1–10. */
export function statusOfNationalCode(code: number): DossierStatus | null {
  for (const [status, c] of Object.entries(NATIONAL_STATUS_CODE)) if (c === code) return status as DossierStatus;
  return null;
}

/** DIG1: a file attached to the dossier, with the event that attached it. */
export type AttachedFile = DigitisedFile & {
  readonly kind: 'paper' | 'result';
  readonly eventId: string;
  readonly at: Instant;
  readonly actorId: string;
  readonly deviceId: string;
};

export type Apology = ApologyPayload & { readonly eventId: string; readonly issuedAt: Instant; readonly actorId: string };

export type SupplementRound = {
  readonly requestedAt: Instant;
  readonly missing: readonly string[];
  readonly receivedAt: Instant | null;
  /** The legal due date when the request was made (null for an incomplete intake: none yet). */
  readonly dueAtBefore: Instant | null;
  /** The legal due date the returned papers set (DUE4); null while they are owed. */
  readonly dueAtAfter: Instant | null;
};

/** Why an event did not fit the lifecycle; the event is kept, the dossier is marked. */
export type ConflictReason = 'notAllowedInStatus' | 'beforeReceived' | 'duplicateReceived' | 'secondReschedule' | 'duplicateRating';

export type Conflict = { readonly eventId: string; readonly type: EventType; readonly reason: ConflictReason; readonly at: Instant; readonly deviceId: string };

export type DossierState = {
  readonly id: string;
  readonly code: string;
  readonly communeId: string;
  /** LIF2; 'registered' while a dossier registered online or by post awaits reception (LIF1 status 1). */
  readonly intakeOutcome: IntakeOutcome | 'registered';
  /** LIF1 status 1: when it was registered online or by post, if it was; null otherwise. */
  readonly registeredAt: Instant | null;
  readonly status: DossierStatus;
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly fieldCode: string;
  readonly channel: Channel;
  readonly applicant: Applicant;
  readonly papers: readonly PaperReceived[];
  readonly sets: number;
  readonly feeVnd: number;
  readonly note?: string;
  readonly processing: ProcessingTime;
  readonly supplementPolicy: SupplementPolicy;
  readonly outOfArea: boolean;
  readonly receivedAt: Instant;
  readonly receivedBy: string;
  readonly receivedDeviceId: string;
  readonly calendarVersion: string;
  /** The legal due date; statistics always use it (APO2). Null while not accepted. */
  readonly dueAt: Instant | null;
  /** The date promised to the citizen: `dueAt`, or the apology's new date after a reschedule. */
  readonly effectiveDueAt: Instant | null;
  readonly clockStartAt: Instant | null;
  readonly supplements: readonly SupplementRound[];
  readonly apologies: readonly Apology[];
  readonly rating: (RatingPayload & { readonly at: Instant; readonly eventId: string }) | null;
  readonly resolvedAt: Instant | null;
  readonly returnedAt: Instant | null;
  readonly withdrawnAt: Instant | null;
  readonly stoppedAt: Instant | null;
  /** The written reason of a refusal at intake, a withdrawal or a stop (printed on its notice). */
  readonly closingReason: string | null;
  /** TIM1: when processing ended (resolved, returned, stopped, withdrawn, refused); null while open. */
  readonly endedAt: Instant | null;
  readonly conflicts: readonly Conflict[];
  /** DIG1: the files attached, in event order; a paper's later file replaces the earlier one. */
  readonly files: readonly AttachedFile[];
  readonly eventCount: number;
  readonly lastEventAt: Instant;
  /** The event ids folded, sorted; two states are equal iff they came from the same events. */
  readonly lastEventId: string;
};
