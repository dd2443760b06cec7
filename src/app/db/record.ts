/**
 * Recording a local action: the event, the new projection and the outbox entry in one strict
 * transaction, after the domain has checked the action (bad input changes nothing).
 */
import { checkAction } from '../../domain/dossier/checkAction';
import { nextDossierCode, slotCodeRange, slotNumberOf } from '../../domain/dossier/codes';
import { vnDate } from '../../domain/time/vnTime';
import type { DossierEvent, EventPayloads, EventType } from '../../domain/dossier/events';
import { foldDossier } from '../../domain/dossier/fold';
import type { DossierState } from '../../domain/dossier/state';
import type { WorkCalendar } from '../../domain/calendar/types';
import type { ApologyWarning } from '../../domain/timeliness/apology';
import { err, ok, type Result } from '../../domain/result';
import type { DeviceProfile } from '../../protocol';
import { journalKeptChanges, noteKeptChanges } from './keptJournal';
import { toRow } from './projection';
import type { MotCuaDb, StoredEvent } from './schema';
import { getMeta, getMetas, setMeta } from './meta';
import { localEvent, queueLocalEvent } from './localEvent';

export type Actor = { readonly device: DeviceProfile; readonly userId: string };

export type Recorded = { readonly event: DossierEvent; readonly state: DossierState; readonly warnings: ApologyWarning[] };

export async function eventsOf(db: MotCuaDb, dossierId: string): Promise<StoredEvent[]> {
  return db.events.where('dossierId').equals(dossierId).toArray();
}

/** What the caller already read in the same transaction, and one more write to make with the others. */
type Prefetched = {
  readonly past: StoredEvent[];
  readonly lastSeq: number | undefined;
  readonly alsoWrite?: () => Promise<unknown>;
};

/** Inside an open transaction: check, write event + projection + outbox. */
async function recordInTx<T extends EventType>(
  db: MotCuaDb,
  cal: WorkCalendar,
  actor: Actor,
  dossierId: string,
  type: T,
  payload: EventPayloads[T],
  at: number,
  known?: Prefetched,
): Promise<Result<Recorded>> {
  const [past, lastSeq] = known ? [known.past, known.lastSeq] : await Promise.all([eventsOf(db, dossierId), getMeta(db, 'deviceSeq')]);
  const before = foldDossier(past);
  const deviceSeq = (lastSeq ?? 0) + 1;
  const event = localEvent(actor.device, actor.userId, dossierId, type, payload, at, deviceSeq) as DossierEvent;
  const check = checkAction(before, event, cal);
  if (!check.ok) return check;
  const after = foldDossier([...past, event]);
  if (!after) return err('dossier.unknown', 'fold gave nothing', { code: dossierId });
  // Issued together: requests of one transaction queue without waiting for each other, and the
  // transaction still commits all of them or none.
  await Promise.all([journalKeptChanges(db, [[before, after]]), ...queueLocalEvent(db, event), db.dossiers.put(toRow(after)), known?.alsoWrite?.()]);
  return ok({ event, state: after, warnings: check.value.warnings });
}

/** The tables a recorded action writes; a caller that writes more in the same transaction opens it over these plus its own. */
export const TABLES = (db: MotCuaDb) => [db.events, db.dossiers, db.outbox, db.meta, db.keptChanges];

/** Any action on an existing dossier (transfer, supplement, apology, …). */
export async function recordAction<T extends Exclude<EventType, 'received'>>(
  db: MotCuaDb,
  cal: WorkCalendar,
  actor: Actor,
  dossierId: string,
  type: T,
  payload: EventPayloads[T],
  at: number,
): Promise<Result<Recorded>> {
  // The callback must itself be an async function: Dexie keeps native awaits inside the transaction only then.
  const recorded = await db.transaction('rw', TABLES(db), async () => recordInTx(db, cal, actor, dossierId, type, payload, at));
  if (recorded.ok) noteKeptChanges(db);
  return recorded;
}

/** The n of the highest code this device's slot issued on `date` that is stored here (0 when none); a key read, no row opened. */
async function highestStoredCode(db: MotCuaDb, actor: Actor, date: string): Promise<number> {
  const slot = actor.device.codeSlot ?? 0;
  if (slot < 1) return 0;
  const [first, last] = slotCodeRange(actor.device.agencyCode, slot, date);
  const highest = await db.dossiers.where(':id').between(first, last, true, true).lastKey();
  return typeof highest === 'string' ? slotNumberOf(highest, slot) : 0;
}

