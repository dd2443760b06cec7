/**
 * REP1: the period report (Biểu 06 of TT 01/2020/TT-VPCP), one row per field (lĩnh vực) and a
 * total. `cellsOf` is the ONE definition of which cells a dossier counts in; the table counts it
 * and the drill-down lists the ids it returns, so a number and the list behind it never disagree.
 *
 * Definitions, for an inclusive range of Vietnam dates [from, to] and its end E = 00:00 of the day
 * after `to` (or `asOf` when that is earlier: the current period is reported as of now):
 * - accepted at: the receipt time when intake accepted it; for an incomplete intake, the time the
 *   missing papers came (the first supplement round's receipt), when the receipt is issued. Not the
 *   clock start, which moves after a 15:00 cut-off or a restarting supplement. Refused: never.
 * - received, new: accepted on a date in the range; online = channel 2, in person or by post =
 *   channels 1 and 3. Carried over: accepted before `from` and not ended before `from`.
 *   received.total = carriedOver + online + inPersonOrPostal.
 * - ended (TIM1): the first of resolved, result returned, withdrawn, stopped (`endedAt`).
 * - resolved: ended in the range by resolution (or by the result being returned without a
 *   recorded resolution); early / on time / late by calendar day against the LEGAL due date
 *   (TIM1; a reschedule does not help, APO2).
 * - withdrawn, stopped: ended in the range that way; own columns, not resolved (LIF3).
 * - REP1a: each dossier is judged as it stood at E (`stateAt`): only its events with device time
 *   before E count, wherever and whenever they were synced; a later supplement, apology or
 *   resolution never changes a period that has ended.
 * - in progress: accepted by E and not ended by E; overdue when its running legal due date is
 *   before E (judge.ts: a dossier waiting for papers is not overdue for waiting, DUE4), else
 *   within time.
 * - secondSupplement (Decision 766, IND1): counted good by the dates (resolved early or on time,
 *   in progress within time) after two or more supplement requests during processing by E; 766
 *   counts these late, Biểu 06 does not (TT 01/2020 counts by dates).
 * - extras: awaitingSupplement = in progress with a supplement request open at E; outOfArea = new
 *   in the range and from outside the commune; returned = result handed over in the range (also
 *   for dossiers resolved in an earlier period, so it stands outside the balance).
 * Balance: received.total = resolved.total + withdrawn + stopped + inProgress.total.
 */
import { addDays, startOfVnDay, vnDate, type Instant } from '../time/vnTime';
import type { DossierState } from '../dossier/state';
import { endTimeliness as legalEndTimeliness, type EndTimeliness } from '../timeliness/timeliness';
import { inRange, type DateRange } from './periods';
import { isLateBy766SecondSupplement, openSupplement, runningDueAt, stateAt } from '../timeliness/judge';

export const BIEU06_CELLS = [
  'received.carriedOver',
  'received.online',
  'received.inPersonOrPostal',
  'resolved.early',
  'resolved.onTime',
  'resolved.late',
  'inProgress.withinTime',
  'inProgress.overdue',
  'withdrawn',
  'stopped',
  'awaitingSupplement',
  'outOfArea',
  'returned',
  'secondSupplement.resolved',
  'secondSupplement.inProgress',
] as const;
export type Bieu06Cell = (typeof BIEU06_CELLS)[number];

export type Bieu06Column = Bieu06Cell | 'received.total' | 'received.new' | 'resolved.total' | 'inProgress.total' | 'secondSupplement.total';

/** The report's columns: each cell, and the totals made of cells. */
export const COLUMN_CELLS: Readonly<Record<Bieu06Column, readonly Bieu06Cell[]>> = {
  ...(Object.fromEntries(BIEU06_CELLS.map((c): [Bieu06Cell, readonly Bieu06Cell[]] => [c, [c]])) as Record<Bieu06Cell, readonly Bieu06Cell[]>),
  'received.total': ['received.carriedOver', 'received.online', 'received.inPersonOrPostal'],
  'received.new': ['received.online', 'received.inPersonOrPostal'],
  'resolved.total': ['resolved.early', 'resolved.onTime', 'resolved.late'],
  'inProgress.total': ['inProgress.withinTime', 'inProgress.overdue'],
  'secondSupplement.total': ['secondSupplement.resolved', 'secondSupplement.inProgress'],
};

