/**
 * Strict zod schemas for every DossierEvent (DESIGN invariant 3: validated at the edge). Unknown
 * keys are refused and every string, list and number is bounded, so a sync payload cannot carry
 * more than the domain type describes.
 */
import { z } from 'zod';
import type { DossierEvent, EventType } from '../domain/dossier/events';
import { firstUnstorable } from './storable';
import { LIMITS } from './version';
import { FILE_TYPES, MAX_FILE_BYTES, MAX_FILE_PAGES } from '../domain/files/fileRef';

const str = (max: number) => z.string().min(1).max(max);
const optStr = (max: number) => z.string().max(max).optional();
/** Epoch ms between 2000 and 2100. */
export const instantSchema = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
/** Lower-case UUID (the device makes UUIDv7). */
export const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'lower-case UUID expected');
export const idSchema = str(LIMITS.id);
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD expected');

export const processingTimeSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('workingDays'), amount: z.number().positive().max(3650) }),
  z.strictObject({ unit: z.literal('workingHours'), amount: z.number().positive().max(10_000) }),
  z.strictObject({ unit: z.literal('sameDay') }),
]);
export const supplementPolicySchema = z.enum(['restart', 'pause']);
export const paperKindSchema = z.enum(['original', 'certifiedCopy', 'photocopy']);
// DIG1: a digitised file as events name it (the bytes travel apart; routes check them).
const digitisedFileSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256 expected'),
  size: z.number().int().min(1).max(MAX_FILE_BYTES),
  type: z.enum(FILE_TYPES),
  pages: z.number().int().min(1).max(MAX_FILE_PAGES),
  paperCode: str(LIMITS.id),
  name: str(LIMITS.name),
});
const digitisedFilesSchema = z.array(digitisedFileSchema).min(1).max(LIMITS.list);

const ratingLevelSchema = z.enum(['verySatisfied', 'satisfied', 'dissatisfied']);

const applicantSchema = z.strictObject({
  name: str(LIMITS.name),
  idType: z.enum(['cccd', 'passport', 'other']),
  idNumber: optStr(LIMITS.short),
  phone: optStr(LIMITS.short),
  address: optStr(LIMITS.name),
  email: optStr(LIMITS.name),
  organisation: optStr(LIMITS.name),
});

const paperReceivedSchema = z.strictObject({
  paperId: str(LIMITS.id),
  name: str(LIMITS.name),
  kind: paperKindSchema,
  count: z.number().int().min(0).max(1000),
});

const receivedPayloadSchema = z.strictObject({
  outcome: z.enum(['accepted', 'incomplete', 'refused']),
  procedureCode: str(LIMITS.code),
  procedureName: str(LIMITS.name * 2),
  fieldCode: str(LIMITS.code),
  channel: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  applicant: applicantSchema,
  papers: z.array(paperReceivedSchema).max(LIMITS.list),
  sets: z.number().int().min(0).max(1000),
  feeVnd: z.number().int().min(0).max(1_000_000_000_000),
  note: optStr(LIMITS.text),
  processing: processingTimeSchema,
  supplementPolicy: supplementPolicySchema,
  dueAt: instantSchema.nullable(),
  clockStartAt: instantSchema.nullable(),
  calendarVersion: str(LIMITS.short),
  missing: z.array(str(LIMITS.text)).max(LIMITS.list).optional(),
  refusalReason: optStr(LIMITS.text),
  outOfArea: z.boolean().optional(),
});

const criteriaSchema = z.strictObject({
  1: ratingLevelSchema.optional(),
  2: ratingLevelSchema.optional(),
  3: ratingLevelSchema.optional(),
  4: ratingLevelSchema.optional(),
  5: ratingLevelSchema.optional(),
  6: ratingLevelSchema.optional(),
  7: ratingLevelSchema.optional(),
  8: ratingLevelSchema.optional(),
  9: ratingLevelSchema.optional(),
});

