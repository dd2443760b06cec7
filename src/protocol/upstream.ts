/**
 * The upstream office's API: a supervisor signs in with their name and password and reads, over
 * the communes they supervise, the sync status of every device and the period report (Biểu 06).
 * POST /api/v1/upstream/session, GET /api/v1/upstream/devices, GET /api/v1/upstream/report?…
 * The report's numbers are computed by the domain (stats/bieu06*.ts); only counts travel, no ids.
 */
import { z } from 'zod';
import { BIEU06_CELLS, type Bieu06Cell } from '../domain/stats/bieu06';
import { LATE_CATEGORIES, type LateCategory } from '../domain/timeliness/lateList';
import { PERIOD_KINDS, PERIODS_PER_YEAR, type DateRange, type PeriodKind, type PeriodMode } from '../domain/stats/periods';
import { instantSchema, isoDateSchema } from './events';
import { deviceInfoSchema, type DeviceInfo } from './messages';

const serverTime = instantSchema;

export type UpstreamCommune = { readonly id: string; readonly name: string };
const communeSchema = z.strictObject({ id: z.string(), name: z.string() });

// ---- session --------------------------------------------------------------------------------
/** the supervisor's own password (never a tablet PIN); `login` is their name as typed or chosen, or their user id. */
export type UpstreamSessionRequest = { readonly login: string; readonly password: string };
export const upstreamSessionRequestSchema = z.strictObject({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
/** GET /api/v1/upstream/names: the supervisors' names the sign-in offers to choose from. */
export type UpstreamNames = { readonly names: readonly string[] };
export const upstreamNamesSchema = z.strictObject({ names: z.array(z.string().max(200)).max(5000) });
export type UpstreamSession = {
  readonly serverTime: number;
  readonly token: string;
  readonly expiresAt: number;
  readonly user: { readonly id: string; readonly name: string };
  readonly communes: readonly UpstreamCommune[];
};
export const upstreamSessionSchema = z.strictObject({
  serverTime,
  token: z.string().min(20).max(200),
  expiresAt: instantSchema,
  user: z.strictObject({ id: z.string(), name: z.string() }),
  communes: z.array(communeSchema),
});

// ---- devices --------------------------------------------------------------------------------
export type UpstreamDevices = {
  readonly serverTime: number;
  readonly communes: readonly { readonly commune: UpstreamCommune; readonly devices: readonly DeviceInfo[] }[];
};
export const upstreamDevicesSchema = z.strictObject({
  serverTime,
  communes: z.array(z.strictObject({ commune: communeSchema, devices: z.array(deviceInfoSchema) })),
});

// ---- report ---------------------------------------------------------------------------------
export type UpstreamReportQuery = { readonly kind: PeriodKind; readonly year: number; readonly index: number; readonly mode: PeriodMode };
/** Query-string values are text: numbers are coerced, then checked. */
export const upstreamReportQuerySchema = z
  .strictObject({
    kind: z.enum(PERIOD_KINDS),
    year: z.coerce.number().int().min(2000).max(2100),
    index: z.coerce.number().int().min(1).max(12),
    mode: z.enum(['cutoff15', 'calendar']),
  })
  .refine((q) => q.index <= PERIODS_PER_YEAR[q.kind], { path: ['index'], message: 'index out of range for this kind' });

export type CellCountsWire = Readonly<Record<Bieu06Cell, number>>;
export const cellCountsSchema = z.strictObject(Object.fromEntries(BIEU06_CELLS.map((c) => [c, z.number().int()])) as Record<Bieu06Cell, z.ZodNumber>);
export type UpstreamFieldRow = { readonly fieldCode: string; readonly counts: CellCountsWire };
const fieldRowSchema = z.strictObject({ fieldCode: z.string(), counts: cellCountsSchema });

export type UpstreamReport = {
  readonly serverTime: number;
  readonly range: DateRange;
  /** The moment the numbers are taken at: the end of the period, or now for the current one. */
  readonly asOf: number;
  readonly communes: readonly { readonly commune: UpstreamCommune; readonly rows: readonly UpstreamFieldRow[]; readonly total: CellCountsWire }[];
  /** Per field over all communes in scope, and the grand total. */
  readonly byField: readonly UpstreamFieldRow[];
  readonly total: CellCountsWire;
  /** The fields' names, from the catalogs published for these communes. */
  readonly fields: readonly { readonly code: string; readonly name: string }[];
};
export const upstreamReportSchema = z.strictObject({
  serverTime,
  range: z.strictObject({ from: isoDateSchema, to: isoDateSchema }),
  asOf: instantSchema,
  communes: z.array(z.strictObject({ commune: communeSchema, rows: z.array(fieldRowSchema), total: cellCountsSchema })),
  byField: z.array(fieldRowSchema),
  total: cellCountsSchema,
  fields: z.array(z.strictObject({ code: z.string(), name: z.string() })),
});

// ---- late and at-risk ----------------------------------------------------------------------
/** No applicant data leaves the commune: the dossier's code, procedure, officer and dates only. */
export type UpstreamLateItem = {
  readonly code: string;
  readonly fieldCode: string;
  readonly procedureName: string;
  readonly officerName: string;
  readonly receivedAt: number;
  readonly promisedAt: number;
  readonly category: LateCategory;
};
export type UpstreamLate = {
  readonly serverTime: number;
  /** At most this many overdue items per commune (the most overdue); `overdueTotal` counts them all. */
  readonly limit: number;
  readonly communes: readonly { readonly commune: UpstreamCommune; readonly overdueTotal: number; readonly items: readonly UpstreamLateItem[] }[];
};
export const upstreamLateSchema = z.strictObject({
  serverTime,
  limit: z.number().int().min(1),
  communes: z.array(
    z.strictObject({
      commune: communeSchema,
      overdueTotal: z.number().int().min(0),
      items: z.array(
        z.strictObject({
          code: z.string(),
          fieldCode: z.string(),
          procedureName: z.string(),
          officerName: z.string(),
          receivedAt: instantSchema,
          promisedAt: instantSchema,
          category: z.enum(LATE_CATEGORIES),
        }),
      ),
    }),
  ),
});

// ---- national portal connector ---------------------------------------------------
/** Per commune, how many dossiers the national portal has (synced), waits for (pending) and refused. */
export type UpstreamPortalCommune = { readonly commune: UpstreamCommune; readonly synced: number; readonly pending: number; readonly refused: number };
/** A refused dossier with the portal's message (no applicant data: the code and the answer only). */
export type UpstreamPortalRefused = {
  readonly communeId: string;
  readonly code: string;
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly attempts: number;
  readonly lastAttemptAt: number | null;
};
export type UpstreamPortal = {
  readonly serverTime: number;
  /** The connector runs on this server (otherwise dossiers wait in the queue). */
  readonly enabled: boolean;
  readonly communes: readonly UpstreamPortalCommune[];
  /** The most recent refusals, at most `limit`. */
  readonly refused: readonly UpstreamPortalRefused[];
  readonly limit: number;
};
export const portalRefusedSchema = z.strictObject({
  communeId: z.string(),
  code: z.string(),
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  attempts: z.number().int().min(0),
  lastAttemptAt: instantSchema.nullable(),
});
export const portalCountsSchema = z.strictObject({ synced: z.number().int().min(0), pending: z.number().int().min(0), refused: z.number().int().min(0) });
export const upstreamPortalSchema = z.strictObject({
  serverTime,
  enabled: z.boolean(),
  limit: z.number().int().min(1),
  communes: z.array(
    z.strictObject({ commune: communeSchema, synced: z.number().int().min(0), pending: z.number().int().min(0), refused: z.number().int().min(0) }),
  ),
  refused: z.array(portalRefusedSchema),
});
export type UpstreamPortalRetry = { readonly communeId: string; readonly code: string };
export const upstreamPortalRetrySchema = z.strictObject({ communeId: z.string().min(1).max(100), code: z.string().min(1).max(100) });
export const upstreamPortalRetriedSchema = z.strictObject({ serverTime, retried: z.boolean() });

export const UPSTREAM_API = {
  session: '/api/v1/upstream/session',
  names: '/api/v1/upstream/names',
  devices: '/api/v1/upstream/devices',
  late: '/api/v1/upstream/late',
  portal: '/api/v1/upstream/portal',
  portalRetry: '/api/v1/upstream/portal/retry',
  report: (q: UpstreamReportQuery) => `/api/v1/upstream/report?kind=${q.kind}&year=${q.year}&index=${q.index}&mode=${q.mode}`,
} as const;

// Compile-time guards.
const _s = (p: z.infer<typeof upstreamSessionSchema>): UpstreamSession => p;
const _d = (p: z.infer<typeof upstreamDevicesSchema>): UpstreamDevices => p;
const _r = (p: z.infer<typeof upstreamReportSchema>): UpstreamReport => p;
const _q = (p: z.infer<typeof upstreamReportQuerySchema>): UpstreamReportQuery => p;
const _l = (p: z.infer<typeof upstreamLateSchema>): UpstreamLate => p;
const _p = (p: z.infer<typeof upstreamPortalSchema>): UpstreamPortal => p;
void _s;
void _d;
void _r;
void _q;
void _l;
void _p;
