/** An e-mail address, checked only for its shape (the counter cannot verify the mailbox). */
import { err, ok, type Result } from '../result';

export function checkEmail(input: string): Result<{ value: string }> {
  const value = input.trim();
  const shaped = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/.test(value);
  return shaped && value.length <= 254 ? ok({ value }) : err('identity.emailFormat', 'not an e-mail address');
}
