import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterCheckAttempt,
  bindRating,
  checkLocked,
  KIOSK_CHECK_LOCKOUT_S,
  KIOSK_CHECK_MAX_TRIES,
  NO_TRIES,
  receiptCheckCode,
  RECEIPT_CHECK_DIGITS,
} from '../../../src/domain/kiosk/receiptCheck';
import { decideRating } from '../../../src/domain/kiosk/ratingDecision';
import { vnInstant } from '../../../src/domain/time/vnTime';

const KEY = 'k'.repeat(43);
const CODE = '000.00.06.H56-260302-1001';
const T = vnInstant(2026, 3, 2, 9, 0);

describe('the receipt check code', () => {
  it('[SAT3] is 4 digits, the same for the same key and code (counter, kiosk and server agree), whatever the spacing or case', async () => {
    const c = await receiptCheckCode(KEY, CODE);
    expect(c).toMatch(new RegExp(`^\\d{${RECEIPT_CHECK_DIGITS}}$`));
    expect(await receiptCheckCode(KEY, ` ${CODE.toLowerCase()} `)).toBe(c);
  });

  it("[SAT3] depends on the key: another commune's key gives other codes", async () => {
    const codes = Array.from({ length: 50 }, (_, i) => `000.00.06.H56-260302-${String(1001 + i)}`);
    const a = await Promise.all(codes.map((c) => receiptCheckCode(KEY, c)));
    const b = await Promise.all(codes.map((c) => receiptCheckCode('another-commune-key-0000000000000000000000', c)));
    expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(3);
  });

  it('[SAT3] is spread evenly over its 10,000 values (so a guess is 1 in 10,000)', async () => {
    const counts = new Array<number>(10).fill(0);
    const n = 2_000;
    for (let i = 0; i < n; i++) counts[Number((await receiptCheckCode(KEY, `000.00.06.H56-260302-${String(1000 + i)}`))[0])]! += 1;
    // chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value
    const chi = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(27.9);
  }, 30_000);
});

describe('binding a rating to a dossier', () => {
  it('[SAT3] the right check code binds a dossier this side has never seen (offline kiosk)', () => {
    expect(bindRating({ ratedAt: T, receivedAt: null, checkCode: '1234', expectedCheck: '1234' })).toEqual({ ok: true, value: 'byCheck' });
  });
  it('[SAT3] a wrong check code is refused, also for a known dossier', () => {
    expect(bindRating({ ratedAt: T, receivedAt: null, checkCode: '1235', expectedCheck: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'kiosk.wrongCheck' },
    });
    expect(bindRating({ ratedAt: T, receivedAt: T - 1, checkCode: '1235', expectedCheck: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'kiosk.wrongCheck' },
    });
  });
  it('[SAT3] a check code this side cannot verify (no key yet) is refused', () => {
    expect(bindRating({ ratedAt: T, receivedAt: null, checkCode: '1234', expectedCheck: null })).toMatchObject({
      ok: false,
      error: { code: 'kiosk.wrongCheck' },
    });
  });
  it('[SAT3] without a check code only a dossier this side knows binds', () => {
    expect(bindRating({ ratedAt: T, receivedAt: T - 60_000, checkCode: null, expectedCheck: '1234' })).toEqual({ ok: true, value: 'known' });
    expect(bindRating({ ratedAt: T, receivedAt: null, checkCode: null, expectedCheck: '1234' })).toMatchObject({ ok: false, error: { code: 'kiosk.unbound' } });
  });
  it("[SAT4] a rating dated before its dossier's intake is refused, even with the right check code", () => {
    expect(bindRating({ ratedAt: T - 1, receivedAt: T, checkCode: '1234', expectedCheck: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'kiosk.beforeIntake' },
    });
    expect(bindRating({ ratedAt: T - 1, receivedAt: T, checkCode: null, expectedCheck: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'kiosk.beforeIntake' },
    });
  });
  it('[SAT3][SAT4] property: a rating binds only with the matching check code or a known intake at or before it', () => {
    const check = fc.option(fc.stringMatching(/^\d{4}$/), { nil: null });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: null }),
        check,
        check,
        (ratedAt, receivedAt, checkCode, expectedCheck) => {
          const r = bindRating({ ratedAt, receivedAt, checkCode, expectedCheck });
          const expected = (receivedAt === null || ratedAt >= receivedAt) && (checkCode !== null ? checkCode === expectedCheck : receivedAt !== null);
          expect(r.ok).toBe(expected);
        },
      ),
    );
  });
});

describe("the kiosk's check-code throttle", () => {
  it(`[SAT3] ${String(KIOSK_CHECK_MAX_TRIES)} wrong codes in a row lock the kiosk's check for ${String(KIOSK_CHECK_LOCKOUT_S)} s; a right one clears the count`, () => {
    let t = NO_TRIES;
    for (let i = 1; i < KIOSK_CHECK_MAX_TRIES; i++) t = afterCheckAttempt(t, false, T);
    expect(checkLocked(t, T)).toBe(false);
    expect(afterCheckAttempt(t, true, T)).toEqual(NO_TRIES);
    t = afterCheckAttempt(t, false, T);
    expect(checkLocked(t, T + KIOSK_CHECK_LOCKOUT_S * 1000 - 1)).toBe(true);
    expect(checkLocked(t, T + KIOSK_CHECK_LOCKOUT_S * 1000)).toBe(false);
  });
});

describe('a local rating made before the intake', () => {
  it("[SAT4] never refuses the dossier's own citizen: the rating on a number not yet issued does not count", () => {
    expect(decideRating({ ratedUpstream: false, localRatingTimes: [T - 3_600_000], now: T + 60_000, receivedAt: T })).toBe('new');
    expect(decideRating({ ratedUpstream: false, localRatingTimes: [T + 1_000], now: T + 60_000, receivedAt: T })).toBe('alreadyRated');
  });
});
