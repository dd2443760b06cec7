/**
 * A dossier's state is a pure fold over its events (DESIGN "Data"). The same set of events gives
 * the same state in any arrival order: events are sorted by (device time, id) and deduplicated
 * by id first. An event that does not fit the lifecycle is kept as a conflict for a supervisor
 * to see; it never throws and never changes the state.
 */
import type { DossierEvent, DossierEventOf, EventType } from './events';
import type { AttachedFile, Conflict, ConflictReason, DossierState } from './state';
import { isAllowed, NEXT_STATUS, STATUS_AFTER_INTAKE } from './transitions';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const compareEvents = (a: DossierEvent, b: DossierEvent): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function conflict(e: DossierEvent, reason: ConflictReason): Conflict {
  return { eventId: e.id, type: e.type, reason, at: e.at, deviceId: e.deviceId };
}

function initialState(e: DossierEventOf<'received'>): Mutable<DossierState> {
  const p = e.payload;
  const status = STATUS_AFTER_INTAKE[p.outcome];
  return {
    id: e.dossierId,
    code: e.dossierId,
    communeId: e.communeId,
    intakeOutcome: p.outcome,
    status,
    procedureCode: p.procedureCode,
    procedureName: p.procedureName,
    fieldCode: p.fieldCode,
    channel: p.channel,
    applicant: p.applicant,
    papers: p.papers,
    sets: p.sets,
    feeVnd: p.feeVnd,
    ...(p.note !== undefined ? { note: p.note } : {}),
    processing: p.processing,
    supplementPolicy: p.supplementPolicy,
    outOfArea: p.outOfArea ?? false,
    registeredAt: null,
    receivedAt: e.at,
    receivedBy: e.actorId,
    receivedDeviceId: e.deviceId,
    calendarVersion: p.calendarVersion,
    dueAt: p.outcome === 'accepted' ? p.dueAt : null,
    effectiveDueAt: p.outcome === 'accepted' ? p.dueAt : null,
    clockStartAt: p.outcome === 'accepted' ? p.clockStartAt : null,
    supplements: p.outcome === 'incomplete' ? [{ requestedAt: e.at, missing: p.missing ?? [], receivedAt: null, dueAtBefore: null, dueAtAfter: null }] : [],
    apologies: [],
    rating: null,
    resolvedAt: null,
    returnedAt: null,
    withdrawnAt: null,
    stoppedAt: null,
    closingReason: p.outcome === 'refused' ? (p.refusalReason ?? null) : null,
    endedAt: p.outcome === 'refused' ? e.at : null,
    conflicts: [],
    files: [],
    eventCount: 1,
    lastEventAt: e.at,
    lastEventId: e.id,
  };
}

/** LIF1 status 1: a dossier registered online or by post; reception (`received`) replaces these fields. */
function registeredState(e: DossierEventOf<'registered'>): Mutable<DossierState> {
  const p = e.payload;
  return {
    id: e.dossierId,
    code: e.dossierId,
    communeId: e.communeId,
    intakeOutcome: 'registered',
    status: 'registered',
    procedureCode: p.procedureCode,
    procedureName: p.procedureName,
    fieldCode: p.fieldCode,
    channel: p.channel,
    applicant: p.applicant,
    papers: [],
    sets: 0,
    feeVnd: 0,
    ...(p.note !== undefined ? { note: p.note } : {}),
    processing: { unit: 'workingDays', amount: 0 },
    supplementPolicy: 'restart',
    outOfArea: false,
    registeredAt: e.at,
    receivedAt: e.at,
    receivedBy: e.actorId,
    receivedDeviceId: e.deviceId,
    calendarVersion: '',
    dueAt: null,
    effectiveDueAt: null,
    clockStartAt: null,
    supplements: [],
    apologies: [],
    rating: null,
    files: [],
    resolvedAt: null,
    returnedAt: null,
    withdrawnAt: null,
    stoppedAt: null,
    closingReason: null,
    endedAt: null,
    conflicts: [],
    eventCount: 1,
    lastEventAt: e.at,
    lastEventId: e.id,
  };
}

/** DIG1: a paper's (or the result's) newer file replaces its earlier one; other papers keep theirs. */
function attach(files: readonly AttachedFile[], e: DossierEventOf<'papersDigitised'> | DossierEventOf<'resultDigitised'>): AttachedFile[] {
  const kind: AttachedFile['kind'] = e.type === 'resultDigitised' ? 'result' : 'paper';
  const replaced = new Set(e.payload.files.map((f) => `${kind}:${f.paperCode}`));
  const kept = files.filter((f) => !replaced.has(`${f.kind}:${f.paperCode}`));
  return [...kept, ...e.payload.files.map((f) => ({ ...f, kind, eventId: e.id, at: e.at, actorId: e.actorId, deviceId: e.deviceId }))];
}

