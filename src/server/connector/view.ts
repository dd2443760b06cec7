/** The upstream office's view of the connector: per commune synced / pending / refused, the refusals, a retry. */
import type { UpstreamPortal, UpstreamPortalRetry } from '../../protocol/upstream';
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
          serverTime: clock(), enabled, limit: REFUSED_SHOWN, refused,
          communes: s.communes.map((c) => ({ commune: { id: c.id, name: c.name }, ...(counts.get(c.id) ?? { synced: 0, pending: 0, refused: 0 }) })),
        },
      };
    },
    async retry(s: Supervisor, req: UpstreamPortalRetry): Promise<Outcome<{ serverTime: number; retried: boolean }>> {
      if (!s.communes.some((c) => c.id === req.communeId)) return { ok: false, rejection: { reason: 'forbidden', message: 'this commune is not in your scope' } };
      return { ok: true, value: { serverTime: clock(), retried: await queue.retry(req.communeId, req.code) } };
    },
  };
}
