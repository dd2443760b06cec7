import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { rebuildOpenDays } from '../../../src/app/db/openDays';
import { toRow } from '../../../src/app/db/projection';
import { openDb } from '../../../src/app/db/schema';
import { groupLate, lateAndAtRisk, filterLate } from './lateReference';
import { LATE_LIST_PAGE, lateListPage, lateSummary } from '../../../src/app/supervisor/lateSummary';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierState } from '../../../src/domain/dossier/state';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { randomHistories } from './fixtures';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);

describe('[TIM2] the late list from kept counts', () => {
  it('gives the counts and groups of reading every late dossier, and its first page in the same order', async () => {
    const histories = randomHistories(5, 600, vnInstant(2026, 1, 5, 8), 120);
    for (const now of [vnInstant(2026, 3, 6, 10), vnInstant(2026, 3, 6, 16, 30), vnInstant(2026, 4, 29, 9)]) {
      const states = histories.flatMap((h) => foldDossier(h.events.filter((e) => e.at <= now)) ?? []) as DossierState[];
      const db = openDb(`late-${Math.random()}`);
      await db.dossiers.bulkPut(states.map(toRow));
      await db.transaction('rw', db.openDays, () => rebuildOpenDays(db.openDays, states));
      const all = await lateAndAtRisk(db, now, cal);
      const got = await lateSummary(db, now, cal);
      expect(all.length).toBeGreaterThan(10);
      expect(got.counts.all).toBe(all.length);
      for (const c of ['overdue', 'dueToday', 'dueNextWorkingDay'] as const) expect(got.counts[c]).toBe(all.filter((i) => i.category === c).length);
      expect(got.byField).toEqual(groupLate(all, 'field'));
      expect(got.byOfficer).toEqual(groupLate(all, 'officer'));
      const field = all[0]?.state.fieldCode ?? '';
      expect((await lateListPage(db, now, cal, { fieldCode: field }, 25)).map((i) => i.state.id)).toEqual(
        filterLate(all, { fieldCode: field })
          .slice(0, 25)
          .map((i) => i.state.id),
      );
      expect((await lateListPage(db, now, cal, {})).length).toBe(Math.min(LATE_LIST_PAGE, all.length));
      await db.delete();
    }
  });
});
