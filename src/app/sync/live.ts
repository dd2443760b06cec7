/**
 * Live updates on the device: one Server-Sent Events connection to /api/v1/live (read with
 * fetch, so it carries the bearer token like every request). When the server says the commune
 * has new events, `onEvents` runs (the engine pulls); signals during a run are coalesced into one
 * more run. A dropped connection is retried with exponential backoff and jitter (1 s up to
 * 60 s); meanwhile the engine's timer stays the fallback.
 */
export type LiveOptions = {
  readonly baseUrl: string;
  /** The device token, or null while not enrolled (then it waits and asks again). */
  readonly token: () => Promise<string | null>;
  readonly onEvents: () => Promise<unknown>;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
  /** Called on every (re)connection and drop, for tests and the status line. */
  readonly onState?: (s: 'connected' | 'down') => void;
};

export type Live = { stop(): void };

export const LIVE_PATH = '/api/v1/live';

/** The backoff before reconnection attempt `n` (1-based): 1 s·2^(n−1) up to 60 s, ±25 % jitter. */
export function liveBackoffMs(n: number, random: () => number): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, n - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export function startLive(o: LiveOptions): Live {
  const doFetch = o.fetch ?? ((input, init) => fetch(input, init));
  const random = o.random ?? Math.random;
  let stopped = false;
  let abort: AbortController | null = null;
  let wake: (() => void) | null = null;

  // coalescing: one run at a time, one more if a signal came during it
  let running = false,
    again = false;
  const signal = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await o.onEvents().catch(() => undefined);
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  async function connectOnce(): Promise<boolean> {
    const token = await o.token();
    if (!token) return false;
    abort = new AbortController();
    const res = await doFetch(o.baseUrl + LIVE_PATH, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
    if (!res.ok || !res.body) return false;
    o.onState?.('connected');
    void signal(); // whatever happened while we were away
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: events$/m.test(block)) void signal();
      }
    }
  }

  void (async () => {
    let failures = 0;
    while (!stopped) {
      const wasUp = await connectOnce().catch(() => false);
      if (stopped) break;
      o.onState?.('down');
      failures = wasUp ? 1 : failures + 1;
      await sleep(liveBackoffMs(failures, random));
    }
  })();

  return {
    stop() {
      stopped = true;
      abort?.abort();
      wake?.();
    },
  };
}