export type Bieu06Options = {
  /** Report as of this moment when it is before the end of the range (the current period). */
  readonly asOf?: Instant;
  /** TIM1 classification; defaults to the legal-due-date rule of timeliness.ts. */
  readonly endTimeliness?: (s: DossierState) => EndTimeliness | null;
};

export type Bieu06Row = {
  /** '' for the total row. */
  readonly fieldCode: string;
  readonly received: {
    readonly total: number;
    readonly carriedOver: number;
    readonly newInPeriod: number;
    readonly online: number;
    readonly inPersonOrPostal: number;
  };
  readonly resolved: { readonly total: number; readonly early: number; readonly onTime: number; readonly late: number };
  readonly inProgress: { readonly total: number; readonly withinTime: number; readonly overdue: number };
  readonly withdrawn: number;
  readonly stopped: number;
  readonly awaitingSupplement: number;
  readonly outOfArea: number;
  readonly returned: number;
  /** Decision 766: counted good by dates after a second supplement request (766 counts them late). */
  readonly secondSupplement: { readonly total: number; readonly resolved: number; readonly inProgress: number };
  /** Drill-down: the dossier ids behind each cell. */
  readonly ids: Readonly<Record<Bieu06Cell, readonly string[]>>;
};

export type Bieu06 = { readonly range: DateRange; readonly end: Instant; readonly rows: readonly Bieu06Row[]; readonly total: Bieu06Row };

/** When the dossier was accepted (see the definitions above); null if never. */
export function acceptedAt(s: DossierState): Instant | null {
  if (s.intakeOutcome === 'accepted') return s.receivedAt;
  if (s.intakeOutcome === 'incomplete') return s.supplements[0]?.receivedAt ?? null;
  return null;
}

/** The moment the report is taken at: the end of the range, or `asOf` when earlier. */
/** The end instant of each last day seen: a report or a batch of aggregates asks for the same few. */
const rangeEnds = new Map<string, Instant>();

export function reportEnd(range: DateRange, asOf?: Instant): Instant {
  let end = rangeEnds.get(range.to);
  if (end === undefined) {
    end = startOfVnDay(addDays(range.to, 1));
    if (rangeEnds.size > 10_000) rangeEnds.clear();
    rangeEnds.set(range.to, end);
  }
  return asOf !== undefined && asOf < end ? asOf : end;
}

/** THE definition: the cells a dossier counts in for a range, judged as it stood at the report's end (REP1a). */
export function cellsOf(state: DossierState, range: DateRange, opts: Bieu06Options = {}): Bieu06Cell[] {
  const end = reportEnd(range, opts.asOf);
  const cells: Bieu06Cell[] = [];
  if (state.receivedAt >= end) return cells;
  const s = stateAt(state, end);
  const accepted = acceptedAt(s);
  if (accepted === null) return cells;
  if (s.returnedAt !== null && inRange(vnDate(s.returnedAt), range)) cells.push('returned');
  if (vnDate(accepted) > range.to) return cells;

  if (vnDate(accepted) < range.from) {
    if (s.endedAt !== null && vnDate(s.endedAt) < range.from) return cells;
    cells.push('received.carriedOver');
  } else {
    cells.push(s.channel === 2 ? 'received.online' : 'received.inPersonOrPostal');
    if (s.outOfArea) cells.push('outOfArea');
  }
  const second = isLateBy766SecondSupplement(s, end);

  if (s.endedAt === null) {
    const due = runningDueAt(s); // s is already as it stood at the end (isOverdueAt without a second stateAt)
    const overdue = due !== null && end > due;
    cells.push(overdue ? 'inProgress.overdue' : 'inProgress.withinTime');
    if (openSupplement(s)) cells.push('awaitingSupplement');
    if (second && !overdue) cells.push('secondSupplement.inProgress');
    return cells;
  }
  if (s.endedAt === s.resolvedAt || s.endedAt === s.returnedAt) {
    // An accepted dossier always has a legal due date; without one it gets no credit.
    const t = (opts.endTimeliness ?? legalEndTimeliness)(s) ?? 'late';
    cells.push(t === 'early' ? 'resolved.early' : t === 'onTime' ? 'resolved.onTime' : 'resolved.late');
    if (second && t !== 'late') cells.push('secondSupplement.resolved');
  } else if (s.endedAt === s.withdrawnAt) cells.push('withdrawn');
  else if (s.endedAt === s.stoppedAt) cells.push('stopped');
  return cells;
}

