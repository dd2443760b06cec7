import 'fake-indexeddb/auto';
import Dexie, { type Table } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  aggregateChanges,
  applyAggregateChanges,
  computeAggregates,
  rebuildAggregates,
  reportFromAggregates,
  type AggregateRow,
} from '../../../src/app/db/aggregates';
import { MIGRATIONS } from '../../../src/app/db/migrations';
import { withAsOf } from '../../../src/domain/stats/bieu06AsOf';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierState } from '../../../src/domain/dossier/state';
import { BIEU06_CELLS, bieu06, type Bieu06Row } from '../../../src/domain/stats/bieu06';
import { PERIOD_KINDS, PERIODS_PER_YEAR, rangeOf, type Period, type PeriodMode } from '../../../src/domain/stats/periods';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { randomHistories, stateOf } from './fixtures';

class AggDb extends Dexie {
  reportAggregates!: Table<AggregateRow, string>;
  constructor(name: string) {
    super(name);
    // the app's own store definition (migration 4)
    this.version(1).stores({ reportAggregates: MIGRATIONS.find((m) => m.stores.reportAggregates)?.stores.reportAggregates ?? null });
  }
}

const countsOf = (row: Bieu06Row) => Object.fromEntries(BIEU06_CELLS.map((c) => [c, row.ids[c].length]));
const sortRows = (rows: AggregateRow[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));

const START = vnInstant(2025, 11, 1, 8);
const histories = randomHistories(7, 400, START, 200);
const states: DossierState[] = histories.map(stateOf);

function periods(): Period[] {
  const out: Period[] = [];
  for (const kind of PERIOD_KINDS)
    for (const year of [2025, 2026, 2027]) for (let index = 1; index <= PERIODS_PER_YEAR[kind]; index++) out.push({ kind, year, index });
  return out;
}

describe('[REP1] kept per-month aggregates', () => {
  it('give the same Biểu 06 numbers as the domain, for every month, quarter, half-year and year, in both modes', () => {
    const rows = [...computeAggregates(states).values()];
    for (const mode of ['cutoff15', 'calendar'] as PeriodMode[]) {
      for (const p of periods()) {
        const expected = bieu06(states, rangeOf(p, mode));
        const got = reportFromAggregates(rows, p, mode);
        expect(got.total, `${mode} ${p.kind} ${p.year}/${p.index}`).toEqual(countsOf(expected.total));
        expect(new Map([...got.rows].map(([f, c]) => [f, c])), `${mode} ${p.kind} ${p.year}/${p.index}`).toEqual(
          new Map(expected.rows.map((r) => [r.fieldCode, countsOf(r)])),
        );
      }
    }
  });

  it('kept up to date event by event (in any order of dossiers) equal a rebuild from the states', async () => {
    const db = new AggDb(`agg-${Math.random()}`);
    // events arrive interleaved across dossiers, as from sync
    const queue = histories.flatMap((h) => h.events.map((e, i) => ({ h, i, at: e.at })));
    queue.sort((a, b) => a.at - b.at || a.i - b.i);
    const seen = new Map<string, number>();
    for (const q of queue) {
      const k = (seen.get(q.h.id) ?? 0) + 1;
      seen.set(q.h.id, k);
      const before = k === 1 ? null : foldDossier(q.h.events.slice(0, k - 1));
      const after = foldDossier(q.h.events.slice(0, k));
      await db.transaction('rw', db.reportAggregates, () => applyAggregateChanges(db.reportAggregates, aggregateChanges([[before, after]])));
    }
    const kept = sortRows(await db.reportAggregates.toArray());
    const rebuild = new AggDb(`agg-r-${Math.random()}`);
    await rebuildAggregates(rebuild.reportAggregates, states);
    expect(kept).toEqual(sortRows(await rebuild.reportAggregates.toArray()));
    expect(kept.length).toBeGreaterThan(0);
  });

  it('a pulled event arriving late for a past month moves that month and only by its difference', async () => {
    const db = new AggDb(`agg-late-${Math.random()}`);
    const h = histories.find((x) => x.events.length >= 3)!;
    const partial = foldDossier(h.events.slice(0, 1))!;
    await applyAggregateChanges(db.reportAggregates, aggregateChanges([[null, partial]]));
    await applyAggregateChanges(db.reportAggregates, aggregateChanges([[partial, stateOf(h)]]));
    expect(sortRows(await db.reportAggregates.toArray())).toEqual(sortRows([...computeAggregates([stateOf(h)]).values()]));
    await applyAggregateChanges(db.reportAggregates, aggregateChanges([[stateOf(h), null]]));
    expect(await db.reportAggregates.count()).toBe(0);
  });

  it('the current period as of now: flows from the kept rows, the in-progress split judged now', () => {
    const asOf = vnInstant(2026, 3, 3, 10);
    const p: Period = { kind: 'month', year: 2026, index: 3 };
    const range = rangeOf(p, 'cutoff15');
    const before = states.filter((s) => s.lastEventAt <= asOf);
    const expected = bieu06(before, range, { asOf });
    const kept = reportFromAggregates([...computeAggregates(before).values()], p, 'cutoff15');
    const open = before.filter((s) => s.endedAt === null);
    // every open dossier is a (generous) superset of those judged differently now
    const got = withAsOf(kept, open, range, asOf);
    expect(got.total).toEqual(countsOf(expected.total));
  });
});
