/**
 * What a counter tablet gets for one of its commune's users: the PIN verifier
 * and the user's vault key pair, whose private half is sealed (AES-256-GCM) under a key derived
 * from the PIN with PBKDF2-SHA256 at PIN_ITERATIONS. The tablet wraps its data key to the public
 * half for every user, so anyone of the commune can open it offline with their own PIN, while a
 * copy of the tablet's storage without a PIN opens nothing.
 */
import { createCipheriv, generateKeyPairSync, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { PinHash, UserVault } from '../../protocol/reference';
import { hashPin } from '../core/secrets';

/** About 0.3 s on one core of this machine in node and in Chromium (tests/bench, docs/security.md). */
export const PIN_ITERATIONS = 600_000;
/** PN1: six digits at least. */
export const PIN_PATTERN = /^\d{6,12}$/;

export function sealPrivateKey(pin: string, salt: Buffer, iterations: number, pkcs8: Buffer): string {
  const kek = pbkdf2Sync(pin, salt, iterations, 32, 'sha256');
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  const body = Buffer.concat([c.update(pkcs8), c.final(), c.getAuthTag()]); // WebCrypto's layout: ciphertext then tag
  return Buffer.concat([iv, body]).toString('base64');
}

export function userVault(pin: string, iterations = PIN_ITERATIONS): UserVault {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const salt = randomBytes(16);
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  return {
    alg: 'rsa-oaep-256',
    salt: salt.toString('base64'),
    iterations,
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    sealedPrivateKey: sealPrivateKey(pin, salt, iterations, pkcs8),
  };
}

/** The verifier and the vault key pair of a counter user's PIN. */
export function counterCredentials(pin: string, iterations = PIN_ITERATIONS): { pin: PinHash; vault: UserVault } {
  if (!PIN_PATTERN.test(pin)) throw new Error('a PIN has 6 to 12 digits');
  return { pin: hashPin(pin, iterations), vault: userVault(pin, iterations) };
}
