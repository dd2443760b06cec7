import { describe, expect, it } from 'vitest';
import { decideRating } from '../../../src/domain/kiosk/ratingDecision';
import { KIOSK_IDLE_RESET_S, RATING_REPEAT_WINDOW_MS, isValidKioskPin } from '../../../src/domain/kiosk/kioskPolicy';
import { formatTypedDigits, typedDossierCode } from '../../../src/domain/kiosk/typedCode';
import { kioskStatusView } from '../../../src/domain/kiosk/kioskView';
import { vnInstant } from '../../../src/domain/time/vnTime';

const T = vnInstant(2026, 3, 2, 9, 0);

describe('kiosk rating decision', () => {
  it('[SAT1] a dossier nobody rated gets a new rating', () => {
    expect(decideRating({ ratedUpstream: false, localRatingTimes: [], now: T })).toBe('new');
  });
  it('[SAT1] a second press within the repeat window counts once (repeat, not a refusal)', () => {
    expect(decideRating({ ratedUpstream: false, localRatingTimes: [T], now: T + 1_000 })).toBe('repeat');
    expect(decideRating({ ratedUpstream: true, localRatingTimes: [T], now: T + RATING_REPEAT_WINDOW_MS - 1 })).toBe('repeat');
  });
  it('[SAT1] a second attempt after the window is refused, also while the first is only local (outbox)', () => {
    expect(decideRating({ ratedUpstream: false, localRatingTimes: [T], now: T + RATING_REPEAT_WINDOW_MS })).toBe('alreadyRated');
  });
  it('[SAT1] a rating from another device, known from the server summary, refuses this one', () => {
    expect(decideRating({ ratedUpstream: true, localRatingTimes: [], now: T })).toBe('alreadyRated');
  });
  it('[SAT1] a local rating stamped in the future (clock moved back) is not a repeat', () => {
    expect(decideRating({ ratedUpstream: false, localRatingTimes: [T + 60_000], now: T })).toBe('alreadyRated');
  });
});

describe('kiosk typed code', () => {
  it('[LIF5] digits typed on the keypad become the commune agency code', () => {
    expect(typedDossierCode('000.00.06.H56', '2603021001')).toEqual({ ok: true, value: '000.00.06.H56-260302-1001' });
    expect(formatTypedDigits('26030210')).toBe('260302-10');
  });
  it.each([
    ['too short', '26030210'],
    ['not a real date', '2613451001'],
    ['too long', '260302123456'],
    ['empty', ''],
  ])('[LIF5] %s is refused with kiosk.badCode', (_why, digits) => {
    const r = typedDossierCode('000.00.06.H56', digits);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('kiosk.badCode');
  });
});

describe('kiosk status view', () => {
  const base = {
    code: '000.00.06.H56-260302-1001',
    procedureName: 'Đăng ký khai sinh',
    status: 'processing' as const,
    dueAt: T + 3e8,
    effectiveDueAt: T + 3e8,
  };
  it('[APO] after an apology the appointment is the new date (effectiveDueAt)', () => {
    const v = kioskStatusView({ ...base, effectiveDueAt: T + 5e8 });
    expect(v.appointmentAt).toBe(T + 5e8);
    expect(v.rescheduled).toBe(true);
  });
  it('shows the due date when there was no apology, and no date once ended', () => {
    expect(kioskStatusView(base)).toMatchObject({ appointmentAt: T + 3e8, rescheduled: false, ended: false });
    expect(kioskStatusView({ ...base, status: 'returned' })).toMatchObject({ appointmentAt: null, ended: true });
  });
  it('[DUE4] while the citizen owes papers the kiosk says "chờ bổ sung" with no appointment that could pass', () => {
    expect(kioskStatusView({ ...base, status: 'supplementRequested' })).toMatchObject({ status: 'supplementRequested', appointmentAt: null, ended: false });
    expect(kioskStatusView({ ...base, status: 'registered', dueAt: null, effectiveDueAt: null })).toMatchObject({ appointmentAt: null, ended: false });
  });
  it('[DUE4] "chờ bổ sung" says since when the papers are owed; no date when not waiting', () => {
    expect(kioskStatusView({ ...base, status: 'supplementRequested', supplementRequestedAt: T + 1e8 }).waitingSince).toBe(T + 1e8);
    expect(kioskStatusView({ ...base, status: 'supplementRequested' }).waitingSince).toBeNull();
    expect(kioskStatusView({ ...base, supplementRequestedAt: T + 1e8 }).waitingSince).toBeNull();
  });
  it('[PD3] a view carries only code, procedure, status and dates, whatever the row had', () => {
    const row = { ...base, applicant: { name: 'Nguyễn Thị Đào', phone: '0912345678' } };
    const v = kioskStatusView(row);
    expect(Object.keys(v).sort()).toEqual(['appointmentAt', 'code', 'ended', 'procedureName', 'rescheduled', 'status', 'waitingSince']);
    expect(JSON.stringify(v)).not.toContain('Đào');
  });
});

describe('kiosk policy', () => {
  it('resets after 30 s; PINs are 4–8 digits', () => {
    expect(KIOSK_IDLE_RESET_S).toBe(30);
    expect(isValidKioskPin('1234')).toBe(true);
    expect(isValidKioskPin('123')).toBe(false);
    expect(isValidKioskPin('12a4')).toBe(false);
    expect(isValidKioskPin('123456789')).toBe(false);
  });
});
