import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { buildWorkCalendar, isWorkingInstant } from '../../../src/domain/calendar/workCalendar';
import { clockStart, computeDue, dueAfterSupplement, workingMsBetween } from '../../../src/domain/calendar/dueDate';
import type { CutoffRule, ProcessingTime } from '../../../src/domain/catalog/procedure';
import { formatVnDateTime, startOfVnDay, vnInstant, vnDate } from '../../../src/domain/time/vnTime';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const days = (amount: number): ProcessingTime => ({ unit: 'workingDays', amount });
const due = (receivedAt: number, processing: ProcessingTime, cutoff?: Parameters<typeof computeDue>[1]['cutoff']) => {
  const r = computeDue(cal, { receivedAt, processing, cutoff });
  if (!r.ok) throw new Error(r.error.message);
  return { start: formatVnDateTime(r.value.clockStartAt), due: formatVnDateTime(r.value.dueAt) };
};

describe('[DUE2] due date = receipt + processing time in working time', () => {
  it('[DUE2] received Fri 27/10/2023 09:32 + 5 working days is due Fri 3/11/2023 09:32', () => {
    expect(due(vnInstant(2023, 10, 27, 9, 32), days(5)).due).toBe('09:32 03/11/2023');
  });

  it('[DUE2] across Tết 2026: Fri 13/2/2026 10:00 + 3 working days is due Wed 25/2/2026 10:00', () => {
    expect(due(vnInstant(2026, 2, 13, 10, 0), days(3)).due).toBe('10:00 25/02/2026');
  });

  it('[DUE2] a làm bù Saturday counts: Thu 20/8/2026 10:00 + 2 working days is due Sat 22/8/2026 10:00', () => {
    expect(due(vnInstant(2026, 8, 20, 10, 0), days(2)).due).toBe('10:00 22/08/2026');
  });

  it('[DUE1] working hours: Mon 2/3/2026 16:00 + 4 working hours is due Tue 3/3/2026 10:00', () => {
    expect(due(vnInstant(2026, 3, 2, 16, 0), { unit: 'workingHours', amount: 4 }).due).toBe('10:00 03/03/2026');
  });

  it('[DUE1] within the day: due at closing time of the receipt day', () => {
    expect(due(vnInstant(2026, 3, 2, 9, 15), { unit: 'sameDay' }).due).toBe('17:00 02/03/2026');
  });

  it('[DUE2] across the National Day block 2026: Fri 28/8 10:00 + 1 working day is due Thu 3/9 10:00', () => {
    expect(due(vnInstant(2026, 8, 28, 10, 0), days(1)).due).toBe('10:00 03/09/2026');
  });

  it('[DUE2] 8 working hours and 1 working day give the same due date; a span ending at 11:30 stays at 11:30', () => {
    expect(due(vnInstant(2026, 3, 2, 9, 32), { unit: 'workingHours', amount: 8 }).due).toBe(due(vnInstant(2026, 3, 2, 9, 32), days(1)).due);
    expect(due(vnInstant(2026, 3, 2, 7, 30), { unit: 'workingHours', amount: 4 }).due).toBe('11:30 02/03/2026');
  });

  it('[DUE1] bad input gets a typed error, never an exception', () => {
    const t = vnInstant(2026, 3, 2, 9);
    const badHours = { ...cal, officeHours: { ...cal.officeHours, morningStart: '7h' }, isWorkingDay: cal.isWorkingDay, dayOffName: cal.dayOffName };
    const never = { version: 'never', officeHours: cal.officeHours, isWorkingDay: () => false, dayOffName: () => null };
    const cases: [string, ReturnType<typeof computeDue>][] = [
      ['calendar.badInstant', computeDue(cal, { receivedAt: Number.NaN, processing: days(5) })],
      ['calendar.badInstant', computeDue(cal, { receivedAt: Number.POSITIVE_INFINITY, processing: days(5) })],
      ['calendar.outOfRange', computeDue(cal, { receivedAt: 8.64e15, processing: days(5) })],
      ['calendar.badAmount', computeDue(cal, { receivedAt: t, processing: days(0) })],
      ['calendar.badAmount', computeDue(cal, { receivedAt: t, processing: days(-3) })],
      ['calendar.badAmount', computeDue(cal, { receivedAt: t, processing: days(1.5) })],
      ['calendar.badAmount', computeDue(cal, { receivedAt: t, processing: { unit: 'workingHours', amount: Number.NaN } })],
      ['calendar.badUnit', computeDue(cal, { receivedAt: t, processing: { unit: 'fortnights' } as unknown as ProcessingTime })],
      ['calendar.badTime', computeDue(cal, { receivedAt: t, processing: days(5), cutoff: { kind: 'at', time: '25:00' } })],
      ['calendar.badTime', computeDue(cal, { receivedAt: t, processing: days(5), cutoff: { kind: 'at', time: '7:00' } })],
      ['calendar.badCutoff', computeDue(cal, { receivedAt: t, processing: days(5), cutoff: { kind: 'beforeClosing', minutes: -5 } })],
      ['calendar.badCutoff', computeDue(cal, { receivedAt: t, processing: days(5), cutoff: { kind: 'beforeClosing', minutes: 7.5 } })],
      ['calendar.badCutoff', computeDue(cal, { receivedAt: t, processing: days(5), cutoff: { kind: 'soon' } as unknown as CutoffRule })],
      ['calendar.badOfficeHours', computeDue(badHours, { receivedAt: t, processing: days(5) })],
      ['calendar.noWorkingDay', computeDue(never, { receivedAt: t, processing: days(5) })],
    ];
    expect(cases.map(([, r]) => (r.ok ? 'ok' : r.error.code))).toEqual(cases.map(([code]) => code));
    for (const [, r] of cases) if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
  });
});

