/**
 * Kept per-month, per-field aggregates of the Biểu 06 report (REP1), so a period report does not
 * read every dossier. The domain's `cellsOf` stays THE definition: a dossier's contribution is
 * computed with it, month by month, and the kept rows are the sum of the contributions.
 *
 * A row per (mode, month, field) holds, for each cell:
 * - flow cells (received new, out of area, resolved, withdrawn, stopped, returned): the count in
 *   that month; a longer period sums its months;
 * - stock cells (carried over, in progress, awaiting supplement): the CHANGE from the previous
 *   month, so an open dossier costs a row or two, not one per month forever. The stock at month
 *   m is the sum of the changes up to m; a period takes carried over from its first month and
 *   the in-progress cells from its last.
 * Months are REP2 months of the mode (cut-off 15th→14th, or calendar), so quarters, halves and
 * years of the same mode are unions of them.
 *
 * The numbers are those of a period that has ended (its end E is in the past). For the current
 * period as of now, the dossiers judged differently now are moved by `withAsOf` (bieu06AsOf.ts).
 *
 * Pure: the tablet (src/app/db/keptJournal.ts, Dexie) and the server
 * (src/server/store/aggregatesSql.ts, SQL) keep their rows with `aggregateChanges(pairs)` in the
 * transaction that writes the dossiers' projections (the tablet appends them to a journal that is
 * folded into the rows later), and rebuild with `computeAggregates`.
 */
import { BIEU06_CELLS, cellsOf, type Bieu06Cell } from './bieu06';
import { PERIODS_PER_YEAR, periodRange, type DateRange, type Period, type PeriodMode } from './periods';
import type { DossierState } from '../dossier/state';
import { vnParts, type Instant } from '../time/vnTime';

export const AGGREGATE_MODES = ['cutoff15', 'calendar'] as const satisfies readonly PeriodMode[];

export const STOCK_CELLS = [
  'received.carriedOver',
  'inProgress.withinTime',
  'inProgress.overdue',
  'awaitingSupplement',
  'secondSupplement.inProgress',
] as const satisfies readonly Bieu06Cell[];
const STOCK = new Set<Bieu06Cell>(STOCK_CELLS);
export const isStockCell = (c: Bieu06Cell): boolean => STOCK.has(c);

export type CellCounts = Record<Bieu06Cell, number>;

/** A kept row: key `${mode}|${YYYY-MM}|${fieldCode}`. */
export type AggregateRow = {
  readonly key: string;
  readonly mode: PeriodMode;
  /** The REP2 month of the mode, `YYYY-MM` (cut-off mode: month 3 = 15/2 .. 14/3). */
  readonly month: string;
  readonly fieldCode: string;
  readonly counts: CellCounts;
};

const ZERO: CellCounts = Object.freeze(Object.fromEntries(BIEU06_CELLS.map((c) => [c, 0]))) as CellCounts;
export const emptyCounts = (): CellCounts => ({ ...ZERO });

