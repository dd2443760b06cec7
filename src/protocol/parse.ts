/**
 * Parsing a request at the edge, the same way on the server and in the in-memory test server:
 * the protocol version is checked before the shape, so an old app hears `clientTooOld` even when
 * its messages no longer match the schema.
 */
import type { z } from 'zod';
import { detailsOf, type ErrorDetail, type RejectReason } from './errors';
import { MIN_CLIENT_PROTOCOL, PROTOCOL_VERSION, versionProblem } from './version';

export type Rejection = { readonly reason: RejectReason; readonly message: string; readonly details?: readonly ErrorDetail[] };
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rejection: Rejection };

export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  const version = typeof body === 'object' && body !== null ? (body as { protocolVersion?: unknown }).protocolVersion : undefined;
  if (typeof version === 'number') {
    const problem = versionProblem(version);
    if (problem === 'clientTooOld') {
      return { ok: false, rejection: { reason: 'clientTooOld', message: `protocol ${version} is below the minimum ${MIN_CLIENT_PROTOCOL}: update the app` } };
    }
    if (problem === 'invalid') {
      return { ok: false, rejection: { reason: 'invalid', message: `unknown protocol version ${version} (this server speaks ${PROTOCOL_VERSION})`, details: [{ path: 'protocolVersion', message: 'unknown version' }] } };
    }
  }
  const r = schema.safeParse(body);
  if (!r.success) return { ok: false, rejection: { reason: 'invalid', message: 'the request does not match the protocol', details: detailsOf(r.error) } };
  return { ok: true, value: r.data };
}

/** JSON text to a value; garbage is `invalid` with the parser's message. */
export function parseJsonText(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, rejection: { reason: 'invalid', message: 'the body is not JSON', details: [{ path: '', message: e instanceof Error ? e.message : String(e) }] } };
  }
}
