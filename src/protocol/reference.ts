/**
 * Reference documents flow down from the server (DESIGN "Data"): the procedure catalog, the
 * official calendars and the commune's users. Each is versioned; the pull answer names the newest
 * versions so a device fetches only what changed.
 */
import { z } from 'zod';
import type { Catalog } from '../domain/catalog/procedure';
import type { OfficialCalendar } from '../domain/calendar/types';
import { idSchema, instantSchema, isoDateSchema, paperKindSchema, processingTimeSchema, supplementPolicySchema } from './events';
import { LIMITS } from './version';

export const REFERENCE_KINDS = ['catalog', 'calendar', 'users'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
export const referenceKindSchema = z.enum(REFERENCE_KINDS);

const str = (max: number) => z.string().min(1).max(max);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm expected');

export const cutoffRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('closing') }),
  z.strictObject({ kind: z.literal('at'), time: hhmm }),
  z.strictObject({ kind: z.literal('beforeClosing'), minutes: z.number().int().min(0).max(600) }),
]);

export const catalogSchema = z.strictObject({
  version: str(LIMITS.short),
  effectiveFrom: isoDateSchema,
  fields: z.array(z.strictObject({ code: str(LIMITS.code), name: str(LIMITS.name) })).max(1000),
  procedures: z
    .array(
      z.strictObject({
        code: str(LIMITS.code),
        portalCode: str(LIMITS.code).optional(),
        name: str(LIMITS.name * 2),
        fieldCode: str(LIMITS.code),
        processing: processingTimeSchema,
        onlineProcessing: processingTimeSchema.optional(),
        cutoff: cutoffRuleSchema,
        supplementPolicy: supplementPolicySchema,
        papers: z.array(z.strictObject({ id: str(LIMITS.id), name: str(LIMITS.name * 2), kind: paperKindSchema, required: z.boolean() })).max(LIMITS.list),
        feeVnd: z.number().int().min(0),
        resultAt: z.string().max(LIMITS.name).optional(),
      }),
    )
    .max(5000),
});

export const officeHoursSchema = z.strictObject({ morningStart: hhmm, morningEnd: hhmm, afternoonStart: hhmm, afternoonEnd: hhmm });

export const officialCalendarSchema = z.strictObject({
  version: str(LIMITS.short),
  effectiveFrom: isoDateSchema,
  years: z.array(z.number().int().min(2000).max(2100)).min(1).max(20),
  daysOff: z.array(z.strictObject({ date: isoDateSchema, name: str(LIMITS.name) })).max(400),
  workingSaturdays: z.array(isoDateSchema).max(100),
  officeHours: officeHoursSchema.optional(),
});

/** The calendar reference document: every official calendar in force (a device builds its WorkCalendar from all of them). */
export type CalendarBundle = { readonly calendars: readonly OfficialCalendar[] };
export const calendarBundleSchema = z.strictObject({ calendars: z.array(officialCalendarSchema).max(50) });

/** PBKDF2-SHA256 of the PIN; salt and hash base64. The device checks PINs offline with it. */
export type PinHash = { readonly salt: string; readonly iterations: number; readonly hash: string };
export type UserRole = 'officer' | 'supervisor';
/**
 * A counter user's vault key pair: the tablet wraps its data key to `publicKey`
 * (RSA-OAEP, SHA-256, SPKI base64); `sealedPrivateKey` is iv(12) + AES-256-GCM of the PKCS#8
 * private key under PBKDF2-SHA256(PIN, salt, iterations). Opening it is the sign-in's PIN check.
 */
export type UserVault = {
  readonly alg: 'rsa-oaep-256';
  readonly salt: string;
  readonly iterations: number;
  readonly publicKey: string;
  readonly sealedPrivateKey: string;
};
export type ReferenceUser = {
  readonly id: string;
  readonly name: string;
  readonly role: UserRole;
  readonly pin: PinHash;
  readonly active: boolean;
  readonly vault?: UserVault;
};
/** `retentionDays`: the commune's tablet retention period for closed dossiers (absent: 30). */
export type UsersDoc = { readonly users: readonly ReferenceUser[]; readonly retentionDays?: number };

export const pinHashSchema = z.strictObject({ salt: z.string().max(200), iterations: z.number().int().min(1).max(10_000_000), hash: z.string().max(200) });
export const userVaultSchema = z.strictObject({
  alg: z.literal('rsa-oaep-256'),
  salt: z.string().max(200),
  iterations: z.number().int().min(1).max(10_000_000),
  publicKey: z.string().max(2000),
  sealedPrivateKey: z.string().max(4000),
});
export const usersDocSchema = z.strictObject({
  users: z
    .array(
      z.strictObject({
        id: idSchema,
        name: str(LIMITS.name),
        role: z.enum(['officer', 'supervisor']),
        pin: pinHashSchema,
        active: z.boolean(),
        vault: userVaultSchema.optional(),
      }),
    )
    .max(1000),
  retentionDays: z.number().int().min(1).max(3650).optional(),
});

export type ReferenceBodies = { catalog: Catalog; calendar: CalendarBundle; users: UsersDoc };

/** GET /api/v1/reference/:kind -> the newest document of that kind for the device's commune. */
export type ReferenceResponse = {
  [K in ReferenceKind]: {
    readonly serverTime: number;
    readonly kind: K;
    readonly version: string;
    readonly publishedAt: number;
    readonly body: ReferenceBodies[K];
  };
}[ReferenceKind];

const refOf = <K extends ReferenceKind, B extends z.ZodType>(kind: K, body: B) =>
  z.strictObject({ serverTime: instantSchema, kind: z.literal(kind), version: str(LIMITS.short), publishedAt: instantSchema, body });

export const referenceResponseSchema = z.discriminatedUnion('kind', [
  refOf('catalog', catalogSchema),
  refOf('calendar', calendarBundleSchema),
  refOf('users', usersDocSchema),
]);

/** The newest version of each kind (null when none is published); kiosks get `users: null`. */
export type ReferenceVersions = { readonly catalog: string | null; readonly calendar: string | null; readonly users: string | null };
export const referenceVersionsSchema = z.strictObject({ catalog: z.string().nullable(), calendar: z.string().nullable(), users: z.string().nullable() });

// Compile-time guards: parsed documents are the domain types.
const _c = (p: z.infer<typeof catalogSchema>): Catalog => p;
const _o = (p: z.infer<typeof officialCalendarSchema>): OfficialCalendar => p;
const _r = (p: z.infer<typeof referenceResponseSchema>): ReferenceResponse => p;
void _c;
void _o;
void _r;
