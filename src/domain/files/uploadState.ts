/**
 * The upload queue's state machine, one file at a time (DESIGN "Files"): pending → uploading (n
 * bytes the server has) → sent (every byte sent, the server's answer not yet read) → confirmed
 * (the server verified the SHA-256 and recorded the file). A failure keeps its reason: a
 * permanent one (the server refused the file) waits for a person; a transient one (no link, a
 * server error) retries by itself after a backoff. Confirmed is final. Inputs that do not fit
 * the current state change nothing, so a late answer of an old attempt cannot undo progress.
 */
import type { Instant } from '../time/vnTime';

export type UploadState =
  | { readonly kind: 'pending'; readonly attempts: number }
  | { readonly kind: 'uploading'; readonly attempts: number; readonly sentBytes: number; readonly size: number }
  | { readonly kind: 'sent'; readonly attempts: number }
  | { readonly kind: 'confirmed'; readonly at: Instant }
  | { readonly kind: 'failed'; readonly attempts: number; readonly reason: string; readonly permanent: boolean; readonly retryAt: Instant };

export type UploadKind = UploadState['kind'];

export type UploadInput =
  /** The server said how many bytes it has (0 for a new upload). */
  | { readonly type: 'started'; readonly sentBytes: number; readonly size: number }
  | { readonly type: 'progress'; readonly sentBytes: number }
  | { readonly type: 'allSent' }
  | { readonly type: 'confirmed' }
  | { readonly type: 'failed'; readonly reason: string; readonly permanent: boolean }
  /** A person pressed retry. */
  | { readonly type: 'retry' };

export const UPLOAD_RETRY_MIN_MS = 5_000;
export const UPLOAD_RETRY_MAX_MS = 10 * 60_000;

export const INITIAL_UPLOAD: UploadState = { kind: 'pending', attempts: 0 };

/** Transient failures wait 5 s, 10 s, 20 s … up to 10 minutes. */
export function uploadRetryDelayMs(attempts: number): number {
  return Math.min(UPLOAD_RETRY_MAX_MS, UPLOAD_RETRY_MIN_MS * 2 ** Math.max(0, attempts - 1));
}

const attemptsOf = (s: UploadState): number => (s.kind === 'confirmed' ? 0 : s.attempts);

export function nextUpload(s: UploadState, input: UploadInput, now: Instant): UploadState {
  if (s.kind === 'confirmed') return s;
  switch (input.type) {
    case 'started':
      if (s.kind === 'sent') return s;
      return { kind: 'uploading', attempts: attemptsOf(s), sentBytes: input.sentBytes, size: input.size };
    case 'progress':
      // only forward: a retried chunk's answer never moves the bar back
      return s.kind === 'uploading' && input.sentBytes > s.sentBytes ? { ...s, sentBytes: Math.min(input.sentBytes, s.size) } : s;
    case 'allSent':
      return s.kind === 'uploading' ? { kind: 'sent', attempts: s.attempts } : s;
    case 'confirmed':
      return { kind: 'confirmed', at: now };
    case 'failed': {
      if (s.kind === 'failed' && s.permanent) return s;
      const attempts = attemptsOf(s) + 1;
      return {
        kind: 'failed',
        attempts,
        reason: input.reason,
        permanent: input.permanent,
        retryAt: input.permanent ? now : now + uploadRetryDelayMs(attempts),
      };
    }
    case 'retry':
      return s.kind === 'failed' ? { kind: 'pending', attempts: 0 } : s;
  }
}

/** Whether the queue should work on this file now (a failure only once its backoff is over). */
export function isUploadDue(s: UploadState, now: Instant): boolean {
  switch (s.kind) {
    case 'pending':
    case 'uploading':
    case 'sent':
      return true;
    case 'failed':
      return !s.permanent && s.retryAt <= now;
    case 'confirmed':
      return false;
  }
}

/** What the officer sees: on this tablet only, sent (being verified), on the server. */
export type UploadView = 'local' | 'uploading' | 'sent' | 'onServer' | 'failed';

export function uploadView(s: UploadState): UploadView {
  switch (s.kind) {
    case 'pending':
      return 'local';
    case 'uploading':
      return 'uploading';
    case 'sent':
      return 'sent';
    case 'confirmed':
      return 'onServer';
    case 'failed':
      return 'failed';
  }
}

/** 0–100 for the bar; null when not uploading. */
export function uploadPercent(s: UploadState): number | null {
  return s.kind === 'uploading' ? (s.size === 0 ? 100 : Math.floor((s.sentBytes / s.size) * 100)) : null;
}
