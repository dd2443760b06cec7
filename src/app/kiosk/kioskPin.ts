/**
 * The kiosk's supervisor PIN. A kiosk token gets no user list (PD3), so the officers' PINs are
 * not on the device: whoever enrolls the kiosk sets its own PIN on first start, and only that PIN
 * opens the admin panel. Stored as PBKDF2-SHA256 (WebCrypto), the same shape and check as the
 * officers' PINs (shell/pin.ts). Forgotten PIN: clear the site's data and enroll the kiosk again
 * (its unsent ratings should be synced first; the admin panel shows the pending count).
 */
import { pinHashSchema, type PinHash } from '../../protocol';
import { getMeta, setMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import { hashPin, verifyPin } from '../shell/pin';

/** Same cost as the server's hashes of officer PINs. */
export const KIOSK_PIN_ITERATIONS = 100_000;

/** The stored PIN, or null when none is set or what is stored is not a PIN hash (then it is set again). */
export async function readKioskPin(db: MotCuaDb): Promise<PinHash | null> {
  const parsed = pinHashSchema.safeParse(await getMeta(db, 'kioskPin'));
  return parsed.success ? parsed.data : null;
}

export async function setKioskPin(db: MotCuaDb, pin: string): Promise<void> {
  await setMeta(db, 'kioskPin', await hashPin(pin, KIOSK_PIN_ITERATIONS));
}

export async function checkKioskPin(db: MotCuaDb, pin: string): Promise<boolean> {
  const h = await readKioskPin(db);
  return h !== null && verifyPin(pin, h);
}
