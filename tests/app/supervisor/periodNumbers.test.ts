import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { rebuildAggregates } from '../../../src/app/db/aggregates';
import { toRow } from '../../../src/app/db/projection';
import { openDb } from '../../../src/app/db/schema';
import { periodNumbers } from '../../../src/app/supervisor/periodNumbers';
import { defaultChoice } from '../../../src/app/supervisor/periodChoice';
import { bieu06, numbersOf, BIEU06_CELLS, type Bieu06Row } from '../../../src/domain/stats/bieu06';
import { rangeOf, type PeriodKind, type PeriodMode } from '../../../src/domain/stats/periods';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierState } from '../../../src/domain/dossier/state';
import { randomHistories } from './fixtures';

const numbers = (r: Bieu06Row) => numbersOf(r.fieldCode, Object.fromEntries(BIEU06_CELLS.map((c) => [c, r.ids[c].length])) as never);

describe('[REP1] the report tab reads the kept aggregates', () => {
  it('and gets the numbers of the domain over every dossier, for past and current periods, as of now', async () => {
    const histories = randomHistories(11, 300, vnInstant(2025, 12, 1, 8), 150);
    for (const now of [vnInstant(2026, 2, 20, 10), vnInstant(2026, 4, 14, 16), vnInstant(2026, 6, 1, 9)]) {
      // the device as of `now`: only the events recorded so far
      const states = histories.flatMap((h) => foldDossier(h.events.filter((e) => e.at <= now)) ?? []) as DossierState[];
      const db = openDb(`pn-${Math.random()}`);
      await db.dossiers.bulkPut(states.map(toRow));
      await db.transaction('rw', db.reportAggregates, () => rebuildAggregates(db.reportAggregates, states));
      for (const mode of ['cutoff15', 'calendar'] as PeriodMode[])
        for (const kind of ['month', 'quarter', 'year'] as PeriodKind[]) {
          const choice = defaultChoice(now, mode, kind);
          const got = await periodNumbers(db, choice, now);
          const expected = bieu06(states, rangeOf(choice.period, mode), { asOf: now });
          const label = `${mode} ${kind} as of ${new Date(now).toISOString()}`;
          expect(got.total, label).toEqual({ ...numbers(expected.total), fieldCode: '' });
          expect(got.rows, label).toEqual(expected.rows.map(numbers));
        }
      await db.delete();
    }
  });
});
