import { describe, expect, it } from 'vitest';
import { checkIntakeForm, EMPTY_FORM, missingPapers, toReceivedPayload, withProcedure } from '../../../src/app/counter/intakeForm';
import { DEMO_CATALOG } from '../../../src/domain/catalog/demoCatalog';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { formatVnDateTime, vnInstant } from '../../../src/domain/time/vnTime';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const birth = DEMO_CATALOG.procedures.find((p) => p.name.includes('khai sinh'));
if (!birth) throw new Error('catalog has no birth registration');
const MON_0930 = vnInstant(2026, 3, 2, 9, 30);

describe('intake form', () => {
  it('choosing a procedure ticks its required papers and sets its fee', () => {
    const f = withProcedure(EMPTY_FORM, birth);
    expect(f.papers.filter((l) => l.checked).length).toBe(birth.papers.filter((p) => p.required).length);
    expect(f.feeVnd).toBe(birth.feeVnd);
    expect(missingPapers(f, birth)).toEqual([]);
    const unticked = { ...f, papers: f.papers.map((l) => ({ ...l, checked: false })) };
    expect(missingPapers(unticked, birth).length).toBeGreaterThan(0);
  });

  it('names every field that is wrong, in error codes the app translates', () => {
    const f = { ...EMPTY_FORM, idNumber: '12345', phone: '12', email: 'x@', sets: 0, outcome: 'refused' as const };
    const c = checkIntakeForm(f, undefined, MON_0930);
    expect(Object.fromEntries(Object.entries(c.errors).map(([k, v]) => [k, v.code]))).toEqual({
      procedure: 'intake.procedureRequired',
      name: 'dossier.applicantNameRequired',
      idNumber: 'identity.idFormat',
      phone: 'identity.phoneFormat',
      email: 'identity.emailFormat',
      sets: 'dossier.setsRequired',
      refusalReason: 'dossier.reasonRequired',
    });
  });

  it('PD2 warnings do not block', () => {
    const f = { ...withProcedure(EMPTY_FORM, birth), name: 'Nguyễn Văn A', idNumber: '999190012345' };
    const c = checkIntakeForm(f, birth, MON_0930);
    expect(c.errors).toEqual({});
    expect(c.warnings.idNumber).toContain('identity.unknownProvince');
    expect(toReceivedPayload(f, birth, cal, MON_0930).ok).toBe(true);
  });

  it('an accepted intake carries the due date computed in Vietnam time and cleaned text', () => {
    const f = { ...withProcedure(EMPTY_FORM, birth), name: '  Nguyễn   Thị Đào ', phone: '0912 345 678' };
    const r = toReceivedPayload(f, birth, cal, MON_0930);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.applicant.name).toBe('Nguyễn Thị Đào');
    expect(r.value.applicant.phone).toBe('0912345678');
    expect(r.value.dueAt).not.toBeNull();
    expect(r.value.calendarVersion).toBe(cal.version);
    expect(formatVnDateTime(r.value.clockStartAt ?? 0)).toContain('02/03/2026');
  });

  it('an incomplete intake has no due date and lists what is missing; a refusal has its reason', () => {
    const base = { ...withProcedure(EMPTY_FORM, birth), name: 'Trần B' };
    const inc = toReceivedPayload({ ...base, outcome: 'incomplete', missing: 'Giấy chứng sinh\n\n Tờ khai ' }, birth, cal, MON_0930);
    expect(inc.ok && inc.value.dueAt).toBe(null);
    expect(inc.ok && inc.value.missing).toEqual(['Giấy chứng sinh', 'Tờ khai']);
    const ref = toReceivedPayload({ ...base, outcome: 'refused', refusalReason: 'Không thuộc thẩm quyền' }, birth, cal, MON_0930);
    expect(ref.ok && ref.value.refusalReason).toBe('Không thuộc thẩm quyền');
  });
});
