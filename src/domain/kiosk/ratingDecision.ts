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
};

export function decideRating(f: RatingFacts): RatingDecision {
  const latest = f.localRatingTimes.length ? Math.max(...f.localRatingTimes) : null;
  if (latest !== null && f.now - latest >= 0 && f.now - latest < RATING_REPEAT_WINDOW_MS) return 'repeat';
  if (latest !== null || f.ratedUpstream) return 'alreadyRated';
  return 'new';
}
