/** APO1–APO3: the apology's rule in a sentence, the new return date and time, its number, channel and signer. */
import { useTranslation } from 'react-i18next';
import type { ApologyChannel } from '../../../domain/dossier/events';
import type { DossierState } from '../../../domain/dossier/state';
import type { DomainError } from '../../../domain/result';
import { apologyDeadline } from '../../../domain/timeliness/apology';
import { formatIsoDate, formatVnDateTime } from '../../../domain/time/vnTime';
import { DateTimeField } from '../../shell/DateTimeField';
import { Field } from '../../shell/Field';
import { useReference } from '../../shell/reference';
import { APOLOGY_CHANNELS, type ActionField, type ActionInputs } from './actionInputs';

type Props = {
  readonly v: ActionInputs;
  readonly errors: Partial<Record<ActionField, DomainError>>;
  readonly set: (patch: Partial<ActionInputs>) => void;
};

export function ApologyRule({ state }: { state: DossierState }) {
  const { t } = useTranslation('counter');
  const { calendar } = useReference();
  if (state.dueAt === null) return null;
  const deadline = apologyDeadline(state, calendar);
  return (
    <p className="muted">
      {t('action.apologyRule', { due: formatVnDateTime(state.effectiveDueAt ?? state.dueAt), deadline: deadline ? formatIsoDate(deadline) : '' })}
    </p>
  );
}

export function ApologySection({ v, errors, set }: Props) {
  const { t } = useTranslation('counter');
  return (
    <>
      <div className="grid2">
        <Field id="action-date" label={t('action.newDate')} error={errors.date}>
          <DateTimeField id="action-date" kind="date" value={v.date} onChange={(date) => set({ date })} />
        </Field>
        <Field id="action-time" label={t('action.newTime')}>
          <DateTimeField id="action-time" kind="time" value={v.time} onChange={(time) => set({ time })} />
        </Field>
        <Field id="action-number" label={t('action.number')} error={errors.number}>
          <input id="action-number" value={v.number} onChange={(e) => set({ number: e.target.value })} />
        </Field>
        <Field id="action-channel" label={t('action.channel')}>
          <select id="action-channel" value={v.channel} onChange={(e) => set({ channel: e.target.value as ApologyChannel })}>
            {APOLOGY_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`apologyChannel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="action-signer" label={t('action.signer')} error={errors.signer}>
        <input id="action-signer" value={v.signer} onChange={(e) => set({ signer: e.target.value })} />
      </Field>
    </>
  );
}
