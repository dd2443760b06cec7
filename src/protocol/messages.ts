/**
 * The sync messages (POST /api/v1/enroll, /push, /pull; GET /api/v1/reference/:kind, /devices).
 * Every request carries `protocolVersion`; every answer carries `serverTime` (epoch ms) so the
 * device measures its clock offset. Types and schemas side by side.
 */
import { z } from 'zod';
import type { DossierEvent } from '../domain/dossier/events';
import type { DossierStatus } from '../domain/dossier/state';
import { dossierEventSchema, idSchema, instantSchema } from './events';
import { rejectReasonSchema, type RejectReason } from './errors';
import { referenceVersionsSchema, type ReferenceVersions } from './reference';
import { LIMITS } from './version';

const str = (max: number) => z.string().min(1).max(max);
const versionField = z.number().int().min(0).max(1_000_000);
const serverTime = instantSchema;

export const DEVICE_ROLES = ['counter', 'kiosk', 'supervisor'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];
export const deviceRoleSchema = z.enum(DEVICE_ROLES);

/** What the device reports on every push and pull. */
export type DeviceStatus = {
  readonly pendingCount: number;
  readonly oldestPendingAt: number | null;
  readonly lastError: string | null;
  readonly appVersion: string;
  readonly storagePersisted: boolean | null;
  /** serverTime − device time, measured on the previous exchange. */
  readonly clockOffsetMs: number | null;
  readonly lastSyncAt: number | null;
};
export const deviceStatusSchema = z.strictObject({
  pendingCount: z.number().int().min(0).max(100_000_000),
  oldestPendingAt: instantSchema.nullable(),
  lastError: z.string().max(LIMITS.text).nullable(),
  appVersion: str(LIMITS.short),
  storagePersisted: z.boolean().nullable(),
  clockOffsetMs: z.number().int().min(-1e12).max(1e12).nullable(),
  lastSyncAt: instantSchema.nullable(),
});

// ---- enroll ---------------------------------------------------------------------------------
export type EnrollRequest = { readonly protocolVersion: number; readonly code: string; readonly deviceName: string; readonly appVersion: string };
export const enrollRequestSchema = z.strictObject({
  protocolVersion: versionField,
  code: str(LIMITS.short),
  deviceName: str(LIMITS.short),
  appVersion: str(LIMITS.short),
});

export type DeviceProfile = {
  readonly deviceId: string;
  /** Bearer token: 32 random bytes, base64url. Shown once; the server keeps only its SHA-256. */
  readonly token: string;
  readonly role: DeviceRole;
  readonly communeId: string;
  readonly communeName: string;
  /** Agency code printed in dossier codes (LIF5), e.g. `000.00.06.H56`. */
  readonly agencyCode: string;
  /** LIF5: the device's own numbering slot 1..99; null for kiosks and supervisors. */
  readonly codeSlot: number | null;
  /** Secret for signing outbox export files (outboxFile.ts). */
  readonly exportKey: string;
  /**
   * SAT3: the commune's secret for receipt check codes (domain kiosk/receiptCheck.ts), shared by
   * its counters, kiosks and the server. Absent in profiles stored before it existed: pulls carry it.
   */
  readonly receiptKey?: string;
  readonly serverTime: number;
};
export const deviceProfileSchema = z.strictObject({
  deviceId: idSchema,
  token: str(200),
  role: deviceRoleSchema,
  communeId: idSchema,
  communeName: str(LIMITS.name),
  agencyCode: str(LIMITS.code),
  codeSlot: z.number().int().min(1).max(99).nullable(),
  exportKey: str(200),
  receiptKey: str(200).optional(),
  serverTime,
});

// ---- push -----------------------------------------------------------------------------------
export type PushRequest = { readonly protocolVersion: number; readonly events: readonly DossierEvent[]; readonly status: DeviceStatus };
export const pushRequestSchema = z.strictObject({
  protocolVersion: versionField,
  events: z.array(dossierEventSchema).max(LIMITS.maxEventsPerPush),
  status: deviceStatusSchema,
});
/**
 * The server reads a push in two steps (parse.ts parsePushRequest): this envelope, then each event
 * on its own, so one bad event is refused by itself and the others of the batch are stored.
 */
export const pushEnvelopeSchema = z.strictObject({
  protocolVersion: versionField,
  events: z.array(z.unknown()).max(LIMITS.maxEventsPerPush),
  status: deviceStatusSchema,
});

/**
 * Per event: `accepted` (stored now, with its serverSeq), `duplicate` (already stored: the same
 * event was pushed before; its serverSeq), `held` (stored apart: it acts on a dossier whose intake
 * the server has not received yet; it is checked and released when the intake arrives, and
 * counts in nothing until then; the device is done with it), or `rejected` with a reason
 * (`invalid`: the event does not match the protocol or cannot be stored as it is; `forbidden`:
 * another commune, another device, a dossier code of another agency, a kiosk pushing a
 * non-rating; `conflict`: the id is taken by a different event). Rejections are permanent:
 * retrying the same event gives the same answer.
 */
export type PushResult =
  | { readonly id: string; readonly outcome: 'accepted'; readonly serverSeq: number }
  | { readonly id: string; readonly outcome: 'duplicate'; readonly serverSeq: number }
  | { readonly id: string; readonly outcome: 'held' }
  | { readonly id: string; readonly outcome: 'rejected'; readonly reason: RejectReason; readonly message: string };
export const pushResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ id: z.string(), outcome: z.literal('accepted'), serverSeq: z.number().int().min(1) }),
  z.strictObject({ id: z.string(), outcome: z.literal('duplicate'), serverSeq: z.number().int().min(1) }),
  z.strictObject({ id: z.string(), outcome: z.literal('held') }),
  z.strictObject({ id: z.string(), outcome: z.literal('rejected'), reason: rejectReasonSchema, message: z.string() }),
]);

