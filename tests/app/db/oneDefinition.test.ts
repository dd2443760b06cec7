/**
 * TIM2, APO2, DUE4: one definition of overdue everywhere. The counter's tabs and counts, the
 * badge on each row, the supervisor's late list and Biểu 06 all say the same of the same dossiers.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { toRow } from '../../../src/app/db/projection';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { queueCounts, queuePage } from '../../../src/app/db/queue';
import { rebuildOpenDays } from '../../../src/app/db/openDays';
import { rebuildAggregates } from '../../../src/app/db/aggregates';
import { lateListPage, lateSummary } from '../../../src/app/supervisor/lateSummary';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierEvent, ReceivedPayload } from '../../../src/domain/dossier/events';
import type { DossierState } from '../../../src/domain/dossier/state';
import { judgeOpen } from '../../../src/domain/timeliness/judge';
import { bieu06, idsOf } from '../../../src/domain/stats/bieu06';
import { periodRange } from '../../../src/domain/stats/periods';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived } from '../../support/builders';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const dbs: MotCuaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
let n = 0;
function dossier(receivedAt: number, dueAt: number, more: (id: string) => DossierEvent[] = () => [], o: Partial<ReceivedPayload> = {}): DossierState {
  const id = `000.00.06.H56-260302-${4000 + ++n}`;
  return foldDossier([buildReceived({ dueAt, clockStartAt: receivedAt, ...o }, { dossierId: id, at: receivedAt }), ...more(id)])!;
}
const ask = (at: number) => (id: string) => [buildEvent('supplementRequested', { missing: ['Tờ khai'] }, { dossierId: id, at })];

describe('[TIM2][APO2][DUE4] one definition of overdue: tabs, badges, late list and Biểu 06 agree', () => {
  // Friday 6/3/2026 10:00; the next working day is Monday 9/3
  const now = vnInstant(2026, 3, 6, 10);
  const d = (day: number, h = 9) => vnInstant(2026, 3, day, h);
  const states = [
    dossier(d(2), d(5)), // overdue
    dossier(d(2), d(5), (id) => [
      buildEvent('apologyIssued', { number: '1/XL', reason: 'xác minh', newDueAt: d(13), signer: 'Chủ tịch', channel: 'paper' }, { dossierId: id, at: d(4) }),
    ]), // overdue, rescheduled to 13/3
    dossier(d(2), d(5), ask(d(4)), { supplementPolicy: 'pause' }), // waiting: not overdue
    dossier(d(2), d(5), ask(d(4)), { supplementPolicy: 'restart' }), // waiting: not overdue
    dossier(d(2), d(4), ask(d(5)), { supplementPolicy: 'pause' }), // asked after its due date: overdue
    dossier(d(3), d(6, 15)), // due today
    dossier(d(4), d(9, 16)), // due Monday: at risk
    dossier(d(4), d(20)), // within time
    dossier(d(2), d(4), (id) => [buildEvent('resolved', {}, { dossierId: id, at: d(5) })]), // ended
  ];

  it('[TIM2][APO2][DUE4] every tab, count, badge and list, and the report, from judge.ts', async () => {
    const db = openDb(`one-${Math.random().toString(36).slice(2)}`);
    dbs.push(db);
    await db.dossiers.bulkPut(states.map(toRow));
    await db.transaction('rw', [db.openDays, db.reportAggregates], async () => {
      await rebuildOpenDays(db.openDays, states);
      await rebuildAggregates(db.reportAggregates, states);
    });
    const judged = (kind: string) =>
      states
        .filter((s) => judgeOpen(s, now, cal)?.kind === kind)
        .map((s) => s.id)
        .sort();
    const tab = async (t: 'overdue' | 'atRisk' | 'open') => (await queuePage(db, t, { now, cal, limit: 100 })).rows.map((r) => r.id).sort();

    expect(judged('overdue')).toEqual([states[0]!.id, states[1]!.id, states[4]!.id].sort());
    expect(judged('awaitingSupplement')).toEqual([states[2]!.id, states[3]!.id].sort());
    // the counter's tabs hold exactly what the badges say
    expect(await tab('overdue')).toEqual(judged('overdue'));
    expect(await tab('atRisk')).toEqual(judged('atRisk'));
    const counts = await queueCounts(db, { now, cal });
    expect(counts.overdue).toBe(3);
    expect(counts.atRisk).toBe(2);
    // the supervisor's late list and its counts
    const late = await lateListPage(db, now, cal, {});
    expect(
      late
        .filter((i) => i.category === 'overdue')
        .map((i) => i.state.id)
        .sort(),
    ).toEqual(judged('overdue'));
    expect((await lateSummary(db, now, cal)).counts.overdue).toBe(3);
    // Biểu 06 as of now
    const report = bieu06(states, periodRange('month', 2026, 3, 'cutoff15'), { asOf: now });
    expect(idsOf(report.total, 'inProgress.overdue').sort()).toEqual(judged('overdue'));
    // the rescheduled one says which date it is late against and which it was moved to
    expect(judgeOpen(states[1]!, now, cal)).toMatchObject({ kind: 'overdue', dueAt: d(5), rescheduledTo: d(13) });
  });
});
