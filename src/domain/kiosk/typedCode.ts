/**
 * A dossier code typed on the kiosk keypad. Citizens type digits only: the 6 digits of the
 * receipt date (YYMMDD) and the number; the agency part (letters and dots, hard on a keypad) is
 * the commune's own, which the kiosk knows from its enrollment. The result is checked like any
 * code (LIF5, parseDossierCode): a malformed one is refused with a clear message.
 */
import { err, ok, type Result } from '../result';
import { parseDossierCode } from '../dossier/codes';

export const TYPED_DATE_DIGITS = 6;
export const TYPED_MIN_NUMBER_DIGITS = 4;
export const TYPED_MAX_DIGITS = TYPED_DATE_DIGITS + 5;

/** How the typed digits read on screen: `231027-0361`. */
export function formatTypedDigits(digits: string): string {
  return digits.length > TYPED_DATE_DIGITS ? `${digits.slice(0, TYPED_DATE_DIGITS)}-${digits.slice(TYPED_DATE_DIGITS)}` : digits;
}

export function typedDossierCode(agencyCode: string, digits: string): Result<string> {
  if (!/^\d*$/.test(digits) || digits.length < TYPED_DATE_DIGITS + TYPED_MIN_NUMBER_DIGITS || digits.length > TYPED_MAX_DIGITS) {
    return err('kiosk.badCode', `not a dossier code: ${digits}`, { code: formatTypedDigits(digits) });
  }
  const code = `${agencyCode}-${formatTypedDigits(digits)}`;
  const parsed = parseDossierCode(code);
  if (!parsed.ok) return err('kiosk.badCode', parsed.error.message, { code: formatTypedDigits(digits) });
  return ok(code);
}
