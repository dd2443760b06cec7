/**
 * GET /api/v1/portal?from=&to=: the device's own commune on the national portal (CON16), for its
 * supervisor's tablet: every dossier and those received in [from, to) by queue state, and the
 * latest refusals with the portal's message (codes and answers only, nothing personal).
 */
import { z } from 'zod';
import type { PortalCounts } from '../domain/stats/portalShare';
import { instantSchema } from './events';
import { portalCountsSchema, portalRefusedSchema, type UpstreamPortalRefused } from './upstream';

export type CommunePortal = {
  readonly serverTime: number;
  /** The connector runs on the server (otherwise dossiers wait in the queue). */
  readonly enabled: boolean;
  readonly all: PortalCounts;
  readonly period: PortalCounts;
  readonly refused: readonly UpstreamPortalRefused[];
  readonly limit: number;
};

export const communePortalSchema = z.strictObject({
  serverTime: instantSchema,
  enabled: z.boolean(),
  all: portalCountsSchema,
  period: portalCountsSchema,
  refused: z.array(portalRefusedSchema),
  limit: z.number().int().min(1),
});

/** At most about 13 months: a period of the reports, with room for the quarter's and year's edges. */
export const PORTAL_RANGE_MAX_MS = 400 * 86_400_000;

export type PortalRange = { readonly from: number; readonly to: number };
export const portalRangeSchema = z
  .object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) })
  .refine((r) => r.from < r.to && r.to - r.from <= PORTAL_RANGE_MAX_MS, { message: 'from must be before to, at most 400 days apart', path: ['to'] });

export const portalPath = (r: PortalRange) => `/api/v1/portal?from=${r.from}&to=${r.to}`;

const _c = (p: z.infer<typeof communePortalSchema>): CommunePortal => p;
void _c;
