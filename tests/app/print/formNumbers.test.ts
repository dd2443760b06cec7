import { describe, expect, it } from 'vitest';
import { formNumber, isPrintForm, PRINT_FORMS } from '../../../src/app/print/formNumbers';

describe('form numbers of the two sets in use', () => {
  it('[FRM1] TT 01/2018: receipt 01, supplement 02, refusal 03, apology 04, logbook 06, and no stop notice', () => {
    expect(PRINT_FORMS.map((f) => formNumber('tt01-2018', f))).toEqual(['01', '02', '03', '04', null, '06']);
  });
  it('[FRM2] TT 03/2025: the stop notice is 05 and the logbook 07', () => {
    expect(PRINT_FORMS.map((f) => formNumber('tt03-2025', f))).toEqual(['01', '02', '03', '04', '05', '07']);
  });
  it('a path segment that names no form is not a form', () => {
    expect(isPrintForm('apology')).toBe(true);
    expect(isPrintForm('control-sheet')).toBe(false);
  });
});
