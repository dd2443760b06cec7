import { describe, expect, it } from 'vitest';
import { actionPayload, fieldOfError, initialInputs } from '../../../src/app/counter/action/actionInputs';
import { eventDetails } from '../../../src/app/counter/dossier/eventDetails';
import { EMPTY_FORM, isBlankForm, withProcedure } from '../../../src/app/counter/intakeForm';
import { DEMO_CATALOG } from '../../../src/domain/catalog/demoCatalog';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { supplementReceivedDue } from '../../../src/domain/dossier/supplementDue';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived, T0 } from '../../support/builders';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const state = foldDossier([buildReceived()])!;
const inputs = initialInputs('apologyIssued', state, { signer: 'Lê Thị Hoa', defaultUnit: 'Bộ phận chuyên môn' });

describe('action form', () => {
  it('[APO2] the apology form makes the new return date from dd/MM/yyyy and HH:mm in Vietnam time', () => {
    const p = actionPayload(
      'apologyIssued',
      { ...inputs, text: 'Cần xác minh', date: '2026-03-12', time: '09:30' },
      { state, calendar: cal, cutoff: undefined, at: T0 },
    );
    expect(p.ok && 'newDueAt' in p.value && p.value.newDueAt).toBe(vnInstant(2026, 3, 12, 9, 30));
    const missing = actionPayload('apologyIssued', { ...inputs, date: '' }, { state, calendar: cal, cutoff: undefined, at: T0 });
    expect(!missing.ok && missing.error.code).toBe('apology.newDateRequired');
    expect(fieldOfError('apology.newDateRequired')).toBe('date');
    expect(fieldOfError('apology.signerRequired')).toBe('signer');
  });

  it("[DUE4] the supplement-received due date is the domain's, not the screen's", () => {
    const s = foldDossier([buildReceived(), buildEvent('supplementRequested', { missing: ['Bản sao CCCD'] }, { at: T0 + 3_600_000 })])!;
    const at = vnInstant(2026, 3, 4, 10, 0);
    const p = actionPayload('supplementReceived', inputs, { state: s, calendar: cal, cutoff: undefined, at });
    const due = supplementReceivedDue(cal, s, at);
    expect(p.ok && 'dueAt' in p.value && p.value.dueAt).toBe(due.ok && due.value.dueAt);
  });

  it('a transfer starts with the usual unit; an apology number follows the dossier number', () => {
    expect(initialInputs('transferred', state, { signer: '', defaultUnit: 'Bộ phận chuyên môn' }).text).toBe('Bộ phận chuyên môn');
    expect(inputs.number).toBe('XL-1001');
  });
});

describe('[12.7] the timeline says what each action said', () => {
  it('papers requested, unit transferred to, the apology reason and new date', () => {
    const at = T0 + 3_600_000;
    const keys = (e: Parameters<typeof eventDetails>[0]) => Object.fromEntries(eventDetails(e).map((d) => [d.key, d.value]));
    expect(keys(buildEvent('supplementRequested', { missing: ['Bản sao CCCD', 'Giấy chứng sinh'] }, { at }))).toEqual({
      missing: 'Bản sao CCCD; Giấy chứng sinh',
    });
    expect(keys(buildEvent('transferred', { toUnit: 'Công chức Tư pháp - Hộ tịch', note: 'gấp' }, { at }))).toEqual({
      toUnit: 'Công chức Tư pháp - Hộ tịch',
      note: 'gấp',
    });
    expect(
      keys(
        buildEvent(
          'apologyIssued',
          { number: '01/XL', reason: 'Chờ xác minh', newDueAt: vnInstant(2026, 3, 12, 16, 30), signer: 'Chủ tịch UBND xã', channel: 'sms' },
          { at },
        ),
      ),
    ).toEqual({
      reason: 'Chờ xác minh',
      newDueAt: '16:30 12/03/2026',
      apologyNumber: '01/XL',
      signer: 'Chủ tịch UBND xã',
      channel: 'sms',
    });
    expect(keys(buildEvent('withdrawn', { reason: 'Công dân rút' }, { at }))).toEqual({ reason: 'Công dân rút' });
  });
});

describe('[12.5] clearing the intake form', () => {
  it('a blank form clears without asking; one with anything typed or chosen asks', () => {
    expect(isBlankForm(EMPTY_FORM)).toBe(true);
    expect(isBlankForm({ ...EMPTY_FORM, name: 'A' })).toBe(false);
    expect(isBlankForm(withProcedure(EMPTY_FORM, DEMO_CATALOG.procedures[0]!))).toBe(false);
    // a draft stored with its keys in another order is still blank
    const reordered = Object.fromEntries(Object.entries(EMPTY_FORM).reverse()) as typeof EMPTY_FORM;
    expect(isBlankForm(reordered)).toBe(true);
  });
});
