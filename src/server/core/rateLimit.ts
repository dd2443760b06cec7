/**
 * Fixed-window counter per key (the client IP for enrollment). In memory, so per instance: behind
 * several instances the effective limit is N × max, still enough to stop guessing codes.
 */
export type RateLimiter = { hit(key: string, now: number): { allowed: true } | { allowed: false; retryAfterMs: number } };

export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now) {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (windows.size > 10_000) windows.clear(); // bounded memory under a flood of addresses
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count > max) return { allowed: false, retryAfterMs: w.start + windowMs - now };
      return { allowed: true };
    },
  };
}
