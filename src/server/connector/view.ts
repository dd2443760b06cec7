/**
 * The connector as people see it: the upstream office per commune in its scope (synced, pending,
 * refused, the refusals, a retry: CON14), and a commune's own supervisor on a tablet (CON16).
 */
import type { CommunePortal, PortalRange } from '../../protocol/portal';
import type { UpstreamPortal, UpstreamPortalRetry } from '../../protocol/upstream';
import type { Device } from '../store/port';
import type { Outcome } from '../core/sync';
import type { Supervisor } from '../core/upstream';
import type { OutboundQueue } from './queue';

export const REFUSED_SHOWN = 200;
export type PortalView = ReturnType<typeof createPortalView>;

export function createPortalView(queue: OutboundQueue, enabled: boolean, clock: () => number = Date.now) {
  return {
    async portal(s: Supervisor): Promise<Outcome<UpstreamPortal>> {
      const ids = s.communes.map((c) => c.id);
      const [counts, refused] = await Promise.all([queue.counts(ids), queue.refused(ids, REFUSED_SHOWN)]);
      return {
        ok: true,
        value: {
          serverTime: clock(),
          enabled,
          limit: REFUSED_SHOWN,
          refused,
          communes: s.communes.map((c) => ({ commune: { id: c.id, name: c.name }, ...(counts.get(c.id) ?? { synced: 0, pending: 0, refused: 0 }) })),
        },
      };
    },
    async commune(device: Device, range: PortalRange): Promise<Outcome<CommunePortal>> {
      if (device.role === 'kiosk') return { ok: false, rejection: { reason: 'forbidden', message: 'a kiosk does not see the portal queue' } };
      const id = device.communeId;
      const [all, period, refused] = await Promise.all([
        queue.counts([id]),
        queue.countsReceivedIn(id, range.from, range.to),
        queue.refused([id], REFUSED_SHOWN),
      ]);
      return {
        ok: true,
        value: { serverTime: clock(), enabled, all: all.get(id) ?? { synced: 0, pending: 0, refused: 0 }, period, refused, limit: REFUSED_SHOWN },
      };
    },
    async retry(s: Supervisor, req: UpstreamPortalRetry): Promise<Outcome<{ serverTime: number; retried: boolean }>> {
      if (!s.communes.some((c) => c.id === req.communeId))
        return { ok: false, rejection: { reason: 'forbidden', message: 'this commune is not in your scope' } };
      return { ok: true, value: { serverTime: clock(), retried: await queue.retry(req.communeId, req.code) } };
    },
  };
}
