/**
 * The intake form's data and its checks (LIF2, LIF4, FRM3, PD2). Pure: the screen keeps an
 * IntakeForm (also stored as a draft) and asks these functions what is wrong and what to save.
 */
import { processingFor, type Procedure } from '../../domain/catalog/procedure';
import type { WorkCalendar } from '../../domain/calendar/types';
import { computeDue } from '../../domain/calendar/dueDate';
import type { Channel, IdPaperType, IntakeOutcome, PaperReceived, ReceivedPayload } from '../../domain/dossier/events';
import { checkEmail } from '../../domain/identity/email';
import { checkPassport, checkPersonalId } from '../../domain/identity/personalId';
import { checkPhone } from '../../domain/identity/phone';
import { cleanText } from '../../domain/text/nfc';
import { vnParts } from '../../domain/time/vnTime';
import { err, ok, type DomainError, type Result } from '../../domain/result';

export type PaperLine = { readonly paperId: string; readonly checked: boolean; readonly count: number };

export type IntakeForm = {
  readonly procedureCode: string;
  readonly name: string;
  readonly idType: IdPaperType;
  readonly idNumber: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
  readonly organisation: string;
  readonly channel: Channel;
  readonly papers: readonly PaperLine[];
  readonly sets: number;
  readonly feeVnd: number;
  readonly note: string;
  readonly outcome: IntakeOutcome;
  readonly missing: string;
  readonly refusalReason: string;
  readonly outOfArea: boolean;
};

export const EMPTY_FORM: IntakeForm = {
  procedureCode: '',
  name: '',
  idType: 'cccd',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  organisation: '',
  channel: 1,
  papers: [],
  sets: 1,
  feeVnd: 0,
  note: '',
  outcome: 'accepted',
  missing: '',
  refusalReason: '',
  outOfArea: false,
};

/** Choosing a procedure fills its papers (required ones ticked), its fee and the missing list. */
export function withProcedure(form: IntakeForm, p: Procedure): IntakeForm {
  return {
    ...form,
    procedureCode: p.code,
    papers: p.papers.map((x) => ({ paperId: x.id, checked: x.required, count: 1 })),
    feeVnd: p.feeVnd,
  };
}

/** True when nothing has been typed or chosen yet (clearing it loses nothing, so it needs no confirmation). */
export function isBlankForm(form: IntakeForm): boolean {
  return (Object.keys(EMPTY_FORM) as (keyof IntakeForm)[]).every((k) => JSON.stringify(form[k] ?? EMPTY_FORM[k]) === JSON.stringify(EMPTY_FORM[k]));
}

/** The required papers not ticked: the default content of a supplement request. */
export function missingPapers(form: IntakeForm, p: Procedure): string[] {
  return p.papers.filter((x) => x.required && !form.papers.find((l) => l.paperId === x.id)?.checked).map((x) => x.name);
}

export type FieldName = 'procedure' | 'name' | 'idNumber' | 'phone' | 'email' | 'sets' | 'feeVnd' | 'missing' | 'refusalReason' | 'papers';
export type FormCheck = { readonly errors: Partial<Record<FieldName, DomainError>>; readonly warnings: Partial<Record<FieldName, string[]>> };

const e = (code: string): DomainError => ({ code, message: code });

export function checkIntakeForm(form: IntakeForm, procedure: Procedure | undefined, now: number): FormCheck {
  const errors: Partial<Record<FieldName, DomainError>> = {};
  const warnings: Partial<Record<FieldName, string[]>> = {};
  if (!procedure) errors.procedure = e('intake.procedureRequired');
  if (!cleanText(form.name)) errors.name = e('dossier.applicantNameRequired');
  const id = form.idNumber.trim();
  if (id) {
    if (form.idType === 'cccd') {
      const r = checkPersonalId(id, vnParts(now).year);
      if (!r.ok) errors.idNumber = r.error;
      else if (r.value.warnings.length) warnings.idNumber = r.value.warnings;
    } else if (form.idType === 'passport') {
      const r = checkPassport(id);
      if (!r.ok) errors.idNumber = r.error;
    }
  }
  if (form.phone.trim()) {
    const r = checkPhone(form.phone);
    if (!r.ok) errors.phone = r.error;
  }
  if (form.email.trim()) {
    const r = checkEmail(form.email);
    if (!r.ok) errors.email = r.error;
  }
  if (!Number.isInteger(form.sets) || form.sets < 1 || form.sets > 1000) errors.sets = e('dossier.setsRequired');
  if (!Number.isInteger(form.feeVnd) || form.feeVnd < 0) errors.feeVnd = e('dossier.badFee');
  if (form.papers.some((l) => l.checked && (!Number.isInteger(l.count) || l.count < 1))) errors.papers = e('dossier.paperCount');
  if (form.outcome === 'incomplete' && splitLines(form.missing).length === 0) errors.missing = e('dossier.missingRequired');
  if (form.outcome === 'refused' && !cleanText(form.refusalReason)) errors.refusalReason = e('dossier.reasonRequired');
  return { errors, warnings };
}

export function splitLines(s: string): string[] {
  return s.split('\n').map(cleanText).filter(Boolean);
}

const opt = (s: string): string | undefined => cleanText(s) || undefined;

/** The `received` payload to record, with the due date computed now (DUE1–DUE3). */
export function toReceivedPayload(form: IntakeForm, procedure: Procedure, cal: WorkCalendar, receivedAt: number): Result<ReceivedPayload> {
  const check = checkIntakeForm(form, procedure, receivedAt);
  const first = Object.values(check.errors)[0];
  if (first) return err(first.code, first.message, first.params ? { ...first.params } : undefined);
  const processing = processingFor(procedure, form.channel);
  let dueAt: number | null = null,
    clockStartAt: number | null = null;
  if (form.outcome === 'accepted') {
    const due = computeDue(cal, { receivedAt, processing, cutoff: procedure.cutoff });
    if (!due.ok) return due;
    dueAt = due.value.dueAt;
    clockStartAt = due.value.clockStartAt;
  }
  const papers: PaperReceived[] = form.papers
    .filter((l) => l.checked)
    .flatMap((l) => {
      const p = procedure.papers.find((x) => x.id === l.paperId);
      return p ? [{ paperId: p.id, name: p.name, kind: p.kind, count: l.count }] : [];
    });
  const idNumber = form.idNumber.replace(/\s+/g, '');
  return ok({
    outcome: form.outcome,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    fieldCode: procedure.fieldCode,
    channel: form.channel,
    applicant: {
      name: cleanText(form.name),
      idType: form.idType,
      ...(idNumber ? { idNumber } : {}),
      ...(opt(form.phone) ? { phone: form.phone.replace(/[^\d+]/g, '') } : {}),
      ...(opt(form.address) ? { address: cleanText(form.address) } : {}),
      ...(opt(form.email) ? { email: cleanText(form.email) } : {}),
      ...(opt(form.organisation) ? { organisation: cleanText(form.organisation) } : {}),
    },
    papers,
    sets: form.sets,
    feeVnd: form.feeVnd,
    ...(opt(form.note) ? { note: cleanText(form.note) } : {}),
    processing,
    supplementPolicy: procedure.supplementPolicy,
    dueAt,
    clockStartAt,
    calendarVersion: cal.version,
    ...(form.outcome === 'incomplete' ? { missing: splitLines(form.missing) } : {}),
    ...(form.outcome === 'refused' ? { refusalReason: cleanText(form.refusalReason) } : {}),
    ...(form.outOfArea ? { outOfArea: true } : {}),
  });
}
