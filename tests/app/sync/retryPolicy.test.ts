import { describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/protocol';
import { backoffCeiling, BASE_DELAY_MS, decideRetry, errorKeyOf, MAX_DELAY_MS, MIN_DELAY_MS } from '../../../src/app/sync/retryPolicy';

const http = (status: number, reason: ConstructorParameters<typeof TransportError>[1] = null, retryAfterMs: number | null = null) =>
  new TransportError(status, reason, `HTTP ${status}`, [], retryAfterMs);
const network = new TransportError(null, null, 'network: fetch failed');
const half = () => 0.5;

describe('retry policy: what is retried, and what a person must see', () => {
  const table: [string, unknown, boolean, string][] = [
    ['network error', network, true, 'sync:error.offline'],
    ['500', http(500), true, 'sync:error.serverDown'],
    ['502 from a proxy', http(502), true, 'sync:error.serverDown'],
    ['503', http(503), true, 'sync:error.serverDown'],
    ['408', http(408), true, 'sync:error.timeout'],
    ['429 with the server reason', http(429, 'rateLimited'), true, 'errors:server.rateLimited'],
    ['429 from a proxy', http(429), true, 'errors:server.rateLimited'],
    ['400 invalid', http(400, 'invalid'), false, 'errors:server.invalid'],
    ['401 unknown device', http(401, 'unknownDevice'), false, 'errors:server.unknownDevice'],
    ['401 revoked', http(401, 'revoked'), false, 'errors:server.revoked'],
    ['403 forbidden', http(403, 'forbidden'), false, 'errors:server.forbidden'],
    ['409 conflict', http(409, 'conflict'), false, 'errors:server.conflict'],
    ['426 client too old', http(426, 'clientTooOld'), false, 'errors:server.clientTooOld'],
    ['404 without a reason', http(404), false, 'sync:error.http'],
    ['413 without a reason', http(413), false, 'sync:error.http'],
    ['not a transport error (a storage hiccup)', new Error('QuotaExceededError'), true, 'sync:error.unexpected'],
  ];
  for (const [name, error, retry, key] of table) {
    it(`${name}: ${retry ? 'retried' : 'permanent'}, shown as ${key}`, () => {
      const d = decideRetry(error, 1, half);
      expect(d.retry).toBe(retry);
      expect(d.error.key).toBe(key);
      if (d.retry) expect(d.delayMs).toBeGreaterThanOrEqual(MIN_DELAY_MS);
    });
  }

  it('an HTTP status without a reason is a parameter of the message', () => {
    expect(errorKeyOf(http(502))).toEqual({ key: 'sync:error.serverDown', params: { status: 502 } });
    expect(errorKeyOf(http(404))).toEqual({ key: 'sync:error.http', params: { status: 404 } });
  });
});

describe('backoff: exponential with full jitter, capped', () => {
  it('the ceiling doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map(backoffCeiling)).toEqual([BASE_DELAY_MS, 2 * BASE_DELAY_MS, 4 * BASE_DELAY_MS, 8 * BASE_DELAY_MS]);
    expect(backoffCeiling(20)).toBe(MAX_DELAY_MS);
    expect(backoffCeiling(10_000)).toBe(MAX_DELAY_MS);
    expect(backoffCeiling(0)).toBe(BASE_DELAY_MS);
  });

  it('the delay is drawn uniformly below the ceiling (full jitter), never under the floor', () => {
    const at = (r: number, attempt: number) => {
      const d = decideRetry(network, attempt, () => r);
      return d.retry ? d.delayMs : -1;
    };
    expect(at(0.999, 5)).toBe(Math.floor(0.999 * 16 * BASE_DELAY_MS));
    expect(at(0.25, 5)).toBe(Math.floor(0.25 * 16 * BASE_DELAY_MS));
    expect(at(0, 5)).toBe(MIN_DELAY_MS);
    expect(at(0.999, 50)).toBeLessThanOrEqual(MAX_DELAY_MS);
    expect(at(0.999, 50)).toBeGreaterThan(MAX_DELAY_MS * 0.99);
  });

  it('spreads many devices over the window', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const delays = Array.from({ length: 2000 }, () => {
      const d = decideRetry(http(503), 8, rnd);
      return d.retry ? d.delayMs : 0;
    });
    const ceiling = backoffCeiling(8);
    expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(ceiling * 0.4);
    expect(mean).toBeLessThan(ceiling * 0.6);
  });
});

describe('Retry-After', () => {
  it('429 with Retry-After waits exactly that long, whatever the attempt', () => {
    for (const attempt of [1, 3, 12]) {
      expect(decideRetry(http(429, 'rateLimited', 7_000), attempt, half)).toMatchObject({ retry: true, delayMs: 7_000 });
    }
  });
  it('429 without Retry-After backs off like any retryable failure', () => {
    expect(decideRetry(http(429, 'rateLimited'), 3, half)).toMatchObject({ retry: true, delayMs: Math.floor(0.5 * 4 * BASE_DELAY_MS) });
  });
  it('503 with Retry-After is honoured too', () => {
    expect(decideRetry(http(503, null, 120_000), 1, half)).toMatchObject({ retry: true, delayMs: 120_000 });
  });
  it('an absurd Retry-After is bounded; zero still waits the floor', () => {
    const far = decideRetry(http(429, 'rateLimited', 30 * 24 * 3_600_000), 1, half);
    expect(far.retry && far.delayMs).toBe(60 * 60_000);
    const zero = decideRetry(http(429, 'rateLimited', 0), 1, half);
    expect(zero.retry && zero.delayMs).toBe(MIN_DELAY_MS);
  });
  it('a Retry-After on a permanent error does not make it retryable', () => {
    expect(decideRetry(http(401, 'revoked', 5_000), 1, half).retry).toBe(false);
  });
});
