/**
 * Errors the domain returns instead of throwing. `code` is stable and is the i18n key the app
 * shows (namespace `errors`, e.g. `errors:apology.secondReschedule`); `message` is for developers
 * and logs; `params` fill the translated text.
 */
export type DomainError = {
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
};

export type Result<T, E extends DomainError = DomainError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const err = (code: string, message: string, params?: Record<string, string | number>): Result<never> => ({
  ok: false,
  error: params ? { code, message, params } : { code, message },
});
