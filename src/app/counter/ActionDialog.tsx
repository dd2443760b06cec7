/** The form of one lifecycle action; the domain checks it (APO1–APO3 and the rest) before anything is saved. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dueAfterSupplement } from '../../domain/calendar/dueDate';
import type { ApologyChannel, EventPayloads, EventType } from '../../domain/dossier/events';
import type { DossierState } from '../../domain/dossier/state';
import { err, type DomainError, type Result } from '../../domain/result';
import { cleanText } from '../../domain/text/nfc';
import { apologyDeadline, type ApologyWarning } from '../../domain/timeliness/apology';
import { formatIsoDate, formatVnDateTime, parseHm, startOfVnDay, vnDate } from '../../domain/time/vnTime';
import { recordAction } from '../db/record';
import { Dialog } from '../shell/Dialog';
import { ErrorText, Field } from '../shell/Field';
import { findProcedure, useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { useSession } from '../shell/session';
import { splitLines } from './intakeForm';

export type CounterAction = Exclude<EventType, 'received' | 'rated' | 'papersDigitised' | 'resultDigitised'>;

type Inputs = { text: string; note: string; number: string; signer: string; date: string; time: string; channel: ApologyChannel };

export function ActionDialog({ state, action, onClose, onDone }: { state: DossierState; action: CounterAction; onClose: () => void; onDone: (warnings: ApologyWarning[]) => void }) {
  const { t } = useTranslation('counter');
  const { db, now } = useServices();
  const { calendar, catalog, device, settings } = useReference();
  const user = useSession((s) => s.user);
  const [v, setV] = useState<Inputs>({
    text: action === 'supplementRequested' ? '' : action === 'transferred' ? t('action.defaultUnit') : '',
    note: '', number: `XL-${state.code.split('-').at(-1) ?? ''}`, signer: settings.signer, date: '', time: '16:30', channel: 'paper',
  });
  const [error, setError] = useState<DomainError | null>(null);
  const set = (patch: Partial<Inputs>) => setV({ ...v, ...patch });
  const note = cleanText(v.note) ? { note: cleanText(v.note) } : {};

  function payload(at: number): Result<EventPayloads[CounterAction]> {
    switch (action) {
      case 'transferred': return { ok: true, value: { toUnit: cleanText(v.text), ...note } };
      case 'supplementRequested': return { ok: true, value: { missing: splitLines(v.text), ...note } };
      case 'supplementReceived': {
        const round = state.supplements.at(-1);
        const p = findProcedure(catalog, state.procedureCode);
        if (!round || state.dueAt === null || state.clockStartAt === null) {
          // incomplete at intake: the clock starts now, with the processing time kept on the dossier
          const due = dueAfterSupplement(calendar, { policy: 'restart', processing: state.processing, cutoff: p?.cutoff, clockStartAt: at, dueAt: at, requestedAt: state.receivedAt, receivedAt: at });
          return due.ok ? { ok: true, value: { dueAt: due.value.dueAt, clockStartAt: due.value.clockStartAt, calendarVersion: calendar.version, ...note } } : due;
        }
        const due = dueAfterSupplement(calendar, {
          policy: state.supplementPolicy, processing: state.processing, cutoff: p?.cutoff,
          clockStartAt: state.clockStartAt, dueAt: state.dueAt, requestedAt: round.requestedAt, receivedAt: at,
        });
        return due.ok ? { ok: true, value: { dueAt: due.value.dueAt, clockStartAt: due.value.clockStartAt, calendarVersion: calendar.version, ...note } } : due;
      }
      case 'awaitingFinancial':
      case 'resolved':
      case 'resultReturned':
        return { ok: true, value: { ...note } };
      case 'withdrawn':
      case 'stopped':
        return { ok: true, value: { reason: cleanText(v.text) } };
      case 'apologyIssued': {
        const minutes = parseHm(v.time);
        if (!v.date || minutes === null) return err('apology.newDateRequired', 'choose the new return date');
        return { ok: true, value: { number: cleanText(v.number), reason: cleanText(v.text), newDueAt: startOfVnDay(v.date) + minutes * 60_000, signer: cleanText(v.signer), channel: v.channel } };
      }
    }
  }

  async function submit() {
    if (!device || !user) return;
    const at = now();
    const p = payload(at);
    if (!p.ok) { setError(p.error); return; }
    const r = await recordAction(db, calendar, { device, userId: user.id }, state.id, action, p.value as never, at);
    if (!r.ok) { setError(r.error); return; }
    onDone(r.value.warnings);
  }

  const textLabel = action === 'transferred' ? 'action.toUnit' : action === 'supplementRequested' ? 'action.missing' : action === 'apologyIssued' ? 'action.apologyReason' : 'action.reason';
  const needsText = action === 'transferred' || action === 'supplementRequested' || action === 'withdrawn' || action === 'stopped' || action === 'apologyIssued';
  const deadline = apologyDeadline(state);
  return (
    <Dialog title={t(`event.${action}`)} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {action === 'apologyIssued' && state.dueAt !== null && (
          <p className="muted">{t('action.apologyRule', { due: formatVnDateTime(state.effectiveDueAt ?? state.dueAt), deadline: deadline ? formatIsoDate(deadline) : '' })}</p>
        )}
        {needsText && (
          <Field id="action-text" label={t(textLabel)}>
            {action === 'supplementRequested' || action === 'apologyIssued'
              ? <textarea id="action-text" value={v.text} onChange={(e) => set({ text: e.target.value })} />
              : <input id="action-text" value={v.text} onChange={(e) => set({ text: e.target.value })} />}
          </Field>
        )}
        {action === 'apologyIssued' && (
          <>
            <div className="grid2">
              <Field id="action-date" label={t('action.newDate')}>
                <input id="action-date" type="date" value={v.date} min={vnDate(now())} onChange={(e) => set({ date: e.target.value })} />
              </Field>
              <Field id="action-time" label={t('action.newTime')}>
                <input id="action-time" type="time" value={v.time} onChange={(e) => set({ time: e.target.value })} />
              </Field>
              <Field id="action-number" label={t('action.number')}>
                <input id="action-number" value={v.number} onChange={(e) => set({ number: e.target.value })} />
              </Field>
              <Field id="action-channel" label={t('action.channel')}>
                <select id="action-channel" value={v.channel} onChange={(e) => set({ channel: e.target.value as ApologyChannel })}>
                  {(['paper', 'sms', 'phone', 'email', 'app'] as const).map((c) => <option key={c} value={c}>{t(`apologyChannel.${c}`)}</option>)}
                </select>
              </Field>
            </div>
            <Field id="action-signer" label={t('action.signer')}>
              <input id="action-signer" value={v.signer} onChange={(e) => set({ signer: e.target.value })} />
            </Field>
          </>
        )}
        {action !== 'withdrawn' && action !== 'stopped' && action !== 'apologyIssued' && (
          <Field id="action-note" label={t('action.note')}>
            <input id="action-note" value={v.note} onChange={(e) => set({ note: e.target.value })} />
          </Field>
        )}
        <ErrorText error={error} />
        <div className="row">
          <button type="button" onClick={onClose}>{t('action.cancel')}</button>
          <span className="spacer" />
          <button type="submit" className="primary">{t('action.confirm')}</button>
        </div>
      </form>
    </Dialog>
  );
}
