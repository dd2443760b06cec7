/** PIN check on the device, offline: PBKDF2-SHA256 with WebCrypto, as the server hashed it. */
import type { PinHash } from '../../protocol';

const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toBase64 = (b: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(b)));

export async function verifyPin(pin: string, h: PinHash): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(h.salt), iterations: h.iterations }, key, 256);
  const got = toBase64(bits);
  // constant-time enough for a local check: compare every character
  let diff = got.length ^ h.hash.length;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ h.hash.charCodeAt(i % Math.max(1, h.hash.length));
  return diff === 0;
}
