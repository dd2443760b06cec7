/** The upstream sign-in, kept for this browser tab only (sessionStorage): closing the tab signs out. */
import { upstreamSessionSchema, type UpstreamSession } from '../../protocol';

const KEY = 'mot-cua-upstream-session';

export function loadSession(now: number): UpstreamSession | null {
  try {
    const parsed = upstreamSessionSchema.safeParse(JSON.parse(sessionStorage.getItem(KEY) ?? 'null'));
    return parsed.success && parsed.data.expiresAt > now ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveSession(s: UpstreamSession | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}
