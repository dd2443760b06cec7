/**
 * What the officer types into an action's form, and the event payload it makes. Pure: the due
 * date after a supplement comes from the domain (DUE4), the checks from checkAction (APO1–APO3).
 */
import type { CutoffRule } from '../../../domain/catalog/procedure';
import type { WorkCalendar } from '../../../domain/calendar/types';
import type { ApologyChannel, EventPayloads, EventType } from '../../../domain/dossier/events';
import type { DossierState } from '../../../domain/dossier/state';
import { supplementReceivedDue } from '../../../domain/dossier/supplementDue';
import { err, ok, type Result } from '../../../domain/result';
import { cleanText } from '../../../domain/text/nfc';
import { parseHm, startOfVnDay } from '../../../domain/time/vnTime';
import { splitLines } from '../intakeForm';

export type CounterAction = Exclude<EventType, 'received' | 'rated' | 'registered' | 'papersDigitised' | 'resultDigitised'>;

export type ActionInputs = {
  readonly text: string;
  readonly note: string;
  readonly number: string;
  readonly signer: string;
  /** ISO date, '' until a whole date is typed. */
  readonly date: string;
  readonly time: string;
  readonly channel: ApologyChannel;
};

export const APOLOGY_CHANNELS: readonly ApologyChannel[] = ['paper', 'sms', 'phone', 'email', 'app'];

/** The main text of an action, when it has one: its label key and whether it takes several lines. */
export const ACTION_TEXT = {
  transferred: { label: 'action.toUnit', multiline: false },
  supplementRequested: { label: 'action.missing', multiline: true },
  withdrawn: { label: 'action.reason', multiline: false },
  stopped: { label: 'action.reason', multiline: false },
  apologyIssued: { label: 'action.apologyReason', multiline: true },
} as const satisfies Partial<Record<CounterAction, { label: string; multiline: boolean }>>;

export type TextAction = keyof typeof ACTION_TEXT;
export const hasText = (a: CounterAction): a is TextAction => a in ACTION_TEXT;

/** Actions whose form has a free note (a reason or an apology says it all already). */
export const takesNote = (a: CounterAction): boolean => a !== 'withdrawn' && a !== 'stopped' && a !== 'apologyIssued';

export function initialInputs(action: CounterAction, state: Pick<DossierState, 'code'>, o: { signer: string; defaultUnit: string }): ActionInputs {
  return {
    text: action === 'transferred' ? o.defaultUnit : '',
    note: '',
    number: `XL-${state.code.split('-').at(-1) ?? ''}`,
    signer: o.signer,
    date: '',
    time: '16:30',
    channel: 'paper',
  };
}

/** The form's fields a domain error is about, so the dialog marks that field. */
export type ActionField = 'text' | 'date' | 'number' | 'signer';
const FIELD_OF_ERROR: Readonly<Record<string, ActionField>> = {
  'apology.reasonRequired': 'text',
  'dossier.missingRequired': 'text',
  'dossier.reasonRequired': 'text',
  'dossier.unitRequired': 'text',
  'apology.newDateRequired': 'date',
  'apology.newDateNotAfterDue': 'date',
  'apology.newDateNotWorkingDay': 'date',
  'apology.numberRequired': 'number',
  'apology.signerRequired': 'signer',
};
export const fieldOfError = (code: string): ActionField | undefined => FIELD_OF_ERROR[code];

export type PayloadContext = { readonly state: DossierState; readonly calendar: WorkCalendar; readonly cutoff: CutoffRule | undefined; readonly at: number };

export function actionPayload(action: CounterAction, v: ActionInputs, c: PayloadContext): Result<EventPayloads[CounterAction]> {
  const note = cleanText(v.note) ? { note: cleanText(v.note) } : {};
  switch (action) {
    case 'transferred':
      return ok({ toUnit: cleanText(v.text), ...note });
    case 'supplementRequested':
      return ok({ missing: splitLines(v.text), ...note });
    case 'supplementReceived': {
      const due = supplementReceivedDue(c.calendar, c.state, c.at, c.cutoff);
      return due.ok ? ok({ dueAt: due.value.dueAt, clockStartAt: due.value.clockStartAt, calendarVersion: c.calendar.version, ...note }) : due;
    }
    case 'awaitingFinancial':
    case 'resolved':
    case 'resultReturned':
      return ok({ ...note });
    case 'withdrawn':
    case 'stopped':
      return ok({ reason: cleanText(v.text) });
    case 'apologyIssued': {
      const minutes = parseHm(v.time);
      if (!v.date || minutes === null) return err('apology.newDateRequired', 'choose the new return date');
      return ok({
        number: cleanText(v.number),
        reason: cleanText(v.text),
        newDueAt: startOfVnDay(v.date) + minutes * 60_000,
        signer: cleanText(v.signer),
        channel: v.channel,
      });
    }
  }
}
