/**
 * SAT3: a rating binds only to the dossier whose receipt the citizen holds. The receipt (printed
 * text and QR) carries a short check code, a keyed MAC of the dossier code under a secret of the
 * commune that its counter tablets, kiosks and the server share (never printed, never shown). Only
 * the counter that took the dossier in prints it, so a citizen cannot make up the check code of a
 * number that was never issued, nor of someone else's dossier.
 *
 * Why a guess is hard: 4 digits are 10^4 codes, and HMAC-SHA-256 output reduced mod 10^4 is
 * uniform to within 2^32 / 10^4 (bias < 3·10^-6), so one guess binds with probability 1/10,000;
 * a mistyped number passes with the same 1/10,000. The kiosk lets KIOSK_CHECK_MAX_TRIES wrong
 * codes in a row through, then waits KIOSK_CHECK_LOCKOUT_S for everyone: at most 5 guesses per
 * 5 minutes, 60 an hour, so a whole working day (8 h) of guessing in front of the counter reaches
 * one given dossier with probability 480 / 10,000 ≈ 4.8 %, and still cannot reach a number that
 * is not issued yet (SAT4 refuses a rating older than the intake once the intake is known).
 *
 * HMAC is deterministic, so this stays a pure function; it is async only because WebCrypto is
 * (the same `crypto.subtle` in the browser and in Node).
 */
import { err, ok, type Result } from '../result';

export const RECEIPT_CHECK_DIGITS = 4;
/** Wrong check codes in a row before the kiosk stops trying any for KIOSK_CHECK_LOCKOUT_S. */
export const KIOSK_CHECK_MAX_TRIES = 5;
export const KIOSK_CHECK_LOCKOUT_S = 300;

const CHECK_FORMAT = new RegExp(`^\\d{${RECEIPT_CHECK_DIGITS}}$`);
const MODULUS = 10 ** RECEIPT_CHECK_DIGITS;

export const isCheckCodeFormat = (s: string): boolean => CHECK_FORMAT.test(s);

const normalise = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** The check code printed on the receipt of `code`, under the commune's receipt key. */
export async function receiptCheckCode(receiptKey: string, code: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(receiptKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new DataView(await crypto.subtle.sign('HMAC', key, enc.encode(`motcua-receipt-check|${normalise(code)}`)));
  return String(mac.getUint32(0) % MODULUS).padStart(RECEIPT_CHECK_DIGITS, '0');
}

/** What the deciding side (a kiosk offline, or the server) knows when a rating comes in. */
export type BindingFacts = {
  /** Device time of the rating. */
  readonly ratedAt: number;
  /** The dossier's intake time when this side knows the dossier (synced summary, stored intake), else null. */
  readonly receivedAt: number | null;
  /** The check code the citizen gave (typed, or read from the receipt QR), or null. */
  readonly checkCode: string | null;
  /** The check code the dossier's receipt carries, from the commune key; null when this side has no key. */
  readonly expectedCheck: string | null;
};

/**
 * SAT3 + SAT4. A rating binds when its check code matches the receipt's, or, without a check code,
 * when this side knows the dossier; never when it is dated before the dossier's intake. Errors:
 * `kiosk.wrongCheck` (a check code that does not match), `kiosk.unbound` (no check code for a
 * dossier this side has not seen), `kiosk.beforeIntake`.
 */
export function bindRating(f: BindingFacts): Result<'byCheck' | 'known'> {
  if (f.receivedAt !== null && f.ratedAt < f.receivedAt) {
    return err('kiosk.beforeIntake', `the rating (${String(f.ratedAt)}) is dated before the intake (${String(f.receivedAt)})`);
  }
  if (f.checkCode !== null) {
    if (f.expectedCheck === null || f.checkCode !== f.expectedCheck) return err('kiosk.wrongCheck', 'the check code does not match the receipt');
    return ok('byCheck');
  }
  if (f.receivedAt === null) return err('kiosk.unbound', 'no check code for a dossier this side has not seen');
  return ok('known');
}

/** SAT3 throttle on the kiosk: wrong check codes in a row, and until when the kiosk refuses new ones. */
export type CheckTries = { readonly wrongInARow: number; readonly lockedUntil: number };
export const NO_TRIES: CheckTries = { wrongInARow: 0, lockedUntil: 0 };

export const checkLocked = (t: CheckTries, now: number): boolean => now < t.lockedUntil;

/** The throttle after one check attempt: a right code clears it, the Nth wrong one in a row locks. */
export function afterCheckAttempt(t: CheckTries, right: boolean, now: number): CheckTries {
  if (right) return NO_TRIES;
  const wrong = t.wrongInARow + 1;
  return wrong >= KIOSK_CHECK_MAX_TRIES
    ? { wrongInARow: 0, lockedUntil: now + KIOSK_CHECK_LOCKOUT_S * 1000 }
    : { wrongInARow: wrong, lockedUntil: t.lockedUntil };
}