/** Months as integers (year·12 + month − 1) so they can be stepped. */
export const monthNo = (p: Pick<Period, 'year' | 'index'>): number => p.year * 12 + p.index - 1;
export function monthKey(n: number): string {
  const year = Math.floor(n / 12),
    month = (n % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}
export function monthOfKey(key: string): number {
  const [y, m] = key.split('-').map(Number);
  return (y ?? 0) * 12 + (m ?? 1) - 1;
}
const monthRanges = new Map<number, DateRange>();
/** A month's dates, kept: every dossier of a batch asks for the same few months. */
function rangeOfMonth(n: number, mode: PeriodMode): DateRange {
  const key = mode === 'calendar' ? -1 - n : n;
  let r = monthRanges.get(key);
  if (!r) {
    r = Object.freeze(periodRange('month', Math.floor(n / 12), (n % 12) + 1, mode));
    if (monthRanges.size > 10_000) monthRanges.clear();
    monthRanges.set(key, r);
  }
  return r;
}
/** `monthNo(periodOf(vnDate(t), 'month', mode))` without the date text (a batch asks this per dossier and instant). */
function monthOfInstant(t: Instant, mode: PeriodMode): number {
  const p = vnParts(t);
  // REP2 cut-off mode: from the 15th, the day belongs to the next month
  return p.year * 12 + p.month - 1 + (mode === 'cutoff15' && p.day >= 15 ? 1 : 0);
}

/** The months of a period (a quarter: its three months), as month numbers. */
export function monthsOf(p: Period): number[] {
  // A period is its months in both modes (REP2): cut-off quarter 1 = months 1–3 = 15/12 .. 14/3.
  const per = 12 / PERIODS_PER_YEAR[p.kind];
  const first = p.year * 12 + (p.index - 1) * per;
  return Array.from({ length: per }, (_, i) => first + i);
}

/**
 * One dossier's contribution per month: flow counts, and stock changes. Only months where
 * something happens (or the month after) can hold a change, so those are the ones evaluated.
 */
export function contributions(s: DossierState, mode: PeriodMode): Map<number, CellCounts> {
  const out = new Map<number, CellCounts>();
  const instants: Instant[] = [s.receivedAt];
  for (const t of [s.endedAt, s.dueAt, s.returnedAt, s.resolvedAt]) if (t !== null) instants.push(t);
  // REP1a: every due date the dossier had (each judged the months it was in force)
  for (const r of s.supplements) {
    for (const t of [r.requestedAt, r.receivedAt, r.dueAtBefore, r.dueAtAfter]) if (t !== null) instants.push(t);
  }
  const candidates = new Set<number>();
  for (const t of instants) {
    const m = monthOfInstant(t, mode);
    candidates.add(m);
    candidates.add(m + 1);
  }
  const memo = new Map<number, Bieu06Cell[]>();
  const cellsIn = (m: number) => {
    let c = memo.get(m);
    if (!c) memo.set(m, (c = cellsOf(s, rangeOfMonth(m, mode))));
    return c;
  };
  for (const m of candidates) {
    const now = cellsIn(m);
    const before = cellsIn(m - 1);
    let counts: CellCounts | null = null;
    for (const c of now) {
      if (isStockCell(c) && before.includes(c)) continue;
      counts ??= emptyCounts();
      counts[c] += 1;
    }
    for (const c of before) {
      if (isStockCell(c) && !now.includes(c)) {
        counts ??= emptyCounts();
        counts[c] -= 1;
      }
    }
    if (counts) out.set(m, counts);
  }
  return out;
}

export const aggregateKey = (mode: PeriodMode, month: number, fieldCode: string): string => `${mode}|${monthKey(month)}|${fieldCode}`;

export type AggregateChange = { readonly mode: PeriodMode; readonly month: number; readonly fieldCode: string; readonly delta: CellCounts };

/**
 * The changes that dossiers going `before → after` (one pair per dossier, null for none) make to
 * the kept rows, summed by key (zero changes left out), so a batch is one read and one write.
 */
export function aggregateChanges(pairs: Iterable<readonly [DossierState | null, DossierState | null]>): Map<string, AggregateChange> {
  const out = new Map<string, AggregateChange>();
  const add = (s: DossierState, sign: 1 | -1) => {
    for (const mode of AGGREGATE_MODES) {
      for (const [month, counts] of contributions(s, mode)) {
        const key = aggregateKey(mode, month, s.fieldCode);
        let entry = out.get(key);
        if (!entry) out.set(key, (entry = { mode, month, fieldCode: s.fieldCode, delta: emptyCounts() }));
        for (const c of BIEU06_CELLS) entry.delta[c] += sign * counts[c];
      }
    }
  };
  for (const [before, after] of pairs) {
    if (before) add(before, -1);
    if (after) add(after, 1);
  }
  for (const [k, e] of out) if (isZero(e.delta)) out.delete(k);
  return out;
}

export const isZero = (c: CellCounts): boolean => BIEU06_CELLS.every((k) => c[k] === 0);

/** The rows a rebuild gives, from the states alone. */
export function computeAggregates(states: Iterable<DossierState>): Map<string, AggregateRow> {
  const rows = new Map<string, AggregateRow>();
  for (const [key, ch] of aggregateChanges([...states].map((s) => [null, s] as const))) {
    rows.set(key, { key, mode: ch.mode, month: monthKey(ch.month), fieldCode: ch.fieldCode, counts: ch.delta });
  }
  return rows;
}

/** The counts of a period, per field and the total, from kept rows of its mode up to its last month. */
export type AggregateReport = { readonly rows: ReadonlyMap<string, CellCounts>; readonly total: CellCounts };

export function reportFromAggregates(rows: Iterable<AggregateRow>, period: Period, mode: PeriodMode): AggregateReport {
  const months = monthsOf(period);
  const first = months[0]!,
    last = months.at(-1)!;
  const stockAt = (m: number, field: Map<number, CellCounts>) => {
    const acc = emptyCounts();
    for (const [month, counts] of field) if (month <= m) for (const c of STOCK_CELLS) acc[c] += counts[c];
    return acc;
  };
  const byField = new Map<string, Map<number, CellCounts>>();
  for (const r of rows) {
    if (r.mode !== mode) continue;
    const m = monthOfKey(r.month);
    if (m > last) continue;
    let f = byField.get(r.fieldCode);
    if (!f) byField.set(r.fieldCode, (f = new Map()));
    f.set(m, r.counts);
  }
  const out = new Map<string, CellCounts>();
  const total = emptyCounts();
  for (const [field, months_] of [...byField.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const counts = emptyCounts();
    for (const m of months) {
      const c = months_.get(m);
      if (c) for (const k of BIEU06_CELLS) if (!isStockCell(k)) counts[k] += c[k];
    }
    counts['received.carriedOver'] = stockAt(first, months_)['received.carriedOver'];
    const atEnd = stockAt(last, months_);
    counts['inProgress.withinTime'] = atEnd['inProgress.withinTime'];
    counts['inProgress.overdue'] = atEnd['inProgress.overdue'];
    counts.awaitingSupplement = atEnd.awaitingSupplement;
    counts['secondSupplement.inProgress'] = atEnd['secondSupplement.inProgress'];
    if (isZero(counts)) continue;
    out.set(field, counts);
    for (const k of BIEU06_CELLS) total[k] += counts[k];
  }
  return { rows: out, total };
}
