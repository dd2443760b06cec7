/**
 * SYNC6: the client's address, for rate limits and logs. Behind `trustedProxyHops` reverse proxies
 * it is the entry the outermost trusted proxy appended to X-Forwarded-For, counted from the right:
 * a client can put anything in the header it sends, but not after what the proxies append. With
 * no trusted proxy, or a header shorter than the hop count, it is the socket's peer.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The address the trusted proxies saw, from the X-Forwarded-For value; null when it cannot be told. */
export function forwardedClient(header: string | undefined, trustedProxyHops: number): string | null {
  if (trustedProxyHops < 1 || !header) return null;
  const entries = header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const entry = entries[entries.length - trustedProxyHops];
  return entry !== undefined && entry.length <= 100 ? entry : null;
}

export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not on a node socket (app.request in tests)
  }
}

export function clientAddress(c: Context, trustedProxyHops: number): string {
  return forwardedClient(c.req.header('x-forwarded-for'), trustedProxyHops) ?? socketAddress(c);
}
