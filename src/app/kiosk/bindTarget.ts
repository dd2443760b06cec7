/**
 * SAT3, SAT4 on the kiosk, offline: does the dossier the citizen identified bind a rating? A
 * number the kiosk has synced binds as is; one it has not seen needs the receipt's check code,
 * which the kiosk verifies with the commune's receipt key. Wrong check codes are throttled for the
 * whole kiosk (meta `kioskCheckTries`, kept across reloads), so guessing is slow (receiptCheck.ts).
 */
import { afterCheckAttempt, bindRating, checkLocked, NO_TRIES, receiptCheckCode } from '../../domain/kiosk/receiptCheck';
import type { Result } from '../../domain/result';
import { err } from '../../domain/result';
import { getMeta, setMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';

/** The check code the dossier's receipt carries, or null when the kiosk has no receipt key yet. */
export async function expectedCheckOf(db: MotCuaDb, code: string): Promise<string | null> {
  const key = (await getMeta(db, 'device'))?.receiptKey;
  return key ? receiptCheckCode(key, code) : null;
}

export type Bound = Result<'byCheck' | 'known'>;

/** Binds without touching the throttle: a synced number, or a check code read from the receipt QR. */
export async function bindTarget(db: MotCuaDb, code: string, checkCode: string | null, at: number): Promise<Bound> {
  const expectedCheck = checkCode === null ? null : await expectedCheckOf(db, code);
  const row = await db.kioskDossiers.get(code);
  return bindRating({ ratedAt: at, receivedAt: row?.receivedAt ?? null, checkCode, expectedCheck });
}

/** A check code typed on the keypad: refused while the kiosk is locked; each wrong one counts. */
export async function tryTypedCheck(db: MotCuaDb, code: string, checkCode: string, at: number): Promise<Bound> {
  const tries = (await getMeta(db, 'kioskCheckTries')) ?? NO_TRIES;
  if (checkLocked(tries, at)) return err('kiosk.checkLocked', 'too many wrong check codes: the kiosk waits');
  const bound = await bindTarget(db, code, checkCode, at);
  await setMeta(db, 'kioskCheckTries', afterCheckAttempt(tries, bound.ok || bound.error.code !== 'kiosk.wrongCheck', at));
  return bound;
}
