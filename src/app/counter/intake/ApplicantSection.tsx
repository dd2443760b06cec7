/** Intake, the applicant: name, identity paper, contacts, address, organisation, out of area. */
import { useTranslation } from 'react-i18next';
import type { IdPaperType } from '../../../domain/dossier/events';
import { Field } from '../../shell/Field';
import type { IntakeSectionProps } from './sectionProps';

const ID_TYPES: readonly IdPaperType[] = ['cccd', 'passport', 'other'];

export function ApplicantSection({ form, set, errors, warnings }: IntakeSectionProps) {
  const { t } = useTranslation('counter');
  return (
    <section className="card">
      <h2>{t('intake.applicant')}</h2>
      <Field id="intake-name" label={t('intake.name')} error={errors.name}>
        <input id="intake-name" value={form.name} autoComplete="off" onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <div className="fields">
        <Field id="intake-idtype" label={t('intake.idType')}>
          <select id="intake-idtype" value={form.idType} onChange={(e) => set({ idType: e.target.value as IdPaperType })}>
            {ID_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`idType.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="intake-id" label={t('intake.idNumber')} error={errors.idNumber} warnings={warnings.idNumber}>
          <input
            id="intake-id"
            value={form.idNumber}
            inputMode={form.idType === 'cccd' ? 'numeric' : 'text'}
            autoComplete="off"
            onChange={(e) => set({ idNumber: e.target.value })}
          />
        </Field>
      </div>
      <div className="grid2">
        <Field id="intake-phone" label={t('intake.phone')} error={errors.phone}>
          <input id="intake-phone" value={form.phone} inputMode="tel" autoComplete="off" onChange={(e) => set({ phone: e.target.value })} />
        </Field>
        <Field id="intake-email" label={t('intake.email')} error={errors.email}>
          <input id="intake-email" value={form.email} inputMode="email" autoComplete="off" onChange={(e) => set({ email: e.target.value })} />
        </Field>
      </div>
      <Field id="intake-address" label={t('intake.address')}>
        <input id="intake-address" value={form.address} autoComplete="off" onChange={(e) => set({ address: e.target.value })} />
      </Field>
      <Field id="intake-org" label={t('intake.organisation')}>
        <input id="intake-org" value={form.organisation} autoComplete="off" onChange={(e) => set({ organisation: e.target.value })} />
      </Field>
      <label className="row" style={{ fontWeight: 400 }}>
        <input type="checkbox" style={{ width: 28, minHeight: 28 }} checked={form.outOfArea} onChange={(e) => set({ outOfArea: e.target.checked })} />
        {t('intake.outOfArea')}
      </label>
    </section>
  );
}
