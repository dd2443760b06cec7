import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { rebuildAggregates } from '../../../src/app/db/aggregates';
import { toRow } from '../../../src/app/db/projection';
import { openDb } from '../../../src/app/db/schema';
import { defaultChoice } from '../../../src/app/supervisor/periodChoice';
import { periodNumbers } from '../../../src/app/supervisor/periodNumbers';
import { ratedStates } from '../../../src/app/supervisor/reportData';
import { trend } from '../../../src/app/supervisor/trend';
import { trendOverEveryDossier } from './trendReference';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierState } from '../../../src/domain/dossier/state';
import { bieu06 } from '../../../src/domain/stats/bieu06';
import { indicatorEstimates, indicatorEstimatesFromNumbers } from '../../../src/domain/stats/indicators';
import { rangeOf, type PeriodMode } from '../../../src/domain/stats/periods';
import { satisfaction } from '../../../src/domain/stats/satisfaction';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { randomHistories } from './fixtures';

describe('[IND1][SAT1] the targets tab reads the aggregates and the rated dossiers only', () => {
  it('and gets the estimates and the 12-period trend of the domain over every dossier', async () => {
    const histories = randomHistories(23, 400, vnInstant(2025, 6, 1, 8), 300);
    const now = vnInstant(2026, 3, 20, 10);
    const states = histories.flatMap((h) => foldDossier(h.events.filter((e) => e.at <= now)) ?? []) as DossierState[];
    const db = openDb(`ind-${Math.random()}`);
    await db.dossiers.bulkPut(states.map(toRow));
    await db.transaction('rw', db.reportAggregates, () => rebuildAggregates(db.reportAggregates, states));
    const rated = await ratedStates(db);
    expect(rated.length).toBe(states.filter((s) => s.rating).length);
    expect(rated.length).toBeGreaterThan(20);
    for (const mode of ['cutoff15', 'calendar'] as PeriodMode[]) {
      const choice = defaultChoice(now, mode, 'quarter');
      const range = rangeOf(choice.period, mode);
      const full = bieu06(states, range, { asOf: now });
      const expected = indicatorEstimates(full.total, states, satisfaction(states, range).overall);
      const numbers = await periodNumbers(db, choice, now);
      expect(indicatorEstimatesFromNumbers(numbers.total, rated, range, { asOf: now }, satisfaction(rated, range).overall)).toEqual(expected);
      expect(await trend(db, 'month', mode, now)).toEqual(trendOverEveryDossier(states, 'month', mode, now));
    }
    await db.delete();
  });
});
