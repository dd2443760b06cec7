import { describe, expect, it } from 'vitest';
import { checkAction } from '../../../src/domain/dossier/checkAction';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { buildEvent, buildReceived, DAY, HOUR, T0 } from '../../support/builders';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const code = (r: ReturnType<typeof checkAction>) => (r.ok ? 'ok' : r.error.code);

describe('checkAction: what the counter refuses before recording', () => {
  it('[LIF2] intake needs a name, sets, a due date when accepted, a missing list or a reason', () => {
    expect(code(checkAction(null, buildReceived(), cal))).toBe('ok');
    expect(code(checkAction(null, buildReceived({ applicant: { name: '  ', idType: 'cccd' } }), cal))).toBe('dossier.applicantNameRequired');
    expect(code(checkAction(null, buildReceived({ sets: 0 }), cal))).toBe('dossier.setsRequired');
    expect(code(checkAction(null, buildReceived({ dueAt: null }), cal))).toBe('dossier.dueRequired');
    expect(code(checkAction(null, buildReceived({ outcome: 'incomplete', missing: [' '] }), cal))).toBe('dossier.missingRequired');
    expect(code(checkAction(null, buildReceived({ outcome: 'refused' }), cal))).toBe('dossier.reasonRequired');
    expect(code(checkAction(foldDossier([buildReceived()]), buildReceived(), cal))).toBe('dossier.alreadyReceived');
  });

  it('[LIF1] refuses what the lifecycle does not allow, naming the status', () => {
    const returned = foldDossier([buildReceived(), buildEvent('resolved', {}, { at: T0 + HOUR }), buildEvent('resultReturned', {}, { at: T0 + 2 * HOUR })]);
    const r = checkAction(returned, buildEvent('resolved', {}, { at: T0 + 3 * HOUR }), cal);
    expect(r).toMatchObject({ ok: false, error: { code: 'dossier.notAllowed', params: { status: 'returned', action: 'resolved' } } });
    expect(code(checkAction(null, buildEvent('resolved', {}), cal))).toBe('dossier.unknown');
  });

  it('[LIF3] withdraw and stop need a reason; a transfer needs a unit; a supplement needs a list', () => {
    const s = foldDossier([buildReceived()]);
    expect(code(checkAction(s, buildEvent('withdrawn', { reason: '' }), cal))).toBe('dossier.reasonRequired');
    expect(code(checkAction(s, buildEvent('stopped', { reason: 'Công dân đề nghị' }), cal))).toBe('ok');
    expect(code(checkAction(s, buildEvent('transferred', { toUnit: '' }), cal))).toBe('dossier.unitRequired');
    expect(code(checkAction(s, buildEvent('supplementRequested', { missing: [] }), cal))).toBe('dossier.missingRequired');
  });

  it('[DUE4] supplement received only when one is awaited', () => {
    const s = foldDossier([buildReceived(), buildEvent('transferred', { toUnit: 'TP-HT' }, { at: T0 + HOUR })]);
    const back = buildEvent('supplementReceived', { dueAt: T0 + 9 * DAY, clockStartAt: T0, calendarVersion: 'v' }, { at: T0 + 2 * HOUR });
    expect(code(checkAction(s, back, cal))).toBe('dossier.notAllowed');
    const waiting = foldDossier([buildReceived(), buildEvent('supplementRequested', { missing: ['A'] }, { at: T0 + HOUR })]);
    expect(code(checkAction(waiting, back, cal))).toBe('ok');
  });

  it('[SAT1] a second rating is refused', () => {
    const s = foldDossier([buildReceived(), buildEvent('rated', { level: 'satisfied' }, { at: T0 + HOUR })]);
    expect(code(checkAction(s, buildEvent('rated', { level: 'satisfied' }, { at: T0 + 2 * HOUR }), cal))).toBe('dossier.alreadyRated');
  });
});
