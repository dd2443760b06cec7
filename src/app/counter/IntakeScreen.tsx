/** Intake (LIF2, LIF4, FRM3): applicant, procedure, papers, outcome; save computes the due date and the code. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, IdPaperType, IntakeOutcome } from '../../domain/dossier/events';
import type { DomainError } from '../../domain/result';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { computeDue } from '../../domain/calendar/dueDate';
import { clearCaptures, recordIntakeWithFiles } from '../files/fileStore';
import { IntakeCapture } from '../files/IntakeCapture';
import { ErrorText, Field } from '../shell/Field';
import { findProcedure, useReference } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import { useServices } from '../shell/services';
import { useSession } from '../shell/session';
import { useDraft } from './drafts';
import { checkIntakeForm, EMPTY_FORM, missingPapers, toReceivedPayload, withProcedure, type IntakeForm } from './intakeForm';
import { ProcedurePicker } from './ProcedurePicker';

const OUTCOME_FORM = { accepted: 'receipt', incomplete: 'supplement', refused: 'refusal' } as const;

export function IntakeScreen() {
  const { t } = useTranslation('counter');
  const { db, now } = useServices();
  const { catalog, calendar, device } = useReference();
  const user = useSession((s) => s.user);
  const navigate = useRouter((s) => s.navigate);
  const captureDraftKey = `intake:${user?.id ?? ''}`;
  const draft = useDraft<IntakeForm>(db, captureDraftKey, user?.id ?? '', EMPTY_FORM);
  const [showErrors, setShowErrors] = useState(false);
  const [saveError, setSaveError] = useState<DomainError | null>(null);
  const [saving, setSaving] = useState(false);
  const form = draft.value;
  const procedure = findProcedure(catalog, form.procedureCode);
  const check = checkIntakeForm(form, procedure, now());
  const errors = showErrors ? check.errors : {};
  const set = (patch: Partial<IntakeForm>) => draft.set({ ...form, ...patch });
  const preview = procedure && form.outcome === 'accepted'
    ? computeDue(calendar, { receivedAt: now(), processing: form.channel === 2 && procedure.onlineProcessing ? procedure.onlineProcessing : procedure.processing, cutoff: procedure.cutoff })
    : null;

  async function save() {
    setShowErrors(true);
    setSaveError(null);
    if (!procedure || !device || !user || Object.keys(check.errors).length > 0) return;
    setSaving(true);
    const at = now();
    const payload = toReceivedPayload(form, procedure, calendar, at);
    if (!payload.ok) { setSaving(false); setSaveError(payload.error); return; }
    const r = await recordIntakeWithFiles(db, calendar, { device, userId: user.id }, payload.value, at, captureDraftKey);
    setSaving(false);
    if (!r.ok) { setSaveError(r.error); return; }
    await draft.clear();
    navigate(ROUTES.print(OUTCOME_FORM[form.outcome], r.value.state.id));
  }

  if (!draft.loaded) return null;
  return (
    <main className="screen">
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <div className="row" style={{ marginBottom: 12 }}>
          <h1 style={{ margin: 0 }}>{t('intake.title')}</h1>
          <span className="spacer" />
          <button type="button" onClick={() => { void draft.clear(); void clearCaptures(db, captureDraftKey); setShowErrors(false); }}>{t('intake.clear')}</button>
        </div>
        <div className="grid2">
          <section className="card">
            <h2>{t('intake.procedure')}</h2>
            <Field id="intake-procedure" label={t('intake.procedureSearch')} error={errors.procedure}>
              <ProcedurePicker catalog={catalog} selected={form.procedureCode} onPick={(p) => {
                const next = withProcedure(form, p);
                draft.set({ ...next, missing: missingPapers(next, p).join('\n') });
              }} />
            </Field>
            {procedure && (
              <dl className="facts" data-testid="procedure-facts">
                <dt>{t('intake.chosen')}</dt><dd>{procedure.name}</dd>
                <dt>{t('intake.processingTime')}</dt><dd>{t(`processing.${procedure.processing.unit}`, { amount: 'amount' in procedure.processing ? procedure.processing.amount : 0 })}</dd>
                <dt>{t('intake.fee')}</dt><dd>{new Intl.NumberFormat('vi-VN').format(procedure.feeVnd)} ₫</dd>
                {preview?.ok && <><dt>{t('intake.duePreview')}</dt><dd data-testid="due-preview">{formatVnDateTime(preview.value.dueAt)}</dd></>}
              </dl>
            )}
          </section>
          <section className="card">
            <h2>{t('intake.applicant')}</h2>
            <Field id="intake-name" label={t('intake.name')} error={errors.name}>
              <input id="intake-name" value={form.name} autoComplete="off" onChange={(e) => set({ name: e.target.value })} />
            </Field>
            <div className="grid2">
              <Field id="intake-idtype" label={t('intake.idType')}>
                <select id="intake-idtype" value={form.idType} onChange={(e) => set({ idType: e.target.value as IdPaperType })}>
                  {(['cccd', 'passport', 'other'] as const).map((k) => <option key={k} value={k}>{t(`idType.${k}`)}</option>)}
                </select>
              </Field>
              <Field id="intake-id" label={t('intake.idNumber')} error={errors.idNumber} warnings={check.warnings.idNumber}>
                <input id="intake-id" value={form.idNumber} inputMode={form.idType === 'cccd' ? 'numeric' : 'text'} autoComplete="off" onChange={(e) => set({ idNumber: e.target.value })} />
              </Field>
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
        </div>
        {procedure && (
          <section className="card">
            <h2>{t('intake.papers')}</h2>
            {errors.papers && <ErrorText error={errors.papers} />}
            <table className="papers">
              <tbody>
                {procedure.papers.map((p) => {
                  const line = form.papers.find((l) => l.paperId === p.id) ?? { paperId: p.id, checked: false, count: 1 };
                  const update = (patch: Partial<typeof line>) => set({ papers: [...form.papers.filter((l) => l.paperId !== p.id), { ...line, ...patch }] });
                  return (
                    <tr key={p.id}>
                      <td><input type="checkbox" id={`paper-${p.id}`} checked={line.checked} onChange={(e) => update({ checked: e.target.checked })} /></td>
                      <td><label htmlFor={`paper-${p.id}`} style={{ fontWeight: 400 }}>{p.name}{p.required ? ' *' : ''}</label><div className="muted">{t(`paperKind.${p.kind}`)}</div></td>
                      <td><input type="number" min={1} aria-label={t('intake.paperCount')} value={line.count} onChange={(e) => update({ count: Number(e.target.value) })} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="grid3">
              <Field id="intake-channel" label={t('intake.channel')}>
                <select id="intake-channel" value={form.channel} onChange={(e) => set({ channel: Number(e.target.value) as Channel })}>
                  {([1, 2, 3] as const).map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
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
        )}
        {procedure && form.outcome !== 'refused' && (
          <IntakeCapture draftKey={captureDraftKey} papers={procedure.papers.filter((p) => form.papers.some((l) => l.paperId === p.id && l.checked)).map((p) => ({ paperCode: p.id, name: p.name }))} />
        )}
        <section className="card">
          <h2>{t('intake.outcome')}</h2>
          <div className="row" role="radiogroup" aria-label={t('intake.outcome')}>
            {(['accepted', 'incomplete', 'refused'] as const).map((o: IntakeOutcome) => (
              <label key={o} className="btn row" style={{ fontWeight: 400, marginBottom: 0 }}>
                <input type="radio" name="outcome" value={o} style={{ width: 24, minHeight: 24 }} checked={form.outcome === o} onChange={() => set({ outcome: o })} />
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
          {showErrors && Object.keys(check.errors).length > 0 && <div className="error-box" role="alert">{t('intake.fixErrors')}</div>}
          <ErrorText error={saveError} />
          <div className="row">
            <span className="spacer" />
            <button type="submit" className="primary" disabled={saving}>{t(`intake.save.${form.outcome}`)}</button>
          </div>
        </section>
      </form>
    </main>
  );
}
