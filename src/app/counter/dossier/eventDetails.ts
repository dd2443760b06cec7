/**
 * What each recorded action said, as lines for the timeline: the papers requested, the unit it
 * went to, the apology's reason and new date, a reason, a note. Pure: i18n keys and values.
 */
import type { DossierEvent } from '../../../domain/dossier/events';
import { formatVnDateTime } from '../../../domain/time/vnTime';

export type DetailKey =
  | 'outcome'
  | 'procedure'
  | 'missing'
  | 'refusalReason'
  | 'toUnit'
  | 'newDueAt'
  | 'reason'
  | 'apologyNumber'
  | 'signer'
  | 'channel'
  | 'rating'
  | 'note'
  | 'paper';

export type Detail = { readonly key: DetailKey; readonly value: string; readonly translate?: 'outcome' | 'apologyChannel' | 'rating' };

const note = (n: string | undefined): Detail[] => (n ? [{ key: 'note', value: n }] : []);

export function eventDetails(e: DossierEvent): Detail[] {
  switch (e.type) {
    case 'received': {
      const p = e.payload;
      return [
        { key: 'outcome', value: p.outcome, translate: 'outcome' },
        { key: 'procedure', value: p.procedureName },
        ...(p.missing?.length ? [{ key: 'missing' as const, value: p.missing.join('; ') }] : []),
        ...(p.refusalReason ? [{ key: 'refusalReason' as const, value: p.refusalReason }] : []),
        ...note(p.note),
      ];
    }
    case 'transferred':
      return [{ key: 'toUnit', value: e.payload.toUnit }, ...note(e.payload.note)];
    case 'supplementRequested':
      return [{ key: 'missing', value: e.payload.missing.join('; ') }, ...note(e.payload.note)];
    case 'supplementReceived':
      return [{ key: 'newDueAt', value: formatVnDateTime(e.payload.dueAt) }, ...note(e.payload.note)];
    case 'awaitingFinancial':
    case 'resolved':
    case 'resultReturned':
      return note(e.payload.note);
    case 'withdrawn':
    case 'stopped':
      return [{ key: 'reason', value: e.payload.reason }];
    case 'apologyIssued': {
      const p = e.payload;
      return [
        { key: 'reason', value: p.reason },
        { key: 'newDueAt', value: formatVnDateTime(p.newDueAt) },
        { key: 'apologyNumber', value: p.number },
        { key: 'signer', value: p.signer },
        { key: 'channel', value: p.channel, translate: 'apologyChannel' },
      ];
    }
    case 'rated':
      return [{ key: 'rating', value: e.payload.level, translate: 'rating' }];
    case 'papersDigitised':
    case 'resultDigitised':
      return e.payload.files.map((f) => ({ key: 'paper' as const, value: f.name }));
    case 'registered':
      return [{ key: 'procedure', value: e.payload.procedureName }, ...note(e.payload.note)];
  }
}