export const payloadSchemas = {
  received: receivedPayloadSchema,
  transferred: z.strictObject({ toUnit: str(LIMITS.name), note: optStr(LIMITS.text) }),
  supplementRequested: z.strictObject({ missing: z.array(str(LIMITS.text)).min(1).max(LIMITS.list), note: optStr(LIMITS.text) }),
  supplementReceived: z.strictObject({ dueAt: instantSchema, clockStartAt: instantSchema, calendarVersion: str(LIMITS.short), note: optStr(LIMITS.text) }),
  awaitingFinancial: z.strictObject({ note: optStr(LIMITS.text) }),
  resolved: z.strictObject({ note: optStr(LIMITS.text) }),
  resultReturned: z.strictObject({ note: optStr(LIMITS.text) }),
  withdrawn: z.strictObject({ reason: str(LIMITS.text) }),
  stopped: z.strictObject({ reason: str(LIMITS.text) }),
  apologyIssued: z.strictObject({
    number: str(LIMITS.short),
    reason: str(LIMITS.text),
    newDueAt: instantSchema,
    signer: str(LIMITS.name),
    channel: z.enum(['paper', 'sms', 'phone', 'email', 'app']),
  }),
  registered: z.strictObject({
    procedureCode: str(LIMITS.code),
    procedureName: str(LIMITS.name * 2),
    fieldCode: str(LIMITS.code),
    channel: z.union([z.literal(2), z.literal(3)]),
    applicant: applicantSchema,
    note: optStr(LIMITS.text),
  }),
  rated: z.strictObject({
    level: ratingLevelSchema,
    criteria: criteriaSchema.optional(),
    reasons: z.array(str(LIMITS.short)).max(50).optional(),
    comment: optStr(LIMITS.text),
    officerId: optStr(LIMITS.id),
    procedureCode: optStr(LIMITS.code),
    checkCode: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
  }),
  papersDigitised: z.strictObject({ stage: z.enum(['intake', 'supplement', 'later']), files: digitisedFilesSchema }),
  resultDigitised: z.strictObject({ files: digitisedFilesSchema }),
} as const satisfies Record<EventType, z.ZodType>;

const envelope = {
  id: uuidSchema,
  dossierId: str(LIMITS.code),
  communeId: idSchema,
  deviceId: idSchema,
  actorId: idSchema,
  at: instantSchema,
  tzOffsetMin: z.number().int().min(-720).max(840),
  deviceSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
};

const MAYBE_UNSTORABLE = /\\u(?:0000|d[89a-f])/;

const eventOf = <T extends EventType>(type: T) => z.strictObject({ ...envelope, type: z.literal(type), payload: payloadSchemas[type] });

const eventUnion = z.discriminatedUnion('type', [
  eventOf('received'),
  eventOf('transferred'),
  eventOf('supplementRequested'),
  eventOf('supplementReceived'),
  eventOf('awaitingFinancial'),
  eventOf('resolved'),
  eventOf('resultReturned'),
  eventOf('withdrawn'),
  eventOf('stopped'),
  eventOf('apologyIssued'),
  eventOf('rated'),
  eventOf('registered'),
  eventOf('papersDigitised'),
  eventOf('resultDigitised'),
]);

/** One DossierEvent, strict and bounded (also in serialised size), every string storable as it is. */
export const dossierEventSchema: z.ZodType<DossierEvent> = eventUnion.superRefine((e, ctx) => {
  const text = JSON.stringify(e);
  if (text.length > LIMITS.maxEventChars) ctx.addIssue({ code: 'custom', message: `event larger than ${LIMITS.maxEventChars} characters` });
  // JSON.stringify writes a NUL as \u0000 and a lone surrogate as \ud800…\udfff: without either, every string is storable
  if (!MAYBE_UNSTORABLE.test(text)) return;
  const bad = firstUnstorable(e);
  if (bad) ctx.addIssue({ code: 'custom', path: bad.path.split('.'), message: bad.message });
}) as unknown as z.ZodType<DossierEvent>;

// Compile-time guard: whatever the schema accepts is a DossierEvent.
export type ParsedEvent = z.infer<typeof eventUnion>;
const _parsedIsEvent = (p: ParsedEvent): DossierEvent => p;
void _parsedIsEvent;
