/**
 * SAT1 on a kiosk: one rating per dossier. The kiosk knows a dossier was rated from the server's
 * summary (kioskDossiers.rated, which covers other kiosks and the counter once synced) and from its
 * own event log (ratings still in its outbox, or pushed but not yet reflected in a pull).
 */
import { RATING_REPEAT_WINDOW_MS } from './kioskPolicy';

export type RatingDecision =
  /** Record a new rating. */
  | 'new'
  /** The same citizen pressed again within the window: it counts once, the kiosk thanks them again. */
  | 'repeat'
  /** Politely refused: this dossier already has a rating. */
  | 'alreadyRated';

export type RatingFacts = {
  /** The server's summary says the dossier is rated (from any device). */
  readonly ratedUpstream: boolean;
  /** Times (device clock) of this kiosk's own rating events for the dossier. */
  readonly localRatingTimes: readonly number[];
  readonly now: number;
  /**
   * SAT4: the dossier's intake time when known. A local rating dated before it was made on a number
   * not issued yet (or on another dossier's number); it never counts against the dossier's citizen.
   */
  readonly receivedAt?: number | null;
};

export function decideRating(f: RatingFacts): RatingDecision {
  const since = f.receivedAt ?? null;
  const times = since === null ? f.localRatingTimes : f.localRatingTimes.filter((t) => t >= since);
  const latest = times.length ? Math.max(...times) : null;
  if (latest !== null && f.now - latest >= 0 && f.now - latest < RATING_REPEAT_WINDOW_MS) return 'repeat';
  if (latest !== null || f.ratedUpstream) return 'alreadyRated';
  return 'new';
}