describe('[DUE3] late receipt counts from the next working day', () => {
  it('[DUE3] after closing on Friday: the clock starts Monday 07:00, 5 days end Friday 17:00', () => {
    expect(due(vnInstant(2023, 10, 27, 17, 30), days(5))).toEqual({ start: '07:00 30/10/2023', due: '17:00 03/11/2023' });
  });

  it('[DUE3] cut-off at 15:00: a same-day procedure received at 15:30 is due the next working day', () => {
    expect(due(vnInstant(2026, 3, 2, 15, 30), { unit: 'sameDay' }, { kind: 'at', time: '15:00' }).due).toBe('17:00 03/03/2026');
    expect(due(vnInstant(2026, 3, 2, 14, 59), { unit: 'sameDay' }, { kind: 'at', time: '15:00' }).due).toBe('17:00 02/03/2026');
  });

  it('[DUE3] cut-off at 15:00 exactly: 15:00 counts from the next working day, 14:59:59 from then', () => {
    const at15 = { kind: 'at', time: '15:00' } as const;
    expect(due(vnInstant(2026, 3, 2, 15, 0), days(1), at15)).toEqual({ start: '07:00 03/03/2026', due: '17:00 03/03/2026' });
    expect(due(vnInstant(2026, 3, 2, 14, 59, 59), days(1), at15).start).toBe('14:59 02/03/2026');
    expect(due(vnInstant(2026, 2, 13, 15, 30), days(1), at15)).toEqual({ start: '07:00 23/02/2026', due: '17:00 23/02/2026' });
  });

  it('[DUE3] the default cut-off is closing time: 16:59 counts the same day, 17:00 the next working day', () => {
    expect(due(vnInstant(2026, 3, 2, 16, 59), { unit: 'workingHours', amount: 1 })).toEqual({ start: '16:59 02/03/2026', due: '07:59 03/03/2026' });
    expect(due(vnInstant(2026, 3, 2, 17, 0), { unit: 'workingHours', amount: 1 })).toEqual({ start: '07:00 03/03/2026', due: '08:00 03/03/2026' });
  });

  it('[DUE3] received on a Sunday before a làm bù Saturday week: Sun 23/8/2026 starts Mon 24/8 07:00', () => {
    expect(due(vnInstant(2026, 8, 23, 9, 0), days(1)).start).toBe('07:00 24/08/2026');
    expect(due(vnInstant(2026, 8, 22, 9, 0), days(1))).toEqual({ start: '09:00 22/08/2026', due: '09:00 24/08/2026' });
  });

  it('[DUE3] within one hour of closing', () => {
    expect(due(vnInstant(2026, 3, 2, 16, 10), days(1), { kind: 'beforeClosing', minutes: 60 }).start).toBe('07:00 03/03/2026');
    expect(due(vnInstant(2026, 3, 2, 15, 50), days(1), { kind: 'beforeClosing', minutes: 60 }).start).toBe('15:50 02/03/2026');
  });

  it('[DUE3] before opening, at lunch and on a day off', () => {
    const start = (t: number) => {
      const r = clockStart(cal, t);
      return r.ok ? formatVnDateTime(r.value) : r.error.code;
    };
    expect(start(vnInstant(2026, 3, 2, 6, 30))).toBe('07:00 02/03/2026');
    expect(start(vnInstant(2026, 3, 2, 12, 0))).toBe('13:30 02/03/2026');
    expect(start(vnInstant(2026, 2, 17, 9, 0))).toBe('07:00 23/02/2026');
  });
});

