/**
 * Every refusal has a stable reason (the i18n key `errors:server.<reason>` on the device) and one
 * body shape: `{ error: { reason, message, details? } }`. `message` is for logs, never shown.
 */
import { z } from 'zod';

export const REJECT_REASONS = [
  'invalid',
  'forbidden',
  'unknownDevice',
  'revoked',
  'clientTooOld',
  'conflict',
  'rateLimited',
  'unknownSession',
  // the server edge: no such endpoint, a body that is not JSON, a fault of the server itself
  'notFound',
  'unsupportedMediaType',
  'internal',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const rejectReasonSchema = z.enum(REJECT_REASONS);

/** For `invalid`: where the payload was wrong (zod issue paths) or what limit was exceeded. */
export type ErrorDetail = { readonly path: string; readonly message: string };

/** `serverTime` (epoch ms) is in every answer, refusals too, so the device measures its clock offset. */
export type ErrorBody = {
  readonly serverTime?: number;
  /** On a 500: the id of the request in the server's log. */
  readonly requestId?: string;
  readonly error: { readonly reason: RejectReason; readonly message: string; readonly details?: readonly ErrorDetail[] };
};

export const errorBodySchema = z.strictObject({
  serverTime: z.number().int().optional(),
  requestId: z.string().optional(),
  error: z.strictObject({
    reason: rejectReasonSchema,
    message: z.string(),
    details: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** The HTTP status of a whole-request refusal (413 for an oversized body also carries `invalid`). */
export const HTTP_STATUS: Record<RejectReason, number> = {
  invalid: 400,
  forbidden: 403,
  unknownDevice: 401,
  revoked: 401,
  clientTooOld: 426,
  conflict: 409,
  rateLimited: 429,
  unknownSession: 401,
  notFound: 404,
  unsupportedMediaType: 415,
  internal: 500,
};

export function errorBody(reason: RejectReason, message: string, details?: readonly ErrorDetail[]): ErrorBody {
  return { error: details && details.length > 0 ? { reason, message, details } : { reason, message } };
}

/** zod issues as error details (path joined with dots, e.g. `events.3.payload.level`). */
export function detailsOf(error: z.ZodError): ErrorDetail[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
