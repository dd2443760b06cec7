/** Due dates are computed with the device's clock: warn when it is more than 2 minutes off the server's. */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

export type ClockWarning = {
  /** 'behind': the device's clock is slow (the server is ahead); 'ahead': it is fast. */
  readonly direction: 'behind' | 'ahead';
  readonly minutes: number;
};

/** `offsetMs` is serverTime − device time. Null when unknown or within tolerance. */
export function clockWarning(offsetMs: number | null | undefined): ClockWarning | null {
  if (offsetMs === null || offsetMs === undefined || !Number.isFinite(offsetMs)) return null;
  if (Math.abs(offsetMs) <= CLOCK_TOLERANCE_MS) return null;
  return { direction: offsetMs > 0 ? 'behind' : 'ahead', minutes: Math.round(Math.abs(offsetMs) / 60_000) };
}

export type ClockWarningKey = 'sync:clock.behindMinutes' | 'sync:clock.behindHours' | 'sync:clock.aheadMinutes' | 'sync:clock.aheadHours';

/** The i18n key and parameters of the warning (namespace `sync`). */
export function clockWarningMessage(w: ClockWarning): { key: ClockWarningKey; params: { hours: number; minutes: number } } {
  const hours = Math.floor(w.minutes / 60);
  const key = `sync:clock.${w.direction}${hours > 0 ? 'Hours' : 'Minutes'}` as const;
  return { key, params: { hours, minutes: hours > 0 ? w.minutes % 60 : w.minutes } };
}
