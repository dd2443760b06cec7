/**
 * What the counter checks before it records an event: the lifecycle allows it, the fields a
 * person must fill are filled, and the apology rules hold. Bad input gets a typed error whose
 * code the app translates; nothing is recorded.
 */
import { err, ok, type Result } from '../result';
import type { WorkCalendar } from '../calendar/types';
import { checkApology, type ApologyWarning } from '../timeliness/apology';
import type { DossierEvent } from './events';
import type { DossierState } from './state';
import { isAllowed } from './transitions';
import { checkDigitisedFiles } from '../files/fileRef';

export type CheckResult = Result<{ warnings: ApologyWarning[] }>;

const NONE = ok({ warnings: [] as ApologyWarning[] });
const blank = (s: string | undefined) => !s || !s.trim();

function checkIntake(e: DossierEvent & { type: 'received' }): CheckResult {
  const p = e.payload;
  if (blank(p.applicant.name)) return err('dossier.applicantNameRequired', 'the applicant name is required');
  if (!Number.isInteger(p.sets) || p.sets < 1) return err('dossier.setsRequired', 'at least one set of papers');
  if (p.papers.some((x) => !Number.isInteger(x.count) || x.count < 1)) return err('dossier.paperCount', 'each paper received needs a count of at least 1');
  if (!Number.isFinite(p.feeVnd) || p.feeVnd < 0) return err('dossier.badFee', 'the fee cannot be negative');
  switch (p.outcome) {
    case 'accepted':
      if (p.dueAt === null || p.clockStartAt === null || p.dueAt <= e.at)
        return err('dossier.dueRequired', 'an accepted dossier needs a due date after its receipt');
      return NONE;
    case 'incomplete':
      if (!p.missing || p.missing.filter((m) => m.trim()).length === 0) return err('dossier.missingRequired', 'list everything that is missing');
      return NONE;
    case 'refused':
      if (blank(p.refusalReason)) return err('dossier.reasonRequired', 'a refusal needs a written reason');
      return NONE;
  }
}

export function checkAction(state: DossierState | null, e: DossierEvent, cal: WorkCalendar): CheckResult {
  if (e.type === 'received')
    return state && state.status !== 'registered' ? err('dossier.alreadyReceived', 'this dossier code is already taken') : checkIntake(e);
  if (e.type === 'registered') {
    if (state) return err('dossier.alreadyReceived', 'this dossier code is already taken');
    return blank(e.payload.applicant.name) ? err('dossier.applicantNameRequired', 'the applicant name is required') : NONE;
  }
  if (!state) return err('dossier.unknown', 'no such dossier', { code: e.dossierId });
  if (e.type === 'rated' && state.rating !== null) return err('dossier.alreadyRated', 'this dossier was already rated');
  if (!isAllowed(state.status, e.type))
    return err('dossier.notAllowed', `${e.type} is not allowed in status ${state.status}`, { status: state.status, action: e.type });
  switch (e.type) {
    case 'apologyIssued':
      return checkApology(state, e.payload, e.at, cal);
    case 'supplementRequested':
      return e.payload.missing.filter((m) => m.trim()).length === 0 ? err('dossier.missingRequired', 'list everything that is missing') : NONE;
    case 'supplementReceived': {
      const open = state.supplements.at(-1);
      if (!open || open.receivedAt !== null) return err('dossier.noOpenSupplement', 'no supplement is awaited');
      return e.payload.dueAt > e.at ? NONE : err('dossier.dueRequired', 'the new due date must be after now');
    }
    case 'withdrawn':
    case 'stopped':
      return blank(e.payload.reason) ? err('dossier.reasonRequired', 'a reason is required') : NONE;
    case 'transferred':
      return blank(e.payload.toUnit) ? err('dossier.unitRequired', 'name the unit that processes it') : NONE;
    case 'papersDigitised':
    case 'resultDigitised':
      return checkDigitisedFiles(e.payload.files);
    case 'awaitingFinancial':
    case 'resolved':
    case 'resultReturned':
    case 'rated':
      return NONE;
  }
}
