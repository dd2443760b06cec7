import { describe, expect, it } from 'vitest';
import { endTimeliness, openTimeliness } from '../../../src/domain/timeliness/timeliness';
import { apologyCompliance, apologyDeadline, checkApology } from '../../../src/domain/timeliness/apology';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { vnInstant } from '../../../src/domain/time/vnTime';
import type { ApologyPayload } from '../../../src/domain/dossier/events';
import { buildEvent, buildReceived, T0 } from '../../support/builders';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const DUE = vnInstant(2026, 3, 5, 9, 0); // Thursday 5/3/2026 09:00
const intake = () => buildReceived({ dueAt: DUE });
const resolvedAt = (at: number) => foldDossier([intake(), buildEvent('resolved', {}, { at })])!;

describe('[TIM1] early, on time, late by calendar day', () => {
  it.each([
    [vnInstant(2026, 3, 4, 16, 0), 'early'],
    [vnInstant(2026, 3, 5, 16, 59), 'onTime'],
    [vnInstant(2026, 3, 6, 8, 0), 'late'],
  ] as const)('resolved at %s is %s', (at, expected) => {
    expect(endTimeliness(resolvedAt(at))).toBe(expected);
  });

  it('[TIM1] open, refused and withdrawn dossiers have no end timeliness', () => {
    expect(endTimeliness(foldDossier([intake()])!)).toBeNull();
    expect(endTimeliness(foldDossier([buildReceived({ outcome: 'refused', refusalReason: 'x', dueAt: null, clockStartAt: null })])!)).toBeNull();
    expect(endTimeliness(foldDossier([intake(), buildEvent('withdrawn', { reason: 'x' }, { at: T0 + 1 })])!)).toBeNull();
  });

  it('[APO2] a rescheduled dossier resolved by its new date is still late', () => {
    const apology: ApologyPayload = { number: '1', reason: 'r', newDueAt: vnInstant(2026, 3, 10, 9), signer: 's', channel: 'paper' };
    const s = foldDossier([
      intake(),
      buildEvent('apologyIssued', apology, { at: vnInstant(2026, 3, 3, 9) }),
      buildEvent('resolved', {}, { at: vnInstant(2026, 3, 9, 9) }),
    ])!;
    expect(endTimeliness(s)).toBe('late');
  });
});

describe('[TIM2] within time, at risk, overdue', () => {
  const s = foldDossier([intake()])!;
  it.each([
    [vnInstant(2026, 3, 2, 10), 'withinTime'],
    [vnInstant(2026, 3, 4, 10), 'atRisk'],
    [vnInstant(2026, 3, 5, 8), 'atRisk'],
    [vnInstant(2026, 3, 5, 9, 1), 'overdue'],
  ] as const)('as of %s: %s', (asOf, expected) => {
    expect(openTimeliness(s, asOf, cal)).toBe(expected);
  });

  it('[TIM2] the next working day skips a weekend: due Monday is at risk on Friday', () => {
    const monday = foldDossier([buildReceived({ dueAt: vnInstant(2026, 3, 9, 9) })])!;
    expect(openTimeliness(monday, vnInstant(2026, 3, 6, 9), cal)).toBe('atRisk');
    expect(openTimeliness(monday, vnInstant(2026, 3, 5, 9), cal)).toBe('withinTime');
  });

  it('[TIM2] an ended dossier has no open timeliness', () => {
    expect(openTimeliness(resolvedAt(vnInstant(2026, 3, 4)), vnInstant(2026, 3, 6), cal)).toBeNull();
  });
});

describe('[APO1][APO2][APO3] apology rules', () => {
  const s = foldDossier([intake()])!;
  const payload: ApologyPayload = {
    number: '05/XL',
    reason: 'Cần xác minh thêm',
    newDueAt: vnInstant(2026, 3, 12, 9),
    signer: 'Chủ tịch UBND xã',
    channel: 'paper',
  };
  const code = (r: ReturnType<typeof checkApology>) => (r.ok ? (r.value.warnings[0] ?? 'ok') : r.error.code);

  it('[APO1] the deadline is the day before the legal due day', () => {
    expect(apologyDeadline(s, cal)).toBe('2026-03-04');
  });

  it('[APO1] issued by the deadline: fine; after it: recorded with a warning', () => {
    expect(code(checkApology(s, payload, vnInstant(2026, 3, 4, 16), cal))).toBe('ok');
    expect(code(checkApology(s, payload, vnInstant(2026, 3, 5, 8), cal))).toBe('apology.tooLate');
  });

  it('[APO4] reason, signer, number and a later working-day date are required', () => {
    const at = vnInstant(2026, 3, 3);
    expect(code(checkApology(s, { ...payload, reason: ' ' }, at, cal))).toBe('apology.reasonRequired');
    expect(code(checkApology(s, { ...payload, signer: '' }, at, cal))).toBe('apology.signerRequired');
    expect(code(checkApology(s, { ...payload, number: '' }, at, cal))).toBe('apology.numberRequired');
    expect(code(checkApology(s, { ...payload, newDueAt: DUE }, at, cal))).toBe('apology.newDateNotAfterDue');
    expect(code(checkApology(s, { ...payload, newDueAt: vnInstant(2026, 3, 7, 9) }, at, cal))).toBe('apology.newDateNotWorkingDay');
  });

  it('[APO2] an apology after a reschedule is refused: only once', () => {
    const once = foldDossier([intake(), buildEvent('apologyIssued', payload, { at: vnInstant(2026, 3, 3) })])!;
    expect(code(checkApology(once, { ...payload, newDueAt: vnInstant(2026, 3, 20, 9) }, vnInstant(2026, 3, 11), cal))).toBe('apology.secondReschedule');
  });

  it('[APO3] compliance of late dossiers', () => {
    const late = vnInstant(2026, 3, 6, 9);
    expect(apologyCompliance(s, vnInstant(2026, 3, 4), cal)).toBe('notLate');
    expect(apologyCompliance(s, late, cal)).toBe('noApology');
    const onTimeApology = foldDossier([intake(), buildEvent('apologyIssued', payload, { at: vnInstant(2026, 3, 4, 10) })])!;
    expect(apologyCompliance(onTimeApology, late, cal)).toBe('compliant');
    const lateApology = foldDossier([intake(), buildEvent('apologyIssued', payload, { at: vnInstant(2026, 3, 5, 10) })])!;
    expect(apologyCompliance(lateApology, late, cal)).toBe('lateApology');
    expect(apologyCompliance(resolvedAt(vnInstant(2026, 3, 5, 10)), late, cal)).toBe('notLate');
  });
});
