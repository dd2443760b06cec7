/**
 * The outbox export file: when a commune has had no link for weeks, the officer exports the
 * outbox, carries the file upstream, and `npm run admin -- import-outbox <file>` ingests it like a
 * push. The signature is HMAC-SHA256 over the canonical JSON of every other member, keyed with the
 * UTF-8 bytes of the device's `exportKey`, base64url without padding; altering any byte shows.
 */
import { z } from 'zod';
import type { DossierEvent } from '../domain/dossier/events';
import { dossierEventSchema, idSchema, instantSchema } from './events';
import { canonicalize } from './canonicalJson';
import { LIMITS } from './version';

export const OUTBOX_FORMAT = 'motcua-outbox';
export const OUTBOX_FILE_VERSION = 1;

export type OutboxFileBody = {
  readonly format: typeof OUTBOX_FORMAT;
  readonly version: typeof OUTBOX_FILE_VERSION;
  readonly deviceId: string;
  readonly communeId: string;
  readonly exportedAt: number;
  readonly events: readonly DossierEvent[];
};
export type OutboxFile = OutboxFileBody & { readonly signature: string };

export const outboxFileSchema = z.strictObject({
  format: z.literal(OUTBOX_FORMAT),
  version: z.literal(OUTBOX_FILE_VERSION),
  deviceId: idSchema,
  communeId: idSchema,
  exportedAt: instantSchema,
  events: z.array(dossierEventSchema).max(LIMITS.maxOutboxFileEvents),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'base64url HMAC-SHA256 expected'),
});

/** The exact string the HMAC is computed over. */
export function outboxSigningInput(file: OutboxFileBody | OutboxFile): string {
  const { signature: _drop, ...body } = file as OutboxFile;
  return canonicalize(body);
}

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function hmac(exportKey: string, input: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(exportKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(input))));
}

/** Signs with WebCrypto (browser, and Node's global `crypto`). */
export async function signOutboxFile(exportKey: string, body: OutboxFileBody): Promise<OutboxFile> {
  return { ...body, signature: await hmac(exportKey, outboxSigningInput(body)) };
}

/** True when the signature matches (compares in constant time over the encoded strings). */
export async function verifyOutboxFile(exportKey: string, file: OutboxFile): Promise<boolean> {
  const expected = await hmac(exportKey, outboxSigningInput(file));
  if (expected.length !== file.signature.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ file.signature.charCodeAt(i);
  return diff === 0;
}
