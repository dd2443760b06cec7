/**
 * The kiosk's fixed numbers and choices. Pure data: the app reads them, tests name them.
 */

/** Back to the idle screen after this long without a touch, from any step (nobody watches the kiosk). */
export const KIOSK_IDLE_RESET_S = 30;

/** The thank-you screen stays this long, then the kiosk is ready for the next citizen. */
export const KIOSK_THANKS_S = 8;

/** A second press for the same dossier within this window is the same rating (a double tap), not a refusal. */
export const RATING_REPEAT_WINDOW_MS = 5_000;

/** The hidden corner must be held this long to ask for the supervisor PIN. */
export const KIOSK_LONG_PRESS_MS = 3_000;

/** Wrong PINs in a row before the PIN dialog waits KIOSK_PIN_LOCKOUT_S. */
export const KIOSK_PIN_MAX_TRIES = 5;
export const KIOSK_PIN_LOCKOUT_S = 60;

/** Digits of the kiosk supervisor PIN. */
export const KIOSK_PIN_MIN_DIGITS = 4;
export const KIOSK_PIN_MAX_DIGITS = 8;

/** The citizen's short text when dissatisfied; kept short so it stays a remark, not a form. */
export const KIOSK_COMMENT_MAX_CHARS = 200;

/** What went wrong (SAT1 criteria the citizen can name in one touch); stored as reason codes. */
export const DISSATISFACTION_REASONS = ['waitedLong', 'lateResult', 'attitude', 'unclearGuidance', 'manyVisits', 'feeUnclear'] as const;
export type DissatisfactionReason = (typeof DISSATISFACTION_REASONS)[number];

/** SAT1 criteria 1–9 (9 = overall). */
export const RATING_CRITERIA = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

export function isValidKioskPin(pin: string): boolean {
  return new RegExp(`^\\d{${KIOSK_PIN_MIN_DIGITS},${KIOSK_PIN_MAX_DIGITS}}$`).test(pin);
}