/** Applies one event after intake; returns the conflict reason when it does not fit. */
function apply(s: Mutable<DossierState>, e: DossierEvent): ConflictReason | null {
  if (e.type === 'received' && s.status === 'registered') {
    // the counter receives a dossier registered online or by post: intake as usual, registration kept
    Object.assign(s, initialState(e), { registeredAt: s.registeredAt });
    return null;
  }
  if (e.type === 'received' || e.type === 'registered') return 'duplicateReceived';
  if (!isAllowed(s.status, e.type)) return 'notAllowedInStatus';
  switch (e.type) {
    case 'apologyIssued': {
      if (s.apologies.length > 0) return 'secondReschedule';
      s.apologies = [{ ...e.payload, eventId: e.id, issuedAt: e.at, actorId: e.actorId }];
      s.effectiveDueAt = e.payload.newDueAt;
      return null;
    }
    case 'rated': {
      if (s.rating !== null) return 'duplicateRating';
      s.rating = { ...e.payload, at: e.at, eventId: e.id };
      return null;
    }
    case 'papersDigitised':
    case 'resultDigitised':
      s.files = attach(s.files, e);
      return null;
    case 'supplementRequested':
      s.supplements = [...s.supplements, { requestedAt: e.at, missing: e.payload.missing, receivedAt: null, dueAtBefore: s.dueAt, dueAtAfter: null }];
      break;
    case 'supplementReceived': {
      const open = s.supplements.at(-1);
      if (open) s.supplements = [...s.supplements.slice(0, -1), { ...open, receivedAt: e.at, dueAtAfter: e.payload.dueAt }];
      s.dueAt = e.payload.dueAt;
      // A reschedule promised to the citizen stays; otherwise the promise follows the new due date.
      s.effectiveDueAt = s.apologies[0]?.newDueAt ?? e.payload.dueAt;
      s.clockStartAt = e.payload.clockStartAt;
      s.calendarVersion = e.payload.calendarVersion;
      if (s.intakeOutcome === 'incomplete' && s.status === 'supplementRequested' && s.supplements.length === 1) {
        // The papers of an incomplete intake are complete: the dossier is received now.
        s.status = 'received';
        return null;
      }
      break;
    }
    case 'resolved':
      s.resolvedAt = e.at;
      s.endedAt ??= e.at;
      break;
    case 'resultReturned':
      s.returnedAt = e.at;
      s.endedAt ??= e.at;
      break;
    case 'withdrawn':
      s.withdrawnAt = e.at;
      s.closingReason = e.payload.reason;
      s.endedAt ??= e.at;
      break;
    case 'stopped':
      s.stoppedAt = e.at;
      s.closingReason = e.payload.reason;
      s.endedAt ??= e.at;
      break;
    case 'transferred':
    case 'awaitingFinancial':
      break;
  }
  const next = NEXT_STATUS[e.type as Exclude<EventType, 'received' | 'registered' | 'apologyIssued' | 'rated' | 'papersDigitised' | 'resultDigitised'>];
  s.status = next;
  return null;
}

/** Folds the events of ONE dossier; null while there is no `received` event. */
export function foldDossier(events: readonly DossierEvent[]): DossierState | null {
  const unique = new Map<string, DossierEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const sorted = [...unique.values()].sort(compareEvents);
  const intakeIndex = sorted.findIndex((e) => e.type === 'received' || e.type === 'registered');
  if (intakeIndex < 0) return null;
  const first = sorted[intakeIndex]!;
  const s = first.type === 'registered' ? registeredState(first) : initialState(first as DossierEventOf<'received'>);
  const conflicts: Conflict[] = sorted.slice(0, intakeIndex).map((e) => conflict(e, 'beforeReceived'));
  for (const e of sorted.slice(intakeIndex + 1)) {
    const reason = apply(s, e);
    if (reason) conflicts.push(conflict(e, reason));
    s.lastEventAt = e.at;
    s.lastEventId = e.id;
  }
  s.conflicts = conflicts;
  s.eventCount = sorted.length;
  return s;
}

/**
 * SYNC9: the fold continued from a state folded before, when every new event sorts after the
 * last one folded (the usual case: events arrive in their order). Equal to `foldDossier` over
 * the old events and the new, for events not folded before (new ids); null when some new event
 * sorts before the last one folded (`foldDossier` over all events is then needed). `state` is
 * not changed.
 */
export function foldOnto(state: DossierState, events: readonly DossierEvent[]): DossierState | null {
  const unique = new Map<string, DossierEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const sorted = [...unique.values()].sort(compareEvents);
  const last = { at: state.lastEventAt, id: state.lastEventId } as DossierEvent;
  if (sorted.length > 0 && compareEvents(sorted[0]!, last) <= 0) return null;
  const s: Mutable<DossierState> = structuredClone(state);
  const conflicts = [...s.conflicts];
  for (const e of sorted) {
    const reason = apply(s, e);
    if (reason) conflicts.push(conflict(e, reason));
    s.lastEventAt = e.at;
    s.lastEventId = e.id;
  }
  s.conflicts = conflicts;
  s.eventCount = state.eventCount + sorted.length;
  return s;
}

/** Folds events of many dossiers, grouped by dossier id. */
export function foldAll(events: readonly DossierEvent[]): Map<string, DossierState> {
  const byDossier = new Map<string, DossierEvent[]>();
  for (const e of events) {
    const list = byDossier.get(e.dossierId);
    if (list) list.push(e);
    else byDossier.set(e.dossierId, [e]);
  }
  const states = new Map<string, DossierState>();
  for (const [id, list] of byDossier) {
    const state = foldDossier(list);
    if (state) states.set(id, state);
  }
  return states;
}
