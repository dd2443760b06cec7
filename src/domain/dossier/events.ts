/**
 * The dossier event log (DESIGN "Data"). Events are facts recorded on a device; the state of a
 * dossier is a pure fold over them (fold.ts). An event carries the decisions made when it was
 * recorded (the due date computed with the calendar version the device had), so every device
 * and the server fold the same events to the same state without needing the same reference data.
 */
import type { Instant } from '../time/vnTime';
import type { PaperKind, ProcessingTime, SupplementPolicy } from '../catalog/procedure';

/** LIF4: 1 in person, 2 online, 3 public postal service. */
export type Channel = 1 | 2 | 3;

export type IdPaperType = 'cccd' | 'passport' | 'other';

export type Applicant = {
  readonly name: string;
  readonly idType: IdPaperType;
  readonly idNumber?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly email?: string;
  readonly organisation?: string;
};

export type PaperReceived = { readonly paperId: string; readonly name: string; readonly kind: PaperKind; readonly count: number };

/** LIF2: how intake ended. */
export type IntakeOutcome = 'accepted' | 'incomplete' | 'refused';

export type ReceivedPayload = {
  readonly outcome: IntakeOutcome;
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
  /** DUE2: computed at intake; null unless accepted. */
  readonly dueAt: Instant | null;
  /** When the clock started (DUE3: the next working day's opening when received after the cut-off). */
  readonly clockStartAt: Instant | null;
  /** The calendar version the due date was computed with (CAL4), so upstream can reproduce it. */
  readonly calendarVersion: string;
  /** outcome 'incomplete': everything missing, in one list (Phiếu yêu cầu bổ sung). */
  readonly missing?: readonly string[];
  /** outcome 'refused': the written reason (Phiếu từ chối). */
  readonly refusalReason?: string;
  /** Applicant's commune is outside this one (phi địa giới), for the out-of-area column. */
  readonly outOfArea?: boolean;
};

export type ApologyChannel = 'paper' | 'sms' | 'phone' | 'email' | 'app';

export type ApologyPayload = {
  /** APO4: the notice number. */
  readonly number: string;
  readonly reason: string;
  /** APO2: the new return date; becomes the effective due date for the citizen. */
  readonly newDueAt: Instant;
  /** APO3: who signed (head of the responsible agency). */
  readonly signer: string;
  readonly channel: ApologyChannel;
};

/** SAT1: three levels. */
export type RatingLevel = 'verySatisfied' | 'satisfied' | 'dissatisfied';

export type RatingPayload = {
  readonly level: RatingLevel;
  /** SAT1 criteria 1–9, each rated on the same three levels, when the citizen gave them. */
  readonly criteria?: Readonly<Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9, RatingLevel>>>;
  /** What went wrong, when dissatisfied: reason codes. */
  readonly reasons?: readonly string[];
  readonly comment?: string;
  /** From the receipt QR: who received the dossier and which procedure (per-officer reports). */
  readonly officerId?: string;
  readonly procedureCode?: string;
  /** SAT3: the receipt's check code the citizen gave (typed, or read from the QR), which binds the rating to the dossier. */
  readonly checkCode?: string;
};

// ---- LIF1 status 1 --------------------------------------------------------------
/**
 * A dossier that arrived already registered (online, or by the public postal service) before
 * the counter received it: status 1. The counter's `received` event on the same code is its
 * reception (LIF2); until then it counts in no report.
 */
export type RegisteredPayload = {
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly fieldCode: string;
  readonly channel: 2 | 3;
  readonly applicant: Applicant;
  readonly note?: string;
};

// ---- Digitisation (DIG1): files named by content; the bytes travel apart (DESIGN "Files").

/** The types a digitised file may have (checked by magic bytes on the tablet and the server). */
export type DigitisedFileType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** One file attached to a dossier: one paper of the procedure's list (or the result), all its pages. */
export type DigitisedFile = {
  /** Lower-case hex SHA-256 of the bytes: the file's name everywhere (content-addressed). */
  readonly sha256: string;
  readonly size: number;
  readonly type: DigitisedFileType;
  readonly pages: number;
  /** The paper's id in the procedure's list (RequiredPaper.id), or RESULT_PAPER_CODE. */
  readonly paperCode: string;
  /** The paper's name as shown to the officer (and the file name upstream). */
  readonly name: string;
};

/** When the papers were digitised: at intake, when the citizen brought the missing papers, or later. */
export type DigitisedStage = 'intake' | 'supplement' | 'later';

export type PapersDigitisedPayload = { readonly stage: DigitisedStage; readonly files: readonly DigitisedFile[] };
export type ResultDigitisedPayload = { readonly files: readonly DigitisedFile[] };

/** The event types and their payloads. */
export type EventPayloads = {
  /** Intake at the counter (LIF2): accepted, incomplete or refused. */
  received: ReceivedPayload;
  /** Handed to the processing unit (status 4). */
  transferred: { readonly toUnit: string; readonly note?: string };
  /** DUE4, status 5: one list of everything missing. */
  supplementRequested: { readonly missing: readonly string[]; readonly note?: string };
  /** The papers are complete again; carries the due date recomputed per the supplement policy. */
  supplementReceived: { readonly dueAt: Instant; readonly clockStartAt: Instant; readonly calendarVersion: string; readonly note?: string };
  /** Status 6. */
  awaitingFinancial: { readonly note?: string };
  /** Status 9. */
  resolved: { readonly note?: string };
  /** Status 10. */
  resultReturned: { readonly note?: string };
  /** LIF3: withdrawn by the citizen (status 7). */
  withdrawn: { readonly reason: string };
  /** LIF3: stopped at the citizen's request (status 8). */
  stopped: { readonly reason: string };
  /** APO1–APO4. */
  apologyIssued: ApologyPayload;
  /** SAT1: one rating per dossier. */
  rated: RatingPayload;
  /** LIF1 status 1: registered online or by post, not received at the counter yet. */
  registered: RegisteredPayload;
  /** DIG1: files of papers received (one per paper); a later file of the same paper replaces it. */
  papersDigitised: PapersDigitisedPayload;
  /** DIG1: the result's files (giấy tờ kết quả). */
  resultDigitised: ResultDigitisedPayload;
};

export type EventType = keyof EventPayloads;

export const EVENT_TYPES = [
  'received',
  'transferred',
  'supplementRequested',
  'supplementReceived',
  'awaitingFinancial',
  'resolved',
  'resultReturned',
  'withdrawn',
  'stopped',
  'apologyIssued',
  'rated',
  'registered',
  'papersDigitised',
  'resultDigitised',
] as const satisfies readonly EventType[];

export type EventEnvelope = {
  /** UUIDv7 made on the device: globally unique and time-ordered. */
  readonly id: string;
  /** The dossier code (LIF5), unique because devices issue codes in their own slots. */
  readonly dossierId: string;
  readonly communeId: string;
  readonly deviceId: string;
  /** The user (officer) who acted; for kiosk ratings, the kiosk's device id. */
  readonly actorId: string;
  /** Device time of the action. */
  readonly at: Instant;
  /** The device's UTC offset in minutes when it recorded the event (420 in Vietnam). */
  readonly tzOffsetMin: number;
  /** Per-device monotonic sequence, 1, 2, 3 … */
  readonly deviceSeq: number;
};

export type DossierEventOf<T extends EventType> = EventEnvelope & { readonly type: T; readonly payload: EventPayloads[T] };

export type DossierEvent = { [T in EventType]: DossierEventOf<T> }[EventType];