describe('[DUE4] supplement requests restart or pause the clock', () => {
  const first = computeDue(cal, { receivedAt: vnInstant(2026, 3, 2, 9, 0), processing: days(5) });
  if (!first.ok) throw new Error('setup');
  const base = {
    processing: days(5),
    clockStartAt: first.value.clockStartAt,
    dueAt: first.value.dueAt,
    requestedAt: vnInstant(2026, 3, 4, 9, 0),
    receivedAt: vnInstant(2026, 3, 6, 9, 0),
  };

  it('[DUE4] restart: the whole time again from the supplement', () => {
    const r = dueAfterSupplement(cal, { ...base, policy: 'restart' });
    expect(r.ok && formatVnDateTime(r.value.dueAt)).toBe('09:00 13/03/2026');
  });

  it('[DUE4] pause: the due date moves by the two working days waited', () => {
    expect(formatVnDateTime(first.value.dueAt)).toBe('09:00 09/03/2026');
    const r = dueAfterSupplement(cal, { ...base, policy: 'pause' });
    expect(r.ok && formatVnDateTime(r.value.dueAt)).toBe('09:00 11/03/2026');
    expect(r.ok && r.value.clockStartAt).toBe(first.value.clockStartAt);
  });

  it('[DUE4] both supplement timestamps are kept with the new due date', () => {
    const r = dueAfterSupplement(cal, { ...base, policy: 'pause' });
    expect(r.ok && { requestedAt: r.value.requestedAt, receivedAt: r.value.receivedAt, pausedHours: r.value.pausedMs / 3_600_000 }).toEqual({
      requestedAt: base.requestedAt,
      receivedAt: base.receivedAt,
      pausedHours: 16,
    });
    const s = dueAfterSupplement(cal, { ...base, policy: 'restart' });
    expect(s.ok && [s.value.requestedAt, s.value.receivedAt, s.value.pausedMs]).toEqual([base.requestedAt, base.receivedAt, 0]);
  });

  it('[DUE4] restart after hours: the papers come Friday 13/2/2026 at 17:30, the clock restarts after Tết', () => {
    const r = dueAfterSupplement(cal, { ...base, policy: 'restart', requestedAt: vnInstant(2026, 2, 12, 9, 0), receivedAt: vnInstant(2026, 2, 13, 17, 30) });
    expect(r.ok && [formatVnDateTime(r.value.clockStartAt), formatVnDateTime(r.value.dueAt)]).toEqual(['07:00 23/02/2026', '17:00 27/02/2026']);
  });

  it('[DUE4] pause across Tết: requested Thu 12/2/2026 09:00, papers Tue 24/2 09:00 = 3 working days waited (12, 13, 23/2)', () => {
    const start = vnInstant(2026, 2, 10, 9, 0);
    const r0 = computeDue(cal, { receivedAt: start, processing: days(5) });
    expect(r0.ok && formatVnDateTime(r0.value.dueAt)).toBe('09:00 24/02/2026');
    if (!r0.ok) return;
    const r = dueAfterSupplement(cal, {
      policy: 'pause',
      processing: days(5),
      ...r0.value,
      requestedAt: vnInstant(2026, 2, 12, 9, 0),
      receivedAt: vnInstant(2026, 2, 24, 9, 0),
    });
    expect(r.ok && formatVnDateTime(r.value.dueAt)).toBe('09:00 27/02/2026');
    expect(r.ok && r.value.pausedMs).toBe(24 * 3_600_000);
  });

  it('[DUE4] pause: waiting before the clock started does not count', () => {
    const late = computeDue(cal, { receivedAt: vnInstant(2026, 3, 2, 17, 30), processing: days(2) });
    if (!late.ok) throw new Error('setup');
    const r = dueAfterSupplement(cal, {
      policy: 'pause',
      processing: days(2),
      ...late.value,
      requestedAt: vnInstant(2026, 3, 2, 17, 40),
      receivedAt: vnInstant(2026, 3, 3, 8, 0),
    });
    expect(r.ok && [r.value.pausedMs / 60_000, formatVnDateTime(r.value.dueAt)]).toEqual([60, '08:00 05/03/2026']);
  });

  it('[DUE4] bad supplement input is an error', () => {
    const codes = [
      dueAfterSupplement(cal, { ...base, policy: 'freeze' as unknown as 'pause' }),
      dueAfterSupplement(cal, { ...base, policy: 'pause', requestedAt: Number.NaN }),
      dueAfterSupplement(cal, { ...base, policy: 'pause', processing: days(0) }),
    ].map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual(['calendar.badPolicy', 'calendar.badInstant', 'calendar.badAmount']);
  });

  it('[DUE4] a supplement before its request is refused', () => {
    const r = dueAfterSupplement(cal, { ...base, policy: 'pause', receivedAt: vnInstant(2026, 3, 3, 9, 0) });
    expect(r.ok ? 'ok' : r.error.code).toBe('calendar.supplementBeforeRequest');
  });

  it('[DUE2] working time between two instants skips lunch, nights and days off', () => {
    expect(workingMsBetween(cal, vnInstant(2026, 3, 2, 11, 0), vnInstant(2026, 3, 2, 14, 0)) / 60_000).toBe(60);
    expect(workingMsBetween(cal, vnInstant(2026, 2, 13, 16, 0), vnInstant(2026, 2, 23, 8, 0)) / 60_000).toBe(120);
    expect(workingMsBetween(cal, vnInstant(2026, 8, 21, 17, 0), vnInstant(2026, 8, 24, 7, 0)) / 3_600_000).toBe(8);
    expect(workingMsBetween(cal, vnInstant(2026, 3, 3), vnInstant(2026, 3, 2))).toBe(0);
    expect(workingMsBetween(cal, Number.NaN, vnInstant(2026, 3, 2))).toBe(0);
  });
});

