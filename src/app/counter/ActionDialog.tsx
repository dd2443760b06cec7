/** The form of one lifecycle action; the domain checks it (APO1–APO3 and the rest) before anything is saved. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierState } from '../../domain/dossier/state';
import type { DomainError } from '../../domain/result';
import type { ApologyWarning } from '../../domain/timeliness/apology';
import { recordAction } from '../db/record';
import { Dialog } from '../shell/Dialog';
import { ErrorText, Field, focusFirstInvalid } from '../shell/Field';
import { findProcedure, useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { useSession } from '../shell/session';
import { actionPayload, fieldOfError, hasText, initialInputs, takesNote, type ActionInputs, type CounterAction } from './action/actionInputs';
import { ApologyRule, ApologySection } from './action/ApologySection';
import { TextSection } from './action/TextSection';

export type { CounterAction } from './action/actionInputs';

export function ActionDialog({
  state,
  action,
  onClose,
  onDone,
}: {
  state: DossierState;
  action: CounterAction;
  onClose: () => void;
  onDone: (warnings: ApologyWarning[], state: DossierState) => void;
}) {
  const { t } = useTranslation('counter');
  const { db, now } = useServices();
  const { calendar, catalog, device, settings } = useReference();
  const user = useSession((s) => s.user);
  const [v, setV] = useState<ActionInputs>(() => initialInputs(action, state, { signer: settings.signer, defaultUnit: t('action.defaultUnit') }));
  const [error, setError] = useState<DomainError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<ActionInputs>) => setV({ ...v, ...patch });
  const field = error ? fieldOfError(error.code) : undefined;
  const errors = field && error ? { [field]: error } : {};
  useEffect(() => {
    if (error) focusFirstInvalid(form.current);
  }, [error]);

  async function submit() {
    if (!device || !user) return;
    const at = now();
    const p = actionPayload(action, v, { state, calendar, cutoff: findProcedure(catalog, state.procedureCode)?.cutoff, at });
    if (!p.ok) {
      setError(p.error);
      return;
    }
    const r = await recordAction(db, calendar, { device, userId: user.id }, state.id, action, p.value as never, at);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    onDone(r.value.warnings, r.value.state);
  }

  return (
    <Dialog title={t(`event.${action}`)} onClose={onClose}>
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {action === 'apologyIssued' && <ApologyRule state={state} />}
        {hasText(action) && <TextSection action={action} value={v.text} error={errors.text} onChange={(text) => set({ text })} />}
        {action === 'apologyIssued' && <ApologySection v={v} errors={errors} set={set} />}
        {takesNote(action) && (
          <Field id="action-note" label={t('action.note')}>
            <input id="action-note" value={v.note} onChange={(e) => set({ note: e.target.value })} />
          </Field>
        )}
        <ErrorText error={error} />
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <span className="spacer" />
          <button type="submit" className="primary">
            {t('action.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
