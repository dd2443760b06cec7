/**
 * Supervisor speed on the tablet (issue 5 "Speed"), on the counter bench's stored dossiers: the
 * period report from the kept aggregates beside the same report from every dossier (the
 * domain over a full read, what it cost before), the late and at-risk tab (kept counts and a
 * first page, beside reading every late dossier), the device's own
 * sync status. Budgets: report ≤ 500 ms; late list and sync status ≤ 100 ms.
 */
import type { WorkCalendar } from '../../../src/domain/calendar/types';
import { bieu06 } from '../../../src/domain/stats/bieu06';
import { rebuildAggregates } from '../../../src/app/db/aggregates';
import { rebuildOpenDays } from '../../../src/app/db/openDays';
import { lateListPage, lateSummary } from '../../../src/app/supervisor/lateSummary';
import { trend } from '../../../src/app/supervisor/trend';
import { ratedStates } from '../../../src/app/supervisor/reportData';
import type { MotCuaDb } from '../../../src/app/db/schema';
import { periodNumbers } from '../../../src/app/supervisor/periodNumbers';
import { defaultChoice, choiceRange } from '../../../src/app/supervisor/periodChoice';
import { lateAndAtRisk } from '../../app/supervisor/lateReference';
import { statesForReport } from '../../../src/app/supervisor/reportData';
import { deviceStatus } from '../../../src/app/sync/status';

const ms = async (f: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await f();
  return Math.round((performance.now() - t) * 10) / 10;
};

export async function supervisorBench(db: MotCuaDb, now: number, cal: WorkCalendar): Promise<Record<string, unknown>> {
  const rebuildMs = await ms(async () => {
    const states = (await db.dossiers.toArray()).map((r) => r.state);
    await db.transaction('rw', db.reportAggregates, () => rebuildAggregates(db.reportAggregates, states));
    await db.transaction('rw', db.openDays, () => rebuildOpenDays(db.openDays, states));
  });
  const month = defaultChoice(now, 'cutoff15', 'month');
  const year = defaultChoice(now, 'cutoff15', 'year');
  const pastQuarter = { mode: 'cutoff15' as const, period: { kind: 'quarter' as const, year: 2026, index: 1 } };
  let lateCount = 0;
  return {
    aggregateRows: await db.reportAggregates.count(),
    rebuildAggregatesMs: rebuildMs,
    periodReportMs: {
      'current month (aggregates + open dossiers)': await ms(() => periodNumbers(db, month, now)),
      'current year': await ms(() => periodNumbers(db, year, now)),
      'past quarter (aggregates only)': await ms(() => periodNumbers(db, pastQuarter, now)),
      'current month from every dossier (read all + domain)': await ms(async () =>
        bieu06(await statesForReport(db, choiceRange(month), now), choiceRange(month), { asOf: now }),
      ),
      budget: 500,
    },
    lateTabMs: {
      'counts and groups (kept per-day counts + due today/next working day)': await ms(() => lateSummary(db, now, cal)),
      'first page of the list (200, most overdue first)': await ms(() => lateListPage(db, now, cal, {})),
      'reading every late dossier (before)': await ms(async () => {
        lateCount = (await lateAndAtRisk(db, now, cal)).length;
      }),
      lateDossiers: lateCount,
    },
    targetsTabMs: {
      'indicators of the month (aggregates + rated dossiers)': await ms(async () => {
        await periodNumbers(db, month, now);
        await ratedStates(db);
      }),
      'trend over 12 months': await ms(() => trend(db, 'month', 'cutoff15', now)),
    },
    ownSyncStatusMs: await ms(() => deviceStatus(db, 'bench')),
    listBudgetMs: 100,
  };
}
