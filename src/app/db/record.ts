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
import { applyToAggregates, readAggregateRows, type AggregateRow } from './aggregates';
import { applyToOpenDays, readOpenDayRows } from './openDays';
import type { OpenDayRow } from '../../domain/timeliness/openByDay';
import { toRow } from './projection';
import type { MotCuaDb, StoredEvent } from './schema';
import { getMeta, getMetas, setMeta } from './meta';
import { localEvent, queueLocalEvent } from './localEvent';

export type Actor = { readonly device: DeviceProfile; readonly userId: string };

export type Recorded = { readonly event: DossierEvent; readonly state: DossierState; readonly warnings: ApologyWarning[] };

export async function eventsOf(db: MotCuaDb, dossierId: string): Promise<StoredEvent[]> {
  return db.events.where('dossierId').equals(dossierId).toArray();
}

/** Kept rows read ahead in the same transaction (the ones the new state counts in). */
type KeptRead = { readonly aggregates: ReadonlyMap<string, AggregateRow | undefined>; readonly openDays: ReadonlyMap<string, OpenDayRow | undefined> };

/** What the caller already read in the same transaction, and one more write to make with the others. */
type Prefetched = { readonly past: StoredEvent[]; readonly lastSeq: number | undefined; readonly kept?: KeptRead; readonly alsoWrite?: () => Promise<unknown> };

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
  await Promise.all([
    ...queueLocalEvent(db, event),
    db.dossiers.put(toRow(after)),
    applyToAggregates(db.reportAggregates, [[before, after]], known?.kept?.aggregates),
    applyToOpenDays(db.openDays, [[before, after]], known?.kept?.openDays),
    known?.alsoWrite?.(),
  ]);
  return ok({ event, state: after, warnings: check.value.warnings });
}

/** The tables a recorded action writes; a caller that writes more in the same transaction opens it over these plus its own. */
export const TABLES = (db: MotCuaDb) => [db.events, db.dossiers, db.outbox, db.meta, db.reportAggregates, db.openDays];

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
  return db.transaction('rw', TABLES(db), async () => recordInTx(db, cal, actor, dossierId, type, payload, at));
}

/** The n of the highest code this device's slot issued on `date` that is stored here (0 when none); a key read, no row opened. */
async function highestStoredCode(db: MotCuaDb, actor: Actor, date: string): Promise<number> {
  const slot = actor.device.codeSlot ?? 0;
  if (slot < 1) return 0;
  const [first, last] = slotCodeRange(actor.device.agencyCode, slot, date);
  const highest = await db.dossiers.where(':id').between(first, last, true, true).lastKey();
  return typeof highest === 'string' ? slotNumberOf(highest, slot) : 0;
}

/** Stands for the code in the state an intake previews before its code is issued (no kept row depends on the code). */
const PROVISIONAL_CODE = 'provisional';

/**
 * Intake: issues the next dossier code of this device's slot (LIF5) and records `received`.
 * Everything the save reads is asked for at once (the counters, the slot's highest code today, and
 * the kept rows the new dossier counts in, found from its state under a provisional code), so the
 * transaction waits for one round of reads before its writes.
 */
export async function recordIntake(db: MotCuaDb, cal: WorkCalendar, actor: Actor, payload: EventPayloads['received'], at: number): Promise<Result<Recorded>> {
  return db.transaction('rw', TABLES(db), async () => {
    const date = vnDate(at);
    const preview = foldDossier([localEvent(actor.device, actor.userId, PROVISIONAL_CODE, 'received', payload, at, 0)]);
    const pairs = [[null, preview]] as const;
    const [[last, lastSeq], highestStoredToday, aggregates, openDays] = await Promise.all([
      getMetas(db, 'codeCounter', 'deviceSeq'),
      highestStoredCode(db, actor, date),
      readAggregateRows(db.reportAggregates, pairs),
      readOpenDayRows(db.openDays, pairs),
    ]);
    const code = nextDossierCode({ agencyCode: actor.device.agencyCode, slot: actor.device.codeSlot ?? 0, at, last: last ?? null, highestStoredToday });
    if (!code.ok) return code;
    // above every stored code of this slot today, so no event of it exists yet
    return recordInTx(db, cal, actor, code.value.code, 'received', payload, at, {
      past: [],
      lastSeq,
      kept: { aggregates, openDays },
      alsoWrite: () => setMeta(db, 'codeCounter', { date: code.value.date, n: code.value.n }),
    });
  });
}
