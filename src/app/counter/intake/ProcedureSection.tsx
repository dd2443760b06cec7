/** Intake, the procedure: search and pick one; its processing time, fee and the due date it gives now. */
import { useTranslation } from 'react-i18next';
import { processingFor, type Catalog, type Procedure } from '../../../domain/catalog/procedure';
import { computeDue } from '../../../domain/calendar/dueDate';
import type { WorkCalendar } from '../../../domain/calendar/types';
import { formatVnDateTime } from '../../../domain/time/vnTime';
import { Field } from '../../shell/Field';
import { ProcedurePicker } from '../ProcedurePicker';
import type { IntakeSectionProps } from './sectionProps';

type Props = IntakeSectionProps & {
  readonly catalog: Catalog;
  readonly calendar: WorkCalendar;
  readonly procedure: Procedure | undefined;
  readonly now: number;
  readonly onPick: (p: Procedure) => void;
};

export function ProcedureSection({ form, errors, catalog, calendar, procedure, now, onPick }: Props) {
  const { t } = useTranslation('counter');
  const processing = procedure ? processingFor(procedure, form.channel) : null;
  const preview =
    procedure && processing && form.outcome === 'accepted' ? computeDue(calendar, { receivedAt: now, processing, cutoff: procedure.cutoff }) : null;
  return (
    <section className="card">
      <h2>{t('intake.procedure')}</h2>
      <Field id="intake-procedure" label={t('intake.procedureSearch')} error={errors.procedure}>
        <ProcedurePicker catalog={catalog} selected={form.procedureCode} onPick={onPick} />
      </Field>
      {procedure && processing && (
        <dl className="facts" data-testid="procedure-facts">
          <dt>{t('intake.chosen')}</dt>
          <dd>{procedure.name}</dd>
          <dt>{t('intake.processingTime')}</dt>
          <dd>{t(`processing.${processing.unit}`, { amount: 'amount' in processing ? processing.amount : 0 })}</dd>
          <dt>{t('intake.fee')}</dt>
          <dd>{new Intl.NumberFormat('vi-VN').format(procedure.feeVnd)} ₫</dd>
          {preview?.ok && (
            <>
              <dt>{t('intake.duePreview')}</dt>
              <dd data-testid="due-preview">{formatVnDateTime(preview.value.dueAt)}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
