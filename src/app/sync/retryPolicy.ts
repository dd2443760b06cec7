/**
 * What to do after a failed exchange: network errors, 5xx, 408 and 429 are retried with
 * exponential backoff and full jitter (a Retry-After is honoured); any other 4xx is permanent and
 * shown to the officer in plain words. Pure: the randomness comes in as a parameter.
 */
import { TransportError } from '../../protocol/transport';
import type { MessageKey } from '../i18n/keys';

/** An i18n key with its namespace (`sync:error.offline`, `errors:server.revoked`) and its parameters. */
export type ErrorKey = MessageKey;

export type RetryDecision = { readonly retry: true; readonly delayMs: number; readonly error: ErrorKey } | { readonly retry: false; readonly error: ErrorKey };

export const BASE_DELAY_MS = 2_000;
/** The backoff never waits longer than this. */
export const MAX_DELAY_MS = 5 * 60_000;
/** Nor shorter: full jitter may draw 0, and a hot loop helps nobody. */
export const MIN_DELAY_MS = 1_000;
/** A Retry-After beyond this is a server mistake; waiting an hour is already generous. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** The plain-language reason of a failure, as an i18n key. */
export function errorKeyOf(e: unknown): ErrorKey {
  if (e instanceof TransportError) {
    if (e.status === null) return { key: 'sync:error.offline' };
    if (e.reason) return { key: `errors:server.${e.reason}` };
    if (e.status === 408) return { key: 'sync:error.timeout' };
    if (e.status === 429) return { key: 'errors:server.rateLimited' };
    if (e.status >= 500) return { key: 'sync:error.serverDown', params: { status: e.status } };
    return { key: 'sync:error.http', params: { status: e.status } };
  }
  return { key: 'sync:error.unexpected' };
}

/** True when a failure of this kind is retried by itself (the timer); false when a person must act. */
export function isRetryable(e: unknown): boolean {
  // anything that is not an answer from the server (a storage hiccup, a bug) is tried again later
  return e instanceof TransportError ? e.retryable : true;
}

/** The backoff ceiling after `attempt` consecutive failures (1 after the first). */
export function backoffCeiling(attempt: number): number {
  const exponent = Math.min(30, Math.max(0, Math.floor(attempt) - 1));
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** exponent);
}

/**
 * `attempt` counts the consecutive failures so far (1 after the first); `random` is in [0, 1).
 * Full jitter: the delay is drawn uniformly below the ceiling, so many tablets coming back online
 * at once do not hit the server together.
 */
export function decideRetry(e: unknown, attempt: number, random: () => number = Math.random): RetryDecision {
  const error = errorKeyOf(e);
  if (!isRetryable(e)) return { retry: false, error };
  if (e instanceof TransportError && e.retryAfterMs !== null) {
    return { retry: true, delayMs: Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_DELAY_MS, Math.ceil(e.retryAfterMs))), error };
  }
  const delayMs = Math.floor(random() * backoffCeiling(attempt));
  return { retry: true, delayMs: Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, delayMs)), error };
}
