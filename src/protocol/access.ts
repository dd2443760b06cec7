/**
 * The access log on the wire (PD4). A stream of its own beside the event log: records are not
 * dossier events (they change no state, count in no report, are never pulled by other tablets),
 * and one record may name many dossiers (an exported list). The tablet keeps each record in
 * IndexedDB until the server confirms it, like the outbox.
 *
 * POST /api/v1/access-log            a device's records (counter and supervisor devices)
 * GET  /api/v1/access-log?…          the commune's records, newest first (the tablet's supervisor screen)
 * GET  /api/v1/upstream/access-log?… the records of the communes in the supervisor's scope
 * GET  /api/v1/dossiers/:code        RET3: one dossier's events, for a tablet that purged them
 */
import { z } from 'zod';
import { ACCESS_PUSH_LIMITS } from './version';
import { ACCESS_DETAIL_PATTERN, ACCESS_KINDS, MAX_DOSSIERS_PER_RECORD, parseAccessCursor, type AccessKind } from '../domain/privacy/accessLog';
import { dossierEventSchema, idSchema, instantSchema, uuidSchema } from './events';
import { detailsOf, rejectReasonSchema, type RejectReason } from './errors';
import type { PulledEvent } from './messages';
import type { Parsed } from './parse';
import { firstUnstorable, unstorableText } from './storable';
import { LIMITS, MIN_CLIENT_PROTOCOL, PROTOCOL_VERSION, versionProblem } from './version';

const serverTime = instantSchema;
const versionField = z.number().int().min(0).max(1_000_000);

/** Records in one push at most (and dossier ids over all of them, so a push stays far below the body limit). */
export { ACCESS_PUSH_LIMITS } from './version';

export type AccessRecord = {
  /** UUIDv7 made on the device. */
  readonly id: string;
  /** The device's time. */
  readonly at: number;
  readonly actorId: string;
  readonly kind: AccessKind;
  readonly dossierIds: readonly string[];
  readonly detail: string | null;
};
export const accessRecordSchema = z.strictObject({
  id: uuidSchema,
  at: instantSchema,
  actorId: idSchema,
  kind: z.enum(ACCESS_KINDS),
  dossierIds: z.array(z.string().min(1).max(LIMITS.code)).min(1).max(MAX_DOSSIERS_PER_RECORD),
  detail: z.string().regex(ACCESS_DETAIL_PATTERN, 'a code of letters, digits and . _ : - (never a name)').nullable(),
});

/** Each record is parsed on its own on the server, so one bad record is refused alone. */
export const accessPushEnvelopeSchema = z.strictObject({
  protocolVersion: versionField,
  records: z.array(z.unknown()).max(ACCESS_PUSH_LIMITS.records),
});
export type AccessPushRequest = { readonly protocolVersion: number; readonly records: readonly AccessRecord[] };

/** Like a push: `accepted` (stored now), `duplicate` (stored before), or `rejected` with a reason (permanent). */
export type AccessPushResult =
  | { readonly id: string; readonly outcome: 'accepted' | 'duplicate' }
  | { readonly id: string; readonly outcome: 'rejected'; readonly reason: RejectReason; readonly message: string };
export const accessPushResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ id: z.string(), outcome: z.enum(['accepted', 'duplicate']) }),
  z.strictObject({ id: z.string(), outcome: z.literal('rejected'), reason: rejectReasonSchema, message: z.string() }),
]);
export type AccessPushResponse = { readonly serverTime: number; readonly results: readonly AccessPushResult[] };
export const accessPushResponseSchema = z.strictObject({ serverTime, results: z.array(accessPushResultSchema) });

/** A record refused at the edge, in its place in the batch (the id when it has a usable one). */
export type AccessRefusal = { readonly refused: true; readonly id: string; readonly message: string };
export type AccessPushItem = AccessRecord | AccessRefusal;
export const isAccessRefusal = (x: AccessPushItem): x is AccessRefusal => 'refused' in x;

/** The envelope all or nothing (version first, as every request); each record alone (SYNC1). */
export function parseAccessPush(body: unknown): Parsed<{ readonly records: readonly AccessPushItem[] }> {
  const version = typeof body === 'object' && body !== null ? (body as { protocolVersion?: unknown }).protocolVersion : undefined;
  const problem = typeof version === 'number' ? versionProblem(version) : null;
  if (problem === 'clientTooOld')
    return {
      ok: false,
      rejection: { reason: 'clientTooOld', message: `protocol ${String(version)} is below the minimum ${MIN_CLIENT_PROTOCOL}: update the app` },
    };
  if (problem === 'invalid')
    return {
      ok: false,
      rejection: {
        reason: 'invalid',
        message: `unknown protocol version ${String(version)} (this server speaks ${PROTOCOL_VERSION})`,
        details: [{ path: 'protocolVersion', message: 'unknown version' }],
      },
    };
  const env = accessPushEnvelopeSchema.safeParse(body);
  if (!env.success) return { ok: false, rejection: { reason: 'invalid', message: 'the request does not match the protocol', details: detailsOf(env.error) } };
  const records = env.data.records.map((raw): AccessPushItem => {
    const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'string' && rawId.length <= 200 && unstorableText(rawId) === null ? rawId : '';
    const r = accessRecordSchema.safeParse(raw);
    if (!r.success) {
      const message = detailsOf(r.error)
        .slice(0, 3)
        .map((d) => (d.path ? `${d.path}: ${d.message}` : d.message))
        .join('; ');
      return { refused: true, id, message: message.slice(0, 500) };
    }
    const bad = firstUnstorable(r.data);
    return bad ? { refused: true, id, message: `${bad.path}: ${bad.message}` } : r.data;
  });
  return { ok: true, value: { records } };
}

