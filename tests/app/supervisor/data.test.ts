import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { toRow } from '../../../src/app/db/projection';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { apologyReport } from '../../../src/app/supervisor/apologyReport';
import { rebuildAggregates } from '../../../src/app/db/aggregates';
import { rebuildOpenDays } from '../../../src/app/db/openDays';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { lateListPage, lateSummary } from '../../../src/app/supervisor/lateSummary';
import { lateCategoryAt as lateCategory } from '../../../src/domain/timeliness/lateList';
import { statesByIds, statesForReport, statesReceivedIn } from '../../../src/app/supervisor/reportData';
import { trend } from '../../../src/app/supervisor/trend';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import type { DossierState } from '../../../src/domain/dossier/state';
import { bieu06, idsOf } from '../../../src/domain/stats/bieu06';
import { periodRange } from '../../../src/domain/stats/periods';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent } from '../../support/builders';
import { history, randomHistories, stateOf } from './fixtures';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const dbs: MotCuaDb[] = [];
async function dbWith(states: readonly DossierState[]): Promise<MotCuaDb> {
  const db = openDb(`sv-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  await db.dossiers.bulkPut(states.map(toRow));
  await db.transaction('rw', [db.openDays, db.reportAggregates], async () => {
    await rebuildOpenDays(db.openDays, states);
    await rebuildAggregates(db.reportAggregates, states);
  });
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const apology = (id: string, at: number, newDueAt: number) =>
  buildEvent('apologyIssued', { number: '02/XL', reason: 'chờ xác minh', newDueAt, signer: 'Chủ tịch UBND xã', channel: 'paper' }, { dossierId: id, at });

describe('[REP1] the report reads only dossiers received before its end, and agrees with the domain', () => {
  it('same Biểu 06 from the index read as from every state, for past and current periods', async () => {
    const states = randomHistories(11, 300, vnInstant(2025, 12, 1, 8), 150).map(stateOf);
    const db = await dbWith(states);
    for (const [range, asOf] of [
      [periodRange('month', 2026, 2, 'cutoff15'), undefined],
      [periodRange('quarter', 2026, 1, 'calendar'), undefined],
      [periodRange('month', 2026, 3, 'cutoff15'), vnInstant(2026, 3, 2, 10)],
    ] as const) {
      const read = await statesForReport(db, range, asOf);
      expect(read.every((s) => s.receivedAt < (asOf ?? Infinity))).toBe(true);
      const opts = asOf === undefined ? {} : { asOf };
      const byId = (xs: readonly DossierState[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(bieu06(byId(read), range, opts)).toEqual(bieu06(byId(states), range, opts));
    }
  });

  it('[FRM4] the logbook lists dossiers received in the date range, Vietnam days', async () => {
    const a = stateOf(history(vnInstant(2026, 3, 1, 23, 59), vnInstant(2026, 3, 5, 9)));
    const b = stateOf(history(vnInstant(2026, 3, 2, 0, 0), vnInstant(2026, 3, 5, 9)));
    const c = stateOf(history(vnInstant(2026, 3, 3, 0, 0), vnInstant(2026, 3, 6, 9)));
    const db = await dbWith([a, b, c]);
    expect((await statesReceivedIn(db, { from: '2026-03-02', to: '2026-03-02' })).map((s) => s.id)).toEqual([b.id]);
    expect((await statesByIds(db, [c.id, 'none', a.id])).map((s) => s.id)).toEqual([c.id, a.id]);
  });
});

describe('[TIM2] late and at-risk for the supervisor', () => {
  // Friday 6/3/2026 10:00; the next working day is Monday 9/3
  const now = vnInstant(2026, 3, 6, 10);
  const overdue = stateOf(history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), () => [], { fieldCode: 'HT' }, 'can-bo-lan'));
  const today = stateOf(history(vnInstant(2026, 3, 3, 9), vnInstant(2026, 3, 6, 15), () => [], { fieldCode: 'CT' }, 'can-bo-minh'));
  const monday = stateOf(history(vnInstant(2026, 3, 4, 9), vnInstant(2026, 3, 9, 16), () => [], { fieldCode: 'HT' }, 'can-bo-minh'));
  const tuesday = stateOf(history(vnInstant(2026, 3, 4, 9), vnInstant(2026, 3, 10, 9)));
  const resolvedLate = stateOf(
    history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 4, 9), (id) => [buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 5, 9) })]),
  );
  const incomplete = stateOf(history(vnInstant(2026, 3, 2, 9), null, () => [], { outcome: 'incomplete', missing: ['Tờ khai'] }));
  // rescheduled to Wednesday: still overdue by the legal date (APO2), as Biểu 06 counts it
  const rescheduled = stateOf(
    history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), (id) => [apology(id, vnInstant(2026, 3, 3, 9), vnInstant(2026, 3, 11, 9))]),
  );

  it('[TIM2][APO2] overdue (a rescheduled one too: legal date), due today, due by the end of the next working day; nothing else', async () => {
    const db = await dbWith([overdue, today, monday, tuesday, resolvedLate, incomplete, rescheduled]);
    const items = await lateListPage(db, now, cal, {});
    const summary = await lateSummary(db, now, cal);
    const sameDue = [overdue.id, rescheduled.id].sort();
    expect(items.map((i) => [i.state.id, i.category])).toEqual([
      [sameDue[0], 'overdue'],
      [sameDue[1], 'overdue'],
      [today.id, 'dueToday'],
      [monday.id, 'dueNextWorkingDay'],
    ]);
    expect(summary.byField).toEqual([
      { key: 'HT', counts: { overdue: 2, dueToday: 0, dueNextWorkingDay: 1 }, total: 3 },
      { key: 'CT', counts: { overdue: 0, dueToday: 1, dueNextWorkingDay: 0 }, total: 1 },
    ]);
    // the late list and Biểu 06 agree on what is overdue (one definition, judge.ts)
    const report = bieu06([overdue, today, monday, tuesday, resolvedLate, incomplete, rescheduled], periodRange('month', 2026, 3, 'cutoff15'), { asOf: now });
    expect(idsOf(report.total, 'inProgress.overdue').sort()).toEqual(sameDue);
    expect(summary.counts.overdue).toBe(report.total.inProgress.overdue);
    expect((await lateListPage(db, now, cal, { officerId: 'can-bo-minh', category: 'dueToday' })).map((i) => i.state.id)).toEqual([today.id]);
    expect(lateCategory(now - 1, now)).toBe('overdue');
    expect(lateCategory(vnInstant(2026, 3, 6, 23, 59), now)).toBe('dueToday');
  });
});

describe('[APO1][APO2][APO3] apology compliance for a period', () => {
  const MARCH = periodRange('month', 2026, 3, 'cutoff15');
  // due Thu 5/3: the apology must be issued by Wed 4/3
  const none = stateOf(
    history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), (id) => [buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 6, 9) })]),
  );
  const inTime = stateOf(
    history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), (id) => [
      apology(id, vnInstant(2026, 3, 4, 16), vnInstant(2026, 3, 10, 9)),
      buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 9, 9) }),
    ]),
  );
  const tooLate = stateOf(
    history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), (id) => [apology(id, vnInstant(2026, 3, 5, 8), vnInstant(2026, 3, 12, 9))]),
  );
  const onTime = stateOf(
    history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), (id) => [buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 5, 9) })]),
  );
  const states = [none, inTime, tooLate, onTime];

  it('lists every late dossier with its standing and gives the rate', () => {
    const rep = apologyReport(bieu06(states, MARCH), states, cal);
    expect(new Map(rep.late.map((l) => [l.state.id, l.compliance]))).toEqual(
      new Map([
        [none.id, 'noApology'],
        [inTime.id, 'compliant'],
        [tooLate.id, 'lateApology'],
      ]),
    );
    expect([rep.noApology, rep.lateApology, rep.compliant]).toEqual([1, 1, 1]);
    expect(rep.rate).toBeCloseTo(1 / 3);
    expect(rep.rescheduled.map((s) => s.id).sort()).toEqual([inTime.id, tooLate.id].sort());
    expect(rep.late.find((l) => l.state.id === none.id)?.deadline).toBe('2026-03-04');
  });

  it('nothing late: no rate rather than 0 %', () => {
    const rep = apologyReport(bieu06([onTime], MARCH), [onTime], cal);
    expect(rep.late).toEqual([]);
    expect(rep.rate).toBeNull();
  });
});

describe('[REP3][SAT2] the trend over the last periods', () => {
  it('twelve periods, oldest first, each the domain numbers of its period', async () => {
    const asOf = vnInstant(2026, 3, 10, 12);
    // the tablet as of asOf: only the events recorded by then
    const states = randomHistories(5, 200, vnInstant(2025, 6, 1, 8), 280).flatMap((h) => foldDossier(h.events.filter((e) => e.at <= asOf)) ?? []);
    const db = await dbWith(states);
    const points = await trend(db, 'month', 'cutoff15', asOf);
    expect(points).toHaveLength(12);
    expect(points.at(-1)!.period).toEqual({ kind: 'month', year: 2026, index: 3 });
    expect(points[0]!.period).toEqual({ kind: 'month', year: 2025, index: 4 });
    const feb = points.at(-2)!;
    const r = bieu06(states, periodRange('month', 2026, 2, 'cutoff15'), { asOf });
    const handled = r.total.resolved.total + r.total.inProgress.total;
    expect(feb.dossiers).toBe(handled);
    expect(feb.onTime).toBeCloseTo((r.total.resolved.early + r.total.resolved.onTime + r.total.inProgress.withinTime) / handled);
    expect(points[0]!.onTime).toBeNull();
  });
});
