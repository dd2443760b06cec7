/**
 * REP1a: a closed period's report never changes because of what happened after it; an event
 * recorded inside the period but synced later does count. Both REP2 cut-off modes, by the
 * domain's report (bieu06) and by the kept aggregates (kept row by row as events arrive, the way
 * the tablet and the server keep them).
 */
import { describe, expect, it } from 'vitest';
import { foldAll } from '../../../src/domain/dossier/fold';
import type { DossierEvent } from '../../../src/domain/dossier/events';
import type { DossierState } from '../../../src/domain/dossier/state';
import { bieu06, BIEU06_CELLS, cellsOf, idsOf, type Bieu06Cell } from '../../../src/domain/stats/bieu06';
import {
  aggregateChanges,
  aggregateKey,
  computeAggregates,
  emptyCounts,
  monthKey,
  reportFromAggregates,
  type AggregateRow,
} from '../../../src/domain/stats/bieu06Aggregates';
import { periodOf, periodRange, type PeriodMode } from '../../../src/domain/stats/periods';
import { apologyCompliance } from '../../../src/domain/timeliness/apology';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { addDays, startOfVnDay } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived, DAY, HOUR } from '../../support/builders';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const code = (n: number) => `000.00.06.H56-260302-${2000 + n}`;

/** Kept rows, updated dossier by dossier from the state before to the state after each arrival. */
class Kept {
  rows = new Map<string, AggregateRow>();
  states = new Map<string, DossierState>();
  events: DossierEvent[] = [];
  arrive(...batch: DossierEvent[]) {
    this.events.push(...batch);
    const after = foldAll(this.events);
    const pairs = [...new Set(batch.map((e) => e.dossierId))].map((id) => [this.states.get(id) ?? null, after.get(id) ?? null] as const);
    for (const [key, ch] of aggregateChanges(pairs)) {
      const counts = { ...(this.rows.get(key)?.counts ?? emptyCounts()) };
      for (const c of BIEU06_CELLS) counts[c] += ch.delta[c];
      if (BIEU06_CELLS.every((c) => counts[c] === 0)) this.rows.delete(key);
      else
        this.rows.set(key, { key: aggregateKey(ch.mode, ch.month, ch.fieldCode), mode: ch.mode, month: monthKey(ch.month), fieldCode: ch.fieldCode, counts });
    }
    this.states = after;
  }
}

describe.each(['cutoff15', 'calendar'] as const)('[REP1a] a closed month, mode %s', (mode: PeriodMode) => {
  // month 3/2026 of the mode; E = its end (00:00 after its last day)
  const range = periodRange('month', 2026, 3, mode);
  const E = startOfVnDay(addDays(range.to, 1));
  const period = periodOf(range.to, 'month', mode);
  const at = (days: number, hour = 9) => E + days * DAY + (hour - 24) * HOUR; // a working hour `days` after E's day
  const numbers = (k: Kept) => reportFromAggregates(k.rows.values(), period, mode).total;
  const cellCount = (states: Iterable<DossierState>, c: Bieu06Cell) => bieu06(states, range).total.ids[c].length;

  // A: overdue at E; a supplement requested after E moves its due date later
  const aIntake = buildReceived({ dueAt: at(-5), clockStartAt: at(-10) }, { dossierId: code(1), at: at(-10) });
  const aLater = [
    buildEvent('supplementRequested', { missing: ['Bản sao sổ hộ khẩu'] }, { dossierId: code(1), at: at(3) }),
    buildEvent('supplementReceived', { dueAt: at(45), clockStartAt: at(5), calendarVersion: 'v' }, { dossierId: code(1), at: at(5) }),
  ];
  // B: overdue at E; the apology comes after E
  const bIntake = buildReceived({ dueAt: at(-3), clockStartAt: at(-9) }, { dossierId: code(2), at: at(-9) });
  const bLater = [
    buildEvent(
      'apologyIssued',
      { number: '07/XL', reason: 'Chờ xác minh', newDueAt: at(20), signer: 'Chủ tịch UBND xã', channel: 'paper' },
      { dossierId: code(2), at: at(1) },
    ),
  ];
  // C: resolved two days before E on a tablet that synced only after E
  const cIntake = buildReceived({ dueAt: at(-1), clockStartAt: at(-8) }, { dossierId: code(3), at: at(-8) });
  const cLateSynced = buildEvent('resolved', {}, { dossierId: code(3), at: at(-2) });

  it('[REP1a] a later supplement and a later apology change nothing in the closed month; a late-synced resolution inside it counts (report and kept rows alike)', () => {
    const kept = new Kept();
    kept.arrive(aIntake, bIntake, cIntake);
    const atClose = numbers(kept);
    // as the month closed: A, B and C open and overdue
    expect(atClose['inProgress.overdue']).toBe(3);
    expect(cellCount(kept.states.values(), 'inProgress.overdue')).toBe(3);

    kept.arrive(...aLater, ...bLater);
    // what happened after E does not reach back: A keeps the due date in force at E, B had no apology by E
    expect(numbers(kept)).toEqual(atClose);
    const a = kept.states.get(code(1))!,
      b = kept.states.get(code(2))!;
    expect(a.dueAt).toBe(at(45));
    expect(cellsOf(a, range)).toContain('inProgress.overdue');
    expect(apologyCompliance(b, E, cal)).toBe('noApology');

    // an event recorded inside the month but synced after it counts there
    kept.arrive(cLateSynced);
    const after = numbers(kept);
    expect(after['inProgress.overdue']).toBe(2);
    expect(after['resolved.onTime'] + after['resolved.early'] + after['resolved.late']).toBe(1);
    expect(idsOf(bieu06(kept.states.values(), range).total, 'resolved.total')).toEqual([code(3)]);

    // the kept rows are exactly a rebuild, and agree with the report from the dossiers
    expect(new Map([...kept.rows].sort())).toEqual(new Map([...computeAggregates(kept.states.values())].sort()));
    const direct = bieu06(kept.states.values(), range).total;
    for (const c of BIEU06_CELLS) expect(after[c], c).toBe(direct.ids[c].length);
  });

  it('[REP1a] the month after sees the later events: A is no longer overdue there, B still is (legal date, APO2)', () => {
    const next = periodRange('month', 2026, 4, mode);
    const states = foldAll([aIntake, bIntake, ...aLater, ...bLater]);
    const report = bieu06(states.values(), next);
    expect(idsOf(report.total, 'inProgress.overdue')).toEqual([code(2)]);
    expect(idsOf(report.total, 'inProgress.withinTime')).toEqual([code(1)]);
  });
});
