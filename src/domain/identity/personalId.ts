/**
 * PD2: the personal identification number (số định danh cá nhân, on the CCCD) has exactly 12
 * digits and no checksum: digits 1–3 the province of birth registration, digit 4 century and
 * sex, digits 5–6 the year of birth. A wrong form is an error; an implausible value is only a
 * warning, because the officer holds the card and the card wins.
 */
import { err, ok, type Result } from '../result';

export type IdWarning = 'identity.unknownProvince' | 'identity.implausibleCentury' | 'identity.birthYearInFuture';

/**
 * Province codes of birth registration (Thông tư 07/2016/TT-BCA, the 63 provinces before the
 * 2025 merger; numbers already issued keep them): 001 Hà Nội … 079 TP. Hồ Chí Minh … 096 Cà Mau.
 */
export const BIRTH_PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62,
    64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
  ].map((n) => String(n).padStart(3, '0')),
);

/**
 * Checks the form; spaces are ignored. `asOfYear` (the current year, passed in because the
 * domain never reads the clock) enables the birth-year-in-the-future warning.
 */
export function checkPersonalId(input: string, asOfYear?: number): Result<{ value: string; warnings: IdWarning[] }> {
  const value = input.replace(/\s+/g, '');
  if (!/^\d{12}$/.test(value)) return err('identity.idFormat', 'a personal ID number has exactly 12 digits');
  const warnings: IdWarning[] = [];
  if (!BIRTH_PROVINCE_CODES.has(value.slice(0, 3))) warnings.push('identity.unknownProvince');
  // Digit 4: 0/1 born 1900–1999 (male/female), 2/3 2000–2099, 4/5 2100–2199 …: only 0–3 are people alive now.
  const centuryDigit = Number(value[3]);
  if (centuryDigit > 3) warnings.push('identity.implausibleCentury');
  else if (asOfYear !== undefined) {
    const birthYear = 1900 + Math.floor(centuryDigit / 2) * 100 + Number(value.slice(4, 6));
    if (birthYear > asOfYear) warnings.push('identity.birthYearInFuture');
  }
  return ok({ value, warnings });
}

/** A Vietnamese passport number: one letter and 7 or 8 digits (e.g. C1234567). Spaces ignored, upper-cased. */
export function checkPassport(input: string): Result<{ value: string }> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]\d{7,8}$/.test(value) ? ok({ value }) : err('identity.passportFormat', 'a passport number is a letter and 7–8 digits');
}
