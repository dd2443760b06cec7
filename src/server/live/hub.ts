/**
 * Live updates: the server tells connected devices that their commune has new events, so they
 * pull at once instead of at their next timer. The signal is a PostgreSQL NOTIFY sent in the
 * transaction that stores the events (delivered at its commit, to every server instance that
 * LISTENs on the same database); each instance fans it out to its connected devices, one
 * connection per device (a new one replaces the old).
 */
import type { Database } from '../store/db';

export const LIVE_CHANNEL = 'motcua_events';

/** What a device hears: its commune has events up to `seq`. */
export type LiveSignal = { readonly communeId: string; readonly seq: number };

type Listener = { readonly communeId: string; readonly send: (s: LiveSignal) => void; readonly close: () => void };

export type LiveHub = {
  /** Registers the device's connection; an older connection of the same device is closed. Returns the unsubscribe. */
  connect(deviceId: string, listener: Listener): () => void;
  readonly connected: () => number;
  stop(): Promise<void>;
};

function parseSignal(payload: string): LiveSignal | null {
  try {
    const v = JSON.parse(payload) as Partial<LiveSignal>;
    return typeof v.communeId === 'string' && typeof v.seq === 'number' ? { communeId: v.communeId, seq: v.seq } : null;
  } catch {
    return null;
  }
}

export async function createLiveHub(db: Database): Promise<LiveHub> {
  const byDevice = new Map<string, Listener>();
  const unlisten = await db.listen(LIVE_CHANNEL, (payload) => {
    const signal = parseSignal(payload);
    if (!signal) return;
    for (const l of byDevice.values()) if (l.communeId === signal.communeId) l.send(signal);
  });
  return {
    connect(deviceId, listener) {
      const old = byDevice.get(deviceId);
      byDevice.set(deviceId, listener);
      if (old) old.close();
      return () => {
        if (byDevice.get(deviceId) === listener) byDevice.delete(deviceId);
      };
    },
    connected: () => byDevice.size,
    async stop() {
      for (const l of byDevice.values()) l.close();
      byDevice.clear();
      await unlisten();
    },
  };
}
