/**
 * Intake (LIF2, LIF4, FRM3): the screen keeps the form (a draft in IndexedDB) and saves it; each
 * part of the form is a section of its own (intake/). A save that finds errors marks every
 * invalid field and focuses the first; clearing a filled form asks first.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainError } from '../../domain/result';
import { clearCaptures, recordIntakeWithFiles } from '../files/fileStore';
import { IntakeCapture } from '../files/IntakeCapture';
import { Dialog } from '../shell/Dialog';
import { ErrorText, focusFirstInvalid } from '../shell/Field';
import { findProcedure, useReference } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import { useServices } from '../shell/services';
import { useSession } from '../shell/session';
import { useDraft } from './drafts';
import { ApplicantSection } from './intake/ApplicantSection';
import { OutcomeSection } from './intake/OutcomeSection';
import { PapersSection } from './intake/PapersSection';
import { ProcedureSection } from './intake/ProcedureSection';
import { checkIntakeForm, EMPTY_FORM, isBlankForm, missingPapers, toReceivedPayload, withProcedure, type IntakeForm } from './intakeForm';

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
  const [confirmClear, setConfirmClear] = useState(false);
  // bumped on every save attempt that found errors, so the focus moves even when the same errors remain
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const form = draft.value;
  const procedure = findProcedure(catalog, form.procedureCode);
  const at = now();
  const check = checkIntakeForm(form, procedure, at);
  const hasErrors = Object.keys(check.errors).length > 0;
  const section = {
    form,
    set: (patch: Partial<IntakeForm>) => draft.set({ ...form, ...patch }),
    errors: showErrors ? check.errors : {},
    warnings: check.warnings,
  };
  useEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  async function save() {
    setShowErrors(true);
    setSaveError(null);
    if (hasErrors) {
      setAttempt((n) => n + 1);
      return;
    }
    if (!procedure || !device || !user) return;
    setSaving(true);
    const savedAt = now();
    const payload = toReceivedPayload(form, procedure, calendar, savedAt);
    if (!payload.ok) {
      setSaving(false);
      setSaveError(payload.error);
      return;
    }
    const r = await recordIntakeWithFiles(db, calendar, { device, userId: user.id }, payload.value, savedAt, captureDraftKey);
    setSaving(false);
    if (!r.ok) {
      setSaveError(r.error);
      return;
    }
    await draft.clear();
    navigate(ROUTES.print(OUTCOME_FORM[form.outcome], r.value.state.id));
  }

  function clear() {
    setConfirmClear(false);
    setShowErrors(false);
    void draft.clear();
    void clearCaptures(db, captureDraftKey);
  }

  if (!draft.loaded) return null;
  return (
    <main className="screen">
      <form
        ref={formRef}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <div className="row" style={{ marginBottom: 12 }}>
          <h1 style={{ margin: 0 }}>{t('intake.title')}</h1>
          <span className="spacer" />
          <button type="button" onClick={() => (isBlankForm(form) ? clear() : setConfirmClear(true))}>
            {t('intake.clear')}
          </button>
        </div>
        <div className="grid2">
          <ProcedureSection
            {...section}
            catalog={catalog}
            calendar={calendar}
            procedure={procedure}
            now={at}
            onPick={(p) => {
              const next = withProcedure(form, p);
              draft.set({ ...next, missing: missingPapers(next, p).join('\n') });
            }}
          />
          <ApplicantSection {...section} />
        </div>
        {procedure && <PapersSection {...section} procedure={procedure} />}
        {procedure && form.outcome !== 'refused' && (
          <IntakeCapture
            draftKey={captureDraftKey}
            papers={procedure.papers.filter((p) => form.papers.some((l) => l.paperId === p.id && l.checked)).map((p) => ({ paperCode: p.id, name: p.name }))}
          />
        )}
        <section className="card">
          <OutcomeSection {...section} />
          {showErrors && hasErrors && (
            <div className="error-box" role="alert">
              {t('intake.fixErrors')}
            </div>
          )}
          <ErrorText error={saveError} />
          <div className="row">
            <span className="spacer" />
            <button type="submit" className="primary" disabled={saving}>
              {t(`intake.save.${form.outcome}`)}
            </button>
          </div>
        </section>
      </form>
      {confirmClear && (
        <Dialog title={t('intakeClear.title')} onClose={() => setConfirmClear(false)}>
          <p>{t('intakeClear.body')}</p>
          <div className="row">
            <button type="button" onClick={() => setConfirmClear(false)}>
              {t('intakeClear.keep')}
            </button>
            <span className="spacer" />
            <button type="button" className="primary" data-testid="confirm-clear" onClick={clear}>
              {t('intakeClear.confirm')}
            </button>
          </div>
        </Dialog>
      )}
    </main>
  );
}
