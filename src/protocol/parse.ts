/**
 * Parsing a request at the edge, the same way on the server and in the in-memory test server:
 * the protocol version is checked before the shape, so an old app hears `clientTooOld` even when
 * its messages no longer match the schema.
 */
import type { z } from 'zod';
import type { DossierEvent } from '../domain/dossier/events';
import { detailsOf, type ErrorDetail, type RejectReason } from './errors';
import { dossierEventSchema } from './events';
import { pushEnvelopeSchema, type DeviceStatus } from './messages';
import { firstUnstorable, unstorableText } from './storable';
import { MIN_CLIENT_PROTOCOL, PROTOCOL_VERSION, versionProblem } from './version';

export type Rejection = { readonly reason: RejectReason; readonly message: string; readonly details?: readonly ErrorDetail[] };
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rejection: Rejection };

function versionRejection(body: unknown): Rejection | null {
  const version = typeof body === 'object' && body !== null ? (body as { protocolVersion?: unknown }).protocolVersion : undefined;
  if (typeof version !== 'number') return null;
  const problem = versionProblem(version);
  if (problem === 'clientTooOld') return { reason: 'clientTooOld', message: `protocol ${version} is below the minimum ${MIN_CLIENT_PROTOCOL}: update the app` };
  if (problem === 'invalid') {
    return {
      reason: 'invalid',
      message: `unknown protocol version ${version} (this server speaks ${PROTOCOL_VERSION})`,
      details: [{ path: 'protocolVersion', message: 'unknown version' }],
    };
  }
  return null;
}

function shapeAndText<T>(schema: z.ZodType<T>, body: unknown, textOf: (value: T) => unknown): Parsed<T> {
  const version = versionRejection(body);
  if (version) return { ok: false, rejection: version };
  const r = schema.safeParse(body);
  if (!r.success) return { ok: false, rejection: { reason: 'invalid', message: 'the request does not match the protocol', details: detailsOf(r.error) } };
  const bad = firstUnstorable(textOf(r.data));
  if (bad)
    return { ok: false, rejection: { reason: 'invalid', message: `the request holds text that cannot be stored as it is: ${bad.message}`, details: [bad] } };
  return { ok: true, value: r.data };
}

/** The version first, then the shape, then every string: storable as it is (storable.ts). */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  return shapeAndText(schema, body, (v) => v);
}

/** JSON text to a value; garbage is `invalid` with the parser's message. */
export function parseJsonText(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return {
      ok: false,
      rejection: { reason: 'invalid', message: 'the body is not JSON', details: [{ path: '', message: e instanceof Error ? e.message : String(e) }] },
    };
  }
}

/** An event refused at the edge (it does not match the protocol or cannot be stored), kept in its batch position. */
export type EdgeRefusal = { readonly refused: true; readonly id: string; readonly message: string };
export type PushItem = DossierEvent | EdgeRefusal;
export type ParsedPush = { readonly protocolVersion: number; readonly status: DeviceStatus; readonly events: readonly PushItem[] };

export const isRefusal = (x: PushItem): x is EdgeRefusal => 'refused' in x;

/** The event's own id when it has a usable one, so the device can match the refusal to its outbox item. */
function idOf(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length <= 200 && unstorableText(id) === null ? id : '';
}

/**
 * A push: the envelope (version, status, at most maxEventsPerPush events) is all or nothing; each
 * event is then parsed alone, and one that is wrong is refused by itself (reason `invalid`).
 */
export function parsePushRequest(body: unknown): Parsed<ParsedPush> {
  // the events' text is checked per event below, with the rest of each event
  const envelope = shapeAndText(pushEnvelopeSchema, body, (v) => v.status);
  if (!envelope.ok) return envelope;
  const events = envelope.value.events.map((raw): PushItem => {
    const r = dossierEventSchema.safeParse(raw);
    if (r.success) return r.data;
    const message = detailsOf(r.error)
      .slice(0, 3)
      .map((d) => (d.path ? `${d.path}: ${d.message}` : d.message))
      .join('; ');
    return { refused: true, id: idOf(raw), message: message.slice(0, 500) };
  });
  return { ok: true, value: { protocolVersion: envelope.value.protocolVersion, status: envelope.value.status, events } };
}