export type PushResponse = { readonly serverTime: number; readonly results: readonly PushResult[] };
export const pushResponseSchema = z.strictObject({ serverTime, results: z.array(pushResultSchema) });

// ---- pull -----------------------------------------------------------------------------------
export type PullRequest = { readonly protocolVersion: number; readonly after: number; readonly limit: number; readonly status: DeviceStatus };
export const pullRequestSchema = z.strictObject({
  protocolVersion: versionField,
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(LIMITS.maxPullLimit),
  status: deviceStatusSchema,
});

export type PulledEvent = { readonly serverSeq: number; readonly event: DossierEvent };

/** PD3: what a kiosk may know of a dossier: no names, ID numbers, phones or addresses. */
export type KioskDossier = {
  readonly code: string;
  readonly procedureCode: string;
  readonly procedureName: string;
  /** Who received it (ratings are reported per officer, SAT1). */
  readonly officerId: string;
  readonly status: DossierStatus;
  readonly receivedAt: number;
  readonly dueAt: number | null;
  readonly effectiveDueAt: number | null;
  readonly rated: boolean;
  /** DUE4: while the citizen owes papers, when they were asked for (absent from older servers). */
  readonly supplementRequestedAt?: number | null;
};
const dossierStatusSchema = z.enum([
  'registered',
  'received',
  'refused',
  'processing',
  'supplementRequested',
  'awaitingFinancial',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
]);
export const kioskDossierSchema = z.strictObject({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  officerId: z.string(),
  status: dossierStatusSchema,
  receivedAt: instantSchema,
  dueAt: instantSchema.nullable(),
  effectiveDueAt: instantSchema.nullable(),
  rated: z.boolean(),
  supplementRequestedAt: instantSchema.nullable().optional(),
});

/**
 * Counters and supervisors get `kind: 'events'`: the commune's events after `after`, in serverSeq
 * order. Kiosks get `kind: 'kiosk'`: the dossiers changed after `after` (by the serverSeq of their
 * latest event), reduced to KioskDossier. Both page the same way: keep `next` as the checkpoint
 * once the batch is stored, and pull again while `hasMore`.
 */
export type PullResponse = (
  | {
      readonly kind: 'events';
      readonly serverTime: number;
      readonly events: readonly PulledEvent[];
      readonly next: number;
      readonly hasMore: boolean;
      readonly reference: ReferenceVersions;
    }
  | {
      readonly kind: 'kiosk';
      readonly serverTime: number;
      readonly kioskDossiers: readonly KioskDossier[];
      readonly next: number;
      readonly hasMore: boolean;
      readonly reference: ReferenceVersions;
    }
) & {
  /** SAT3: the commune's receipt key (see DeviceProfile), so devices enrolled before it existed learn it. */
  readonly receiptKey?: string;
};

export const pullResponseSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('events'),
    serverTime,
    events: z.array(z.strictObject({ serverSeq: z.number().int().min(1), event: dossierEventSchema })),
    next: z.number().int().min(0),
    hasMore: z.boolean(),
    reference: referenceVersionsSchema,
    receiptKey: str(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('kiosk'),
    serverTime,
    kioskDossiers: z.array(kioskDossierSchema),
    next: z.number().int().min(0),
    hasMore: z.boolean(),
    reference: referenceVersionsSchema,
    receiptKey: str(200).optional(),
  }),
]);

// ---- devices (supervisor) -------------------------------------------------------------------
export type DeviceInfo = {
  readonly deviceId: string;
  readonly name: string;
  readonly role: DeviceRole;
  readonly codeSlot: number | null;
  readonly enrolledAt: number;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
  readonly appVersion: string | null;
  readonly status: DeviceStatus | null;
  /**
   * Files its events name whose bytes the server does not have yet (DIG2): what the tablet still
   * owes. Absent when the server keeps no files.
   */
  readonly filesMissing?: FilesMissing;
};
export type FilesMissing = { readonly files: number; readonly bytes: number };
export const filesMissingSchema = z.strictObject({ files: z.number().int().min(0), bytes: z.number().int().min(0) });
export const deviceInfoSchema = z.strictObject({
  deviceId: z.string(),
  name: z.string(),
  role: deviceRoleSchema,
  codeSlot: z.number().int().nullable(),
  enrolledAt: instantSchema,
  revokedAt: instantSchema.nullable(),
  lastSeenAt: instantSchema.nullable(),
  appVersion: z.string().nullable(),
  status: deviceStatusSchema.nullable(),
  filesMissing: filesMissingSchema.optional(),
});
export type DevicesResponse = { readonly serverTime: number; readonly devices: readonly DeviceInfo[] };
export const devicesResponseSchema = z.strictObject({ serverTime, devices: z.array(deviceInfoSchema) });

/** HTTP paths, so app and server agree. */
export const API = {
  enroll: '/api/v1/enroll',
  push: '/api/v1/push',
  pull: '/api/v1/pull',
  reference: (kind: string) => `/api/v1/reference/${kind}`,
  devices: '/api/v1/devices',
} as const;

// Compile-time guards.
const _pr = (p: z.infer<typeof pushResponseSchema>): PushResponse => p;
const _pl = (p: z.infer<typeof pullResponseSchema>): PullResponse => p;
const _dp = (p: z.infer<typeof deviceProfileSchema>): DeviceProfile => p;
const _dv = (p: z.infer<typeof devicesResponseSchema>): DevicesResponse => p;
const _pq = (p: z.infer<typeof pushRequestSchema>): PushRequest => p;
void _pr;
void _pl;
void _dp;
void _dv;
void _pq;