/** The slow way: every day, every office period, clipped to [from, to). */
function referenceWorkingMs(from: number, to: number): number {
  let total = 0;
  for (let day = startOfVnDay(vnDate(from)); day < to; day += 86_400_000) {
    if (!cal.isWorkingDay(vnDate(day))) continue;
    for (const [s, e] of [
      [7 * 60, 11 * 60 + 30],
      [13 * 60 + 30, 17 * 60],
    ] as const) {
      const a = Math.max(day + s * 60_000, from),
        b = Math.min(day + e * 60_000, to);
      if (b > a) total += b - a;
    }
  }
  return total;
}

describe('[DUE2] properties', () => {
  const received = fc.integer({ min: vnInstant(2025, 1, 1), max: vnInstant(2027, 12, 31) });
  const amount = fc.integer({ min: 1, max: 60 });
  const cutoff: fc.Arbitrary<CutoffRule> = fc.oneof(
    fc.constant({ kind: 'closing' } as const),
    fc.integer({ min: 7, max: 16 }).map((h) => ({ kind: 'at', time: `${String(h).padStart(2, '0')}:00` }) as const),
    fc.integer({ min: 0, max: 120 }).map((minutes) => ({ kind: 'beforeClosing', minutes }) as const),
  );
  const processing: fc.Arbitrary<ProcessingTime> = fc.oneof(
    amount.map(days),
    fc.integer({ min: 1, max: 200 }).map((n) => ({ unit: 'workingHours', amount: n }) as const),
    fc.constant({ unit: 'sameDay' } as const),
  );

  it('[DUE2] workingMsBetween agrees with a day-by-day reference', () => {
    fc.assert(
      fc.property(received, fc.integer({ min: 0, max: 40 * 86_400_000 }), (t, dt) => {
        expect(workingMsBetween(cal, t, t + dt)).toBe(referenceWorkingMs(t, t + dt));
      }),
      { numRuns: 300 },
    );
  });

  it('[DUE2] the time from clock start to due date is exactly the processing time in working time', () => {
    fc.assert(
      fc.property(received, processing, cutoff, (t, p, c) => {
        const r = computeDue(cal, { receivedAt: t, processing: p, cutoff: c });
        if (!r.ok) throw new Error(r.error.message);
        const expected = p.unit === 'workingDays' ? p.amount * 8 * 3_600_000 : p.unit === 'workingHours' ? p.amount * 3_600_000 : null;
        if (expected !== null) expect(workingMsBetween(cal, r.value.clockStartAt, r.value.dueAt)).toBe(expected);
        else expect(formatVnDateTime(r.value.dueAt)).toBe(`17:00 ${formatVnDateTime(r.value.clockStartAt).slice(6)}`);
        expect(r.value.clockStartAt).toBeGreaterThanOrEqual(t);
        expect(isWorkingInstant(cal, r.value.clockStartAt)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('[DUE2] a due date never falls on a non-working day nor outside office hours', () => {
    fc.assert(
      fc.property(received, processing, cutoff, (t, p, c) => {
        const r = computeDue(cal, { receivedAt: t, processing: p, cutoff: c });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(cal.isWorkingDay(vnDate(r.value.dueAt))).toBe(true);
        // a due date is inside office hours or exactly on a closing time
        expect(isWorkingInstant(cal, r.value.dueAt) || isWorkingInstant(cal, r.value.dueAt - 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('[DUE2] one more working day never moves a due date backwards, and adds exactly one working day', () => {
    fc.assert(
      fc.property(received, amount, (t, n) => {
        const a = computeDue(cal, { receivedAt: t, processing: days(n) });
        const b = computeDue(cal, { receivedAt: t, processing: days(n + 1) });
        expect(a.ok && b.ok).toBe(true);
        if (!a.ok || !b.ok) return;
        expect(b.value.dueAt).toBeGreaterThan(a.value.dueAt);
        expect(workingMsBetween(cal, a.value.dueAt, b.value.dueAt)).toBe(8 * 3_600_000);
      }),
      { numRuns: 200 },
    );
  });

  it('[DUE3] a later receipt never gets an earlier due date (any unit, any cut-off)', () => {
    fc.assert(
      fc.property(received, fc.integer({ min: 0, max: 7 * 86_400_000 }), processing, cutoff, (t, dt, p, c) => {
        const a = computeDue(cal, { receivedAt: t, processing: p, cutoff: c });
        const b = computeDue(cal, { receivedAt: t + dt, processing: p, cutoff: c });
        expect(a.ok && b.ok && b.value.dueAt >= a.value.dueAt).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