type IdLists = Record<Bieu06Cell, string[]>;
const emptyIds = (): IdLists => Object.fromEntries(BIEU06_CELLS.map((c) => [c, []])) as unknown as IdLists;

/** A row's numbers without the drill-down ids: what the upstream report sends. */
export type Bieu06Numbers = Omit<Bieu06Row, 'ids'>;

/** The row's numbers from the count of each cell (the totals are sums of cells, COLUMN_CELLS). */
export function numbersOf(fieldCode: string, count: Readonly<Record<Bieu06Cell, number>>): Bieu06Numbers {
  const n = (c: Bieu06Cell) => count[c];
  const online = n('received.online'),
    inPersonOrPostal = n('received.inPersonOrPostal'),
    carriedOver = n('received.carriedOver');
  const early = n('resolved.early'),
    onTime = n('resolved.onTime'),
    late = n('resolved.late');
  const withinTime = n('inProgress.withinTime'),
    overdue = n('inProgress.overdue');
  return {
    fieldCode,
    received: { total: carriedOver + online + inPersonOrPostal, carriedOver, newInPeriod: online + inPersonOrPostal, online, inPersonOrPostal },
    resolved: { total: early + onTime + late, early, onTime, late },
    inProgress: { total: withinTime + overdue, withinTime, overdue },
    withdrawn: n('withdrawn'),
    stopped: n('stopped'),
    awaitingSupplement: n('awaitingSupplement'),
    outOfArea: n('outOfArea'),
    returned: n('returned'),
    secondSupplement: {
      total: n('secondSupplement.resolved') + n('secondSupplement.inProgress'),
      resolved: n('secondSupplement.resolved'),
      inProgress: n('secondSupplement.inProgress'),
    },
  };
}

function rowOf(fieldCode: string, ids: Readonly<Record<Bieu06Cell, readonly string[]>>): Bieu06Row {
  const count = Object.fromEntries(BIEU06_CELLS.map((c) => [c, ids[c].length])) as Record<Bieu06Cell, number>;
  return { ...numbersOf(fieldCode, count), ids };
}

/** The report: one row per field that has anything to show (sorted by field code) and the total. */
export function bieu06(states: Iterable<DossierState>, range: DateRange, opts: Bieu06Options = {}): Bieu06 {
  const byField = new Map<string, IdLists>();
  const total = emptyIds();
  for (const s of states) {
    const cells = cellsOf(s, range, opts);
    if (cells.length === 0) continue;
    let row = byField.get(s.fieldCode);
    if (!row) byField.set(s.fieldCode, (row = emptyIds()));
    for (const c of cells) {
      row[c].push(s.id);
      total[c].push(s.id);
    }
  }
  const rows = [...byField.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([f, ids]) => rowOf(f, ids));
  return { range, end: reportEnd(range, opts.asOf), rows, total: rowOf('', total) };
}

/** Drill-down for any column, totals included: the ids behind the number. */
export function idsOf(row: Bieu06Row, column: Bieu06Column): string[] {
  return COLUMN_CELLS[column].flatMap((c) => row.ids[c]);
}