// ---- listing --------------------------------------------------------------------------------
export const ACCESS_PAGE_SIZE = 50;
/** Dossier codes shown per record in a listing (`dossierCount` says how many it names). */
export const ACCESS_LISTED_IDS = 20;

const cursorSchema = z
  .string()
  .max(80)
  .refine((s) => parseAccessCursor(s) !== null, 'a cursor from the previous page');
/** Query-string values are text. `dossier`: a code or any tail of it (SRCH1), letters, digits, dots and dashes. */
const listQuery = {
  dossier: z
    .string()
    .trim()
    .max(LIMITS.code)
    .regex(/^[A-Za-z0-9.-]*$/, 'letters, digits, dots and dashes of a dossier code')
    .optional(),
  user: z.string().trim().max(LIMITS.id).optional(),
  before: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
};
export const accessLogQuerySchema = z.strictObject(listQuery);
export const upstreamAccessLogQuerySchema = z.strictObject({ ...listQuery, commune: z.string().trim().max(LIMITS.id).optional() });
export type AccessLogQuery = {
  readonly dossier?: string | undefined;
  readonly user?: string | undefined;
  readonly before?: string | undefined;
  readonly limit?: number | undefined;
};
export type UpstreamAccessLogQuery = AccessLogQuery & { readonly commune?: string | undefined };

export type AccessLogEntry = {
  readonly id: string;
  readonly communeId: string;
  readonly at: number;
  readonly receivedAt: number;
  readonly actorId: string;
  /** null when the user is unknown to the server (never expected: records of unknown users are refused). */
  readonly actorName: string | null;
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly kind: AccessKind;
  readonly detail: string | null;
  /** The first ACCESS_LISTED_IDS codes. */
  readonly dossierIds: readonly string[];
  readonly dossierCount: number;
};
const entrySchema = z.strictObject({
  id: z.string(),
  communeId: z.string(),
  at: instantSchema,
  receivedAt: instantSchema,
  actorId: z.string(),
  actorName: z.string().nullable(),
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  kind: z.enum(ACCESS_KINDS),
  detail: z.string().nullable(),
  dossierIds: z.array(z.string()),
  dossierCount: z.number().int().min(0),
});
export type AccessLogUser = { readonly id: string; readonly name: string; readonly communeId: string };
export type AccessLogPage = {
  readonly serverTime: number;
  readonly records: readonly AccessLogEntry[];
  /** The cursor of the next (older) page, or null at the end. */
  readonly next: string | null;
  /** The users of the communes listed, for the filter and the names. */
  readonly users: readonly AccessLogUser[];
  readonly communes: readonly { readonly id: string; readonly name: string }[];
};
export const accessLogPageSchema = z.strictObject({
  serverTime,
  records: z.array(entrySchema),
  next: z.string().nullable(),
  users: z.array(z.strictObject({ id: z.string(), name: z.string(), communeId: z.string() })),
  communes: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});

// ---- one dossier, for a tablet that purged it (RET3) ------------------------------------------
export type DossierEventsResponse = { readonly serverTime: number; readonly code: string; readonly events: readonly PulledEvent[] };
export const dossierEventsResponseSchema = z.strictObject({
  serverTime,
  code: z.string(),
  events: z.array(z.strictObject({ serverSeq: z.number().int().min(1), event: dossierEventSchema })),
});

const query = (q: Record<string, string | number | undefined>): string => {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

export const ACCESS_API = {
  push: '/api/v1/access-log',
  list: (q: AccessLogQuery) => `/api/v1/access-log${query(q)}`,
  upstream: (q: UpstreamAccessLogQuery) => `/api/v1/upstream/access-log${query(q)}`,
  dossier: (code: string) => `/api/v1/dossiers/${encodeURIComponent(code)}`,
} as const;

// Compile-time guards.
const _r = (p: z.infer<typeof accessRecordSchema>): AccessRecord => p;
const _p = (p: z.infer<typeof accessLogPageSchema>): AccessLogPage => p;
const _a = (p: z.infer<typeof accessPushResponseSchema>): AccessPushResponse => p;
void _r;
void _p;
void _a;
