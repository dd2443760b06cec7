/**
 * The tablet's data key: 32 random bytes made on the device at the first sign-in,
 * stored only wrapped (RSA-OAEP) to the vault public key of each of its commune's counter users.
 * Signing in opens the user's private key with their PIN (PBKDF2 + AES-GCM: a wrong PIN fails
 * the tag check) and unwraps the data key with it; nothing else opens it, so a copy of a signed-out
 * tablet's storage holds the key only behind some user's PIN.
 */
import { liveQuery } from 'dexie';
import type { ReferenceUser, UserVault } from '../../protocol';
import type { MotCuaDb } from '../db/schema';
import { markLocked, openWithDataKey, vaultState } from './vault';

export const DEVICE_VAULT_META = 'privacy.vault';

/** Stored in `meta` under DEVICE_VAULT_META. */
export type DeviceVault = { readonly version: 1; readonly createdAt: number; readonly wraps: Readonly<Record<string, string>> };

export type UnlockResult = 'open' | 'wrongPin' | 'noVault' | 'notOpenedForYou';

const b64 = (b: ArrayBuffer | Uint8Array): string => btoa(String.fromCharCode(...new Uint8Array(b)));
const unb64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const RSA = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;

export async function readDeviceVault(db: MotCuaDb): Promise<DeviceVault | undefined> {
  return (await db.meta.get(DEVICE_VAULT_META))?.value as DeviceVault | undefined;
}

/** At app start: a device that has a vault starts locked (personal rows cannot be read or written until a sign-in). */
export async function initVault(db: MotCuaDb): Promise<void> {
  if (vaultState() === 'none' && (await readDeviceVault(db))) markLocked();
}

/** The user's private key, opened with their PIN; null when the PIN is wrong. */
export async function openPrivateKey(v: UserVault, pin: string): Promise<CryptoKey | null> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  const kek = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: unb64(v.salt), iterations: v.iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const sealed = unb64(v.sealedPrivateKey);
  let pkcs8: ArrayBuffer;
  try {
    pkcs8 = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, 12) }, kek, sealed.subarray(12));
  } catch {
    return null;
  }
  return crypto.subtle.importKey('pkcs8', pkcs8, RSA, false, ['decrypt']);
}

async function wrapFor(v: UserVault, dataKey: Uint8Array<ArrayBuffer>): Promise<string> {
  const pub = await crypto.subtle.importKey('spki', unb64(v.publicKey), RSA, false, ['encrypt']);
  return b64(await crypto.subtle.encrypt(RSA, pub, dataKey));
}

/** Wraps for every current counter user with a vault key; users gone from the list lose theirs. */
async function wrapsFor(
  users: readonly ReferenceUser[],
  dataKey: Uint8Array<ArrayBuffer>,
  held: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const u of users) {
    if (!u.active || !u.vault) continue;
    out[u.id] = held[u.id] ?? (await wrapFor(u.vault, dataKey));
  }
  return out;
}

/**
 * Sign-in: opens the vault for `user` with `pin`. The first sign-in on a device makes the data key.
 * On success the key is in memory (vault.ts) and wraps are added for users who have none yet.
 */
export async function unlockForUser(db: MotCuaDb, user: ReferenceUser, pin: string, users: readonly ReferenceUser[], now: number): Promise<UnlockResult> {
  if (!user.vault) return 'noVault';
  const priv = await openPrivateKey(user.vault, pin);
  if (!priv) return 'wrongPin';
  const held = await readDeviceVault(db);
  let dataKey: Uint8Array<ArrayBuffer>;
  if (!held) {
    dataKey = crypto.getRandomValues(new Uint8Array(32));
  } else {
    const wrap = held.wraps[user.id];
    if (!wrap) return 'notOpenedForYou';
    dataKey = new Uint8Array(await crypto.subtle.decrypt(RSA, priv, unb64(wrap)));
  }
  const wraps = await wrapsFor(users, dataKey, held?.wraps ?? {});
  wraps[user.id] ??= await wrapFor(user.vault, dataKey);
  await db.meta.put({ key: DEVICE_VAULT_META, value: { version: 1, createdAt: held?.createdAt ?? now, wraps } satisfies DeviceVault });
  await openWithDataKey(dataKey);
  openKey = dataKey;
  return 'open';
}

/** The data key while the vault is open (to wrap it for users who arrive meanwhile); dropped at sign-out. */
let openKey: Uint8Array<ArrayBuffer> | null = null;

export function forgetDataKey(): void {
  openKey?.fill(0);
  openKey = null;
}

/** After the users reference changed while the vault is open: wrap the key for the new users, drop those gone. */
export async function rewrapForUsers(db: MotCuaDb, users: readonly ReferenceUser[]): Promise<boolean> {
  const held = await readDeviceVault(db);
  if (!held || !openKey || vaultState() !== 'open') return false;
  await db.meta.put({ key: DEVICE_VAULT_META, value: { ...held, wraps: await wrapsFor(users, openKey, held.wraps) } satisfies DeviceVault });
  return true;
}

/** Keeps the wraps in step with the users reference (a liveQuery on it); returns the unsubscribe. */
export function watchUsersForWraps(db: MotCuaDb): () => void {
  const sub = liveQuery(() => db.meta.get('users')).subscribe({
    next: (row) => {
      const users = (row?.value as { body?: { users?: ReferenceUser[] } } | undefined)?.body?.users;
      if (users) void rewrapForUsers(db, users).catch(() => undefined);
    },
  });
  return () => sub.unsubscribe();
}