/** What an intake reads before it can write: the counters and the slot's highest code today. */
type IntakeReads = {
  readonly codeCounter: { readonly date: string; readonly n: number } | undefined;
  readonly deviceSeq: number | undefined;
  readonly highestStoredToday: number;
};

/**
 * What the last intake on each database of this tab read and wrote: the next intake writes at once
 * from it and reads the same values in the same transaction; when they differ (another tab, a
 * pull or an action wrote since), the transaction is aborted, nothing is kept, and the intake is
 * done again the plain way. So an intake waits for one round of requests, not two.
 */
const lastIntake = new WeakMap<MotCuaDb, { readonly day: string; readonly reads: IntakeReads }>();

class OutdatedGuess extends Error {}

const sameReads = (a: IntakeReads, b: IntakeReads): boolean =>
  a.codeCounter?.date === b.codeCounter?.date &&
  a.codeCounter?.n === b.codeCounter?.n &&
  a.deviceSeq === b.deviceSeq &&
  a.highestStoredToday === b.highestStoredToday;

/** The guess for this intake from the last one, when it covers the same day. */
function guessFor(db: MotCuaDb, day: string): IntakeReads | null {
  const last = lastIntake.get(db);
  return last && last.day === day ? last.reads : null;
}

/**
 * Intake: issues the next dossier code of this device's slot (LIF5) and records `received`.
 * Everything the save reads is asked for at once (the counters and the slot's highest code today;
 * the kept rows are only appended to, keptJournal.ts); with a guess from the last intake
 * (lastIntake above) the writes go with the reads in the same round.
 */
export async function recordIntake(db: MotCuaDb, cal: WorkCalendar, actor: Actor, payload: EventPayloads['received'], at: number): Promise<Result<Recorded>> {
  let recorded: Result<Recorded>;
  try {
    recorded = await intakeTx(db, cal, actor, payload, at, true);
  } catch (e) {
    if (!(e instanceof OutdatedGuess)) throw e;
    lastIntake.delete(db);
    recorded = await intakeTx(db, cal, actor, payload, at, false);
  }
  if (recorded.ok) noteKeptChanges(db);
  return recorded;
}

async function intakeTx(
  db: MotCuaDb,
  cal: WorkCalendar,
  actor: Actor,
  payload: EventPayloads['received'],
  at: number,
  mayGuess: boolean,
): Promise<Result<Recorded>> {
  return db.transaction('rw', TABLES(db), async () => {
    const date = vnDate(at);
    const day = `${actor.device.agencyCode}|${actor.device.codeSlot ?? 0}|${date}`;
    // issued before any write of this transaction, so they read what was there before it
    const reading = Promise.all([getMetas(db, 'codeCounter', 'deviceSeq'), highestStoredCode(db, actor, date)]).then(
      ([[codeCounter, deviceSeq], highestStoredToday]): IntakeReads => ({ codeCounter, deviceSeq, highestStoredToday }),
    );
    const guess = mayGuess ? guessFor(db, day) : null;
    const reads = guess ?? (await reading);
    const code = nextDossierCode({
      agencyCode: actor.device.agencyCode,
      slot: actor.device.codeSlot ?? 0,
      at,
      last: reads.codeCounter ?? null,
      highestStoredToday: reads.highestStoredToday,
    });
    const checkGuess = async () => {
      if (!sameReads(await reading, reads)) throw new OutdatedGuess();
    };
    if (!code.ok) {
      if (guess) await checkGuess(); // a refusal must come from what is stored, not from a guess
      return code;
    }
    const counter = { date: code.value.date, n: code.value.n };
    // above every stored code of this slot today, so no event of it exists yet
    const recorded = recordInTx(db, cal, actor, code.value.code, 'received', payload, at, {
      past: [],
      lastSeq: reads.deviceSeq,
      alsoWrite: () => setMeta(db, 'codeCounter', counter),
    });
    // with a guess, a difference aborts the transaction (the writes are undone) and the intake runs again without one
    const [result] = await Promise.all([recorded, guess ? checkGuess() : null]);
    if (result.ok) lastIntake.set(db, { day, reads: { codeCounter: counter, deviceSeq: result.value.event.deviceSeq, highestStoredToday: code.value.n } });
    return result;
  });
}
