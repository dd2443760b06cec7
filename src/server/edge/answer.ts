/**
 * Every answer of the API is JSON and carries `serverTime` (SYNC5): refusals too, so the device
 * measures its clock offset on every exchange. Routes answer only through these.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBody, HTTP_STATUS, type ErrorDetail, type RejectReason } from '../../protocol/errors';
import type { Parsed, Rejection } from '../../protocol/parse';

const NOW_KEY = 'serverNow';

/** The app-level middleware puts the server's clock on the context (tests inject a fake one). */
export function setServerClock(c: Context, clock: () => number): void {
  c.set(NOW_KEY as never, clock as never);
}

export function serverNow(c: Context): number {
  const clock = c.get(NOW_KEY as never) as (() => number) | undefined;
  return clock ? clock() : Date.now();
}

/** A refusal with an explicit status (413, or 404 from the router), in the one error body shape. */
export function errorJson(c: Context, status: number, reason: RejectReason, message: string, details?: readonly ErrorDetail[]) {
  c.header('cache-control', 'no-store');
  return c.json({ serverTime: serverNow(c), ...errorBody(reason, message, details) }, status as ContentfulStatusCode);
}

export function reject(c: Context, r: Rejection, extraHeaders: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(extraHeaders)) c.header(k, v);
  return errorJson(c, HTTP_STATUS[r.reason], r.reason, r.message, r.details);
}

export function send<T>(c: Context, o: Parsed<T>) {
  if (!o.ok) return reject(c, o.rejection);
  c.header('cache-control', 'no-store');
  return c.json(o.value as object, 200);
}
