/** PIN check on the device, offline: PBKDF2-SHA256 with WebCrypto, as the server hashed it. */
import type { PinHash } from '../../protocol';

const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toBase64 = (b: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(b)));

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  return toBase64(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

/** A PIN set on the device (the kiosk's), in the shape and at the cost of the server's hashes. */
export async function hashPin(pin: string, iterations: number): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64(salt.buffer), iterations, hash: await derive(pin, salt, iterations) };
}

export async function verifyPin(pin: string, h: PinHash): Promise<boolean> {
  const got = await derive(pin, fromBase64(h.salt), h.iterations);
  // constant-time enough for a local check: compare every character
  let diff = got.length ^ h.hash.length;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ h.hash.charCodeAt(i % Math.max(1, h.hash.length));
  return diff === 0;
}
