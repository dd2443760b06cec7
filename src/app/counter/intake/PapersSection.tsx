/** Intake, the papers: which of the procedure's papers came and how many, the channel, sets, fee and a note. */
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../domain/catalog/procedure';
import type { Channel } from '../../../domain/dossier/events';
import { ErrorText, Field } from '../../shell/Field';
import type { PaperLine } from '../intakeForm';
import type { IntakeSectionProps } from './sectionProps';

const CHANNELS: readonly Channel[] = [1, 2, 3];
const badCount = (l: PaperLine) => l.checked && (!Number.isInteger(l.count) || l.count < 1);

export function PapersSection({ form, set, errors, procedure }: IntakeSectionProps & { readonly procedure: Procedure }) {
  const { t } = useTranslation('counter');
  return (
    <section className="card">
      <h2>{t('intake.papers')}</h2>
      {errors.papers && <ErrorText error={errors.papers} />}
      <table className="papers">
        <tbody>
          {procedure.papers.map((p) => {
            const line = form.papers.find((l) => l.paperId === p.id) ?? { paperId: p.id, checked: false, count: 1 };
            const update = (patch: Partial<PaperLine>) => set({ papers: [...form.papers.filter((l) => l.paperId !== p.id), { ...line, ...patch }] });
            return (
              <tr key={p.id}>
                <td>
                  <input type="checkbox" id={`paper-${p.id}`} checked={line.checked} onChange={(e) => update({ checked: e.target.checked })} />
                </td>
                <td>
                  <label htmlFor={`paper-${p.id}`} style={{ fontWeight: 400 }}>
                    {p.name}
                    {p.required ? ' *' : ''}
                  </label>
                  <div className="muted">{t(`paperKind.${p.kind}`)}</div>
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    aria-label={t('intake.paperCount')}
                    value={line.count}
                    aria-invalid={errors.papers && badCount(line) ? true : undefined}
                    onChange={(e) => update({ count: Number(e.target.value) })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="grid3">
        <Field id="intake-channel" label={t('intake.channel')}>
          <select id="intake-channel" value={form.channel} onChange={(e) => set({ channel: Number(e.target.value) as Channel })}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="intake-sets" label={t('intake.sets')} error={errors.sets}>
          <input id="intake-sets" type="number" min={1} value={form.sets} onChange={(e) => set({ sets: Number(e.target.value) })} />
        </Field>
        <Field id="intake-fee" label={t('intake.feeReceived')} error={errors.feeVnd}>
          <input id="intake-fee" type="number" min={0} step={1000} value={form.feeVnd} onChange={(e) => set({ feeVnd: Number(e.target.value) })} />
        </Field>
      </div>
      <Field id="intake-note" label={t('intake.note')}>
        <textarea id="intake-note" value={form.note} onChange={(e) => set({ note: e.target.value })} />
      </Field>
    </section>
  );
}
