/**
 * GET /api/v1/live: Server-Sent Events for one device, authenticated like every request (bearer
 * token). It says `events` with `{"after": N}` when the device's commune has stored events up to
 * N, and comments as a heartbeat. One connection per device: a new one closes the old one.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SyncCore } from '../core/sync';
import type { LiveHub } from '../live/hub';
import { reject } from '../edge/answer';

export const HEARTBEAT_MS = 25_000;

export function liveRoutes(o: { core: SyncCore; hub: LiveHub; heartbeatMs?: number }): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const auth = await o.core.authenticate(c.req.header('authorization'));
    if (!auth.ok) return reject(c, auth.rejection);
    const device = auth.value;
    c.header('cache-control', 'no-store');
    c.header('x-accel-buffering', 'no'); // a reverse proxy must not hold the events back
    return streamSSE(c, async (stream) => {
      let done: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => {
        done = resolve;
      });
      const unsubscribe = o.hub.connect(device.id, {
        communeId: device.communeId,
        send: (s) => void stream.writeSSE({ event: 'events', data: JSON.stringify({ after: s.seq }) }).catch(done),
        close: done,
      });
      stream.onAbort(done);
      const beat = setInterval(() => void stream.write(': keep-alive\n\n').catch(done), o.heartbeatMs ?? HEARTBEAT_MS);
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ deviceId: device.id }) });
      await closed;
      clearInterval(beat);
      unsubscribe();
    });
  });
  return app;
}
