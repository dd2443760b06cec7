/**
 * Whether an event belongs to the dossier and commune it names (SYNC3, SYNC4). The server checks
 * these on every push; they are pure so the tablet could ask the same questions.
 */
import type { DossierEvent, DossierEventOf } from './events';
import { compareEvents } from './fold';

// The agency part of a LIF5 code: everything before `-YYMMDD-`.
const AGENCY_PART = /^([0-9A-Z]+(?:\.[0-9A-Z]+)*)-\d{6}-/;

/** The agency part of a dossier code (`000.00.06.H56` of `000.00.06.H56-231027-0361`), or null when it has none. */
export function agencyOfCode(code: string): string | null {
  return AGENCY_PART.exec(code)?.[1] ?? null;
}

/** SYNC3: why a dossier code does not belong to the commune whose agency code is `agencyCode`, or null when it does. */
export function foreignDossierCode(dossierId: string, agencyCode: string): string | null {
  const agency = agencyOfCode(dossierId);
  if (agency === null) return `the dossier code ${dossierId} has no agency part (<agency>-<YYMMDD>-<NNNN>)`;
  if (agency !== agencyCode) return `the dossier code ${dossierId} belongs to agency ${agency}, not to this commune's ${agencyCode}`;
  return null;
}

/**
 * SYNC4: why an action cannot be part of the dossier taken in by `intake`, or null when it can.
 * The same answer whichever arrived first, so the server's result does not depend on the order in
 * which offline devices come back. Other events dated before the intake are kept and the fold
 * marks them `beforeReceived` (two tablets' clocks disagree); a rating is the citizen's own word
 * about a dossier, so one that predates it or names another procedure is refused.
 */
export function doesNotFitIntake(intake: DossierEventOf<'received'>, e: DossierEvent): string | null {
  if (e.type !== 'rated') return null;
  if (e.at < intake.at) return 'the rating is dated before the dossier was received';
  const procedure = e.payload.procedureCode;
  if (procedure !== undefined && procedure !== intake.payload.procedureCode) {
    return `the rating names procedure ${procedure}, the dossier is for ${intake.payload.procedureCode}`;
  }
  return null;
}

/** The earliest `received` of each dossier among these events (the one the fold starts from). */
export function intakesOf(events: readonly DossierEvent[]): Map<string, DossierEventOf<'received'>> {
  const out = new Map<string, DossierEventOf<'received'>>();
  for (const e of events) {
    if (e.type !== 'received') continue;
    const had = out.get(e.dossierId);
    if (!had || compareEvents(e, had) < 0) out.set(e.dossierId, e);
  }
  return out;
}

export type IntakePlan = {
  /** Intakes, and actions on a dossier whose intake is known, that fit it: stored now. */
  readonly store: readonly DossierEvent[];
  /** Actions on a dossier whose intake is not known yet: held apart. */
  readonly hold: readonly DossierEvent[];
  /** Actions that do not fit their dossier's intake, with why. */
  readonly refuse: ReadonlyMap<string, string>;
};

/**
 * SYNC4: what to do with a batch, given the intakes already stored (`storedIntakes`, by dossier).
 * An intake in the batch counts as known for the batch's other events.
 */
export function planByIntake(events: readonly DossierEvent[], storedIntakes: ReadonlyMap<string, DossierEventOf<'received'>>): IntakePlan {
  const batchIntakes = intakesOf(events);
  const store: DossierEvent[] = [],
    hold: DossierEvent[] = [];
  const refuse = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'received') {
      store.push(e);
      continue;
    }
    const intake = storedIntakes.get(e.dossierId) ?? batchIntakes.get(e.dossierId);
    if (!intake) {
      hold.push(e);
      continue;
    }
    const why = doesNotFitIntake(intake, e);
    if (why) refuse.set(e.id, why);
    else store.push(e);
  }
  return { store, hold, refuse };
}
