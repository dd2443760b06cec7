/** Tokens, enrollment codes and PIN hashes (node:crypto). */
import { createHash, pbkdf2Sync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { PinHash } from '../../protocol/reference';

/** A device token: 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const newExportKey = (): string => randomBytes(32).toString('base64url');
export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** A one-time enrollment code an officer can type: 10 characters without look-alikes, grouped 5-5. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newEnrollmentCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
/** Codes are compared case- and dash-insensitively. */
export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** About 0.3 s per check on one core here (docs/security.md); the tablet's vault key uses the same cost. */
export const PIN_ITERATIONS = 600_000;

/** PBKDF2-SHA256, 32 bytes; the device checks PINs offline against it (WebCrypto deriveBits). */
export function hashPin(pin: string, iterations = PIN_ITERATIONS): PinHash {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(pin, salt, iterations, 32, 'sha256');
  return { salt: salt.toString('base64'), iterations, hash: hash.toString('base64') };
}

export function checkPin(pin: string, h: PinHash): boolean {
  return sameSecret(pbkdf2Sync(pin, Buffer.from(h.salt, 'base64'), h.iterations, 32, 'sha256').toString('base64'), h.hash);
}

/** Constant-time comparison of two secrets (tokens, hashes, signatures) given as text. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
