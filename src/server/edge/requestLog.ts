/**
 * One log line per request (JSON): request id, method, path (no query: it may carry nothing
 * secret today, but it is cheap to be sure), status, duration and, when known, the device. The id
 * comes from the proxy's X-Request-Id when it is sane, otherwise a fresh one, and is echoed back.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

export type LogLine = (line: string) => void;

const SANE_ID = /^[A-Za-z0-9._:-]{8,100}$/;
const ID_KEY = 'requestId';

export function requestIdOf(c: Context): string {
  return (c.get(ID_KEY as never) as string | undefined) ?? '';
}

export function requestLog(log: LogLine, now: () => number = () => performance.now()): MiddlewareHandler {
  return async (c, next) => {
    const started = now();
    const given = c.req.header('x-request-id');
    const id = given && SANE_ID.test(given) ? given : randomUUID();
    c.set(ID_KEY as never, id as never);
    try {
      await next();
    } finally {
      c.header('x-request-id', id);
      const principal = c.get('principal' as never) as { id?: unknown; userId?: unknown } | undefined;
      const who = principal?.id ?? principal?.userId;
      log(
        JSON.stringify({
          at: new Date().toISOString(),
          requestId: id,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((now() - started) * 10) / 10,
          ...(typeof who === 'string' ? { principal: who } : {}),
        }),
      );
    }
  };
}
