/** Intake, the outcome (LIF2): accepted, incomplete with what is missing, or refused with the reason. */
import { useTranslation } from 'react-i18next';
import type { IntakeOutcome } from '../../../domain/dossier/events';
import { Field } from '../../shell/Field';
import type { IntakeSectionProps } from './sectionProps';

const OUTCOMES: readonly IntakeOutcome[] = ['accepted', 'incomplete', 'refused'];

export function OutcomeSection({ form, set, errors }: IntakeSectionProps) {
  const { t } = useTranslation('counter');
  return (
    <>
      <h2>{t('intake.outcome')}</h2>
      <div className="row" role="radiogroup" aria-label={t('intake.outcome')}>
        {OUTCOMES.map((o) => (
          <label key={o} className="btn row" style={{ fontWeight: 400, marginBottom: 0 }}>
            <input
              type="radio"
              name="outcome"
              value={o}
              style={{ width: 24, minHeight: 24 }}
              checked={form.outcome === o}
              onChange={() => set({ outcome: o })}
            />
            {t(`outcome.${o}`)}
          </label>
        ))}
      </div>
      {form.outcome === 'incomplete' && (
        <Field id="intake-missing" label={t('intake.missing')} error={errors.missing}>
          <textarea id="intake-missing" value={form.missing} onChange={(e) => set({ missing: e.target.value })} />
        </Field>
      )}
      {form.outcome === 'refused' && (
        <Field id="intake-refusal" label={t('intake.refusalReason')} error={errors.refusalReason}>
          <textarea id="intake-refusal" value={form.refusalReason} onChange={(e) => set({ refusalReason: e.target.value })} />
        </Field>
      )}
    </>
  );
}
