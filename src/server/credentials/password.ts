/**
 * Upstream passwords: scrypt from node:crypto, on the server only. A password hash is
 * never part of any answer: the users reference a device pulls is built from other columns.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { foldSearchKey } from '../../domain/text/searchKey';

/** N = 2^15, r = 8: 32 MiB and about 150 ms per guess on one core of this machine (docs/security.md). */
export const SCRYPT_PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

export type PasswordHash = { readonly alg: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string; readonly hash: string };

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, opts, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return { alg: 'scrypt', ...params, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function checkPassword(password: string, h: PasswordHash): Promise<boolean> {
  const want = Buffer.from(h.hash, 'base64');
  const got = await derive(password, Buffer.from(h.salt, 'base64'), h);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A password that costs time even when the user is unknown, so the answer's timing does not tell who exists. */
const DUMMY: Promise<PasswordHash> = hashPassword('not a real password', SCRYPT_PARAMS);
export async function burnPasswordCheck(password: string): Promise<void> {
  await checkPassword(password, await DUMMY);
}

export type PasswordProblem = 'tooShort' | 'tooFewKinds' | 'containsName' | 'tooLong';
export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 200;

/**
 * PW1: at least 12 characters with 3 kinds of lower case, upper case, digits, others, or a
 * passphrase of 20 characters or more; never containing the user id or a word of the user's name.
 */
export function passwordProblem(password: string, user: { id: string; name: string }): PasswordProblem | null {
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  const folded = foldSearchKey(password).replace(/\s+/g, '');
  const parts = [user.id, ...foldSearchKey(user.name).split(' ')].map((s) => foldSearchKey(s).replace(/\s+/g, '')).filter((s) => s.length >= 3);
  if (parts.some((p) => folded.includes(p))) return 'containsName';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(password)).length;
  if (password.length < 20 && kinds < 3) return 'tooFewKinds';
  return null;
}

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  tooShort: `at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: `at most ${PASSWORD_MAX_LENGTH} characters`,
  tooFewKinds: 'use three of: lower case, upper case, digits, other characters (or 20 characters or more)',
  containsName: "must not contain the user's id or a word of their name",
};
