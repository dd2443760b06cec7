/**
 * The kiosk's supervisor PIN. A kiosk token gets no user list (PD3), so the officers' PINs are
 * not on the device: whoever enrolls the kiosk sets its own PIN on first start, and only that PIN
 * opens the admin panel. Stored as PBKDF2-SHA256 (WebCrypto), the same shape and check as the
 * officers' PINs (shell/pin.ts). Forgotten PIN: clear the site's data and enroll the kiosk again
 * (its unsent ratings should be synced first; the admin panel shows the pending count).
 */
import type { PinHash } from '../../protocol';
import type { MotCuaDb } from '../db/schema';
import { verifyPin } from '../shell/pin';

const KEY = 'kioskPin';
/** Same cost as the server's hashes of officer PINs. */
export const KIOSK_PIN_ITERATIONS = 100_000;

const toBase64 = (b: ArrayBuffer | Uint8Array): string => btoa(String.fromCharCode(...new Uint8Array(b)));

export async function hashKioskPin(pin: string, iterations = KIOSK_PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return { salt: toBase64(salt), iterations, hash: toBase64(bits) };
}

function isPinHash(v: unknown): v is PinHash {
  const h = v as Partial<PinHash> | null;
  return typeof h === 'object' && h !== null && typeof h.salt === 'string' && typeof h.hash === 'string' && typeof h.iterations === 'number';
}

export async function readKioskPin(db: MotCuaDb): Promise<PinHash | null> {
  const row = await db.meta.get(KEY);
  return isPinHash(row?.value) ? row.value : null;
}

export async function setKioskPin(db: MotCuaDb, pin: string): Promise<void> {
  const hash = await hashKioskPin(pin);
  await db.meta.put({ key: KEY, value: hash });
}

export async function checkKioskPin(db: MotCuaDb, pin: string): Promise<boolean> {
  const h = await readKioskPin(db);
  return h !== null && verifyPin(pin, h);
}
