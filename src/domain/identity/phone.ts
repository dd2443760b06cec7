/**
 * Vietnamese phone numbers as the counter takes them: mobiles have 10 digits starting 03, 05, 07,
 * 08 or 09; landlines 11 digits starting 02 (area code 02x). +84 / 84 prefixes are normalised to
 * 0; spaces, dots, dashes and brackets are ignored. The value is the normalised number.
 */
import { err, ok, type Result } from '../result';

export type PhoneKind = 'mobile' | 'landline';

export function checkPhone(input: string): Result<{ value: string; kind: PhoneKind }> {
  let digits = input.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(digits)) return ok({ value: digits, kind: 'mobile' });
  if (/^02\d{9}$/.test(digits)) return ok({ value: digits, kind: 'landline' });
  return err('identity.phoneFormat', 'not a Vietnamese mobile (10 digits) or landline (11 digits) number');
}
