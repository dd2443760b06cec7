/** FRM1/FRM2: the form numbers of the two sets in use; the set is a device setting. */
export type FormSet = 'tt01-2018' | 'tt03-2025';
export type PrintForm = 'receipt' | 'supplement' | 'refusal' | 'apology' | 'stop' | 'logbook';
export const PRINT_FORMS: readonly PrintForm[] = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'logbook'];

const NUMBERS: Record<FormSet, Record<PrintForm, string | null>> = {
  'tt01-2018': { receipt: '01', supplement: '02', refusal: '03', apology: '04', stop: null, logbook: '06' },
  'tt03-2025': { receipt: '01', supplement: '02', refusal: '03', apology: '04', stop: '05', logbook: '07' },
};

/** The form's number in the set, or null when the set has no such form (TT 01/2018 has no stop notice). */
export function formNumber(set: FormSet, form: PrintForm): string | null {
  return NUMBERS[set][form];
}

export const isPrintForm = (s: string): s is PrintForm => (PRINT_FORMS as readonly string[]).includes(s);
