/**
 * A CPU profile of a Chromium page over the DevTools protocol (BENCH_PROFILE=1): where the page's
 * JavaScript spends its time, by function, summed by self time. Time the page waits (IndexedDB,
 * HTTP) shows as "(idle)"; the per-operation timings of the bench page tell those apart.
 */
import type { Page } from 'playwright-core';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export async function profiled<T>(page: Page, f: () => Promise<T>): Promise<{ value: T; top: Record<string, number> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const value = await f();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.detach();
  return { value, top: topSelfTime(profile) };
}

/** Self time (ms) by function and file, the 25 largest. */
export function topSelfTime(p: Profile, n = 25): Record<string, number> {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    const key = url ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  return Object.fromEntries(
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, Math.round(v)]),
  );
}
