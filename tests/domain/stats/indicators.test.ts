import { describe, expect, it } from 'vitest';
import { bieu06 } from '../../../src/domain/stats/bieu06';
import { indicatorEstimates } from '../../../src/domain/stats/indicators';
import { satisfaction } from '../../../src/domain/stats/satisfaction';
import { periodRange } from '../../../src/domain/stats/periods';
import { DEFAULT_TARGETS } from '../../../src/domain/stats/targets';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierEvent, Channel, RatingLevel } from '../../../src/domain/dossier/events';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived } from '../../support/builders';

const MARCH = periodRange('month', 2026, 3, 'cutoff15'); // 15/2 – 14/3/2026
let n = 0;
type End = { type: 'resolved'; at: number } | { type: 'withdrawn'; at: number };
function dossier(o: { due: number; end?: End; rating?: RatingLevel; channel?: Channel; receivedAt?: number }) {
  const id = `000.00.06.H56-260302-${String(3000 + ++n)}`;
  const at = o.receivedAt ?? vnInstant(2026, 3, 2, 9);
  const events: DossierEvent[] = [buildReceived({ dueAt: o.due, clockStartAt: at, channel: o.channel ?? 1 }, { dossierId: id, at })];
  if (o.end)
    events.push(
      o.end.type === 'resolved'
        ? buildEvent('resolved', {}, { dossierId: id, at: o.end.at })
        : buildEvent('withdrawn', { reason: 'x' }, { dossierId: id, at: o.end.at }),
    );
  if (o.rating) events.push(buildEvent('rated', { level: o.rating }, { dossierId: id, at: vnInstant(2026, 3, 12, 9) }));
  return foldDossier(events)!;
}
const DUE = vnInstant(2026, 3, 5, 9);
const resolvedOn = (day: number): End => ({ type: 'resolved', at: vnInstant(2026, 3, day, 10) });

describe('[IND1][REP3][SAT2] estimates of the 766 index against the plan targets', () => {
  const states = [
    dossier({ due: DUE, end: resolvedOn(4), rating: 'dissatisfied' }), // early, but a negative rating
    dossier({ due: DUE, end: resolvedOn(5), rating: 'verySatisfied' }), // on time
    dossier({ due: DUE, end: resolvedOn(6), rating: 'satisfied' }), // late
    dossier({ due: DUE, end: resolvedOn(9), channel: 2 }), // late, online
    dossier({ due: vnInstant(2026, 3, 20, 9) }), // open, within time
    dossier({ due: vnInstant(2026, 3, 10, 9) }), // open, overdue
    dossier({ due: DUE, end: { type: 'withdrawn', at: vnInstant(2026, 3, 3, 9) }, rating: 'dissatisfied' }), // not judged
    dossier({ due: vnInstant(2026, 4, 20, 9), receivedAt: vnInstant(2026, 4, 2, 9), rating: 'dissatisfied' }), // next period
  ];
  const row = bieu06(states, MARCH).total;
  const sat = satisfaction(states, MARCH).overall;

  it('[IND1] hand-worked: 6 dossiers judged, 3 good, 3 late or overdue, 1 negative rating', () => {
    const e = indicatorEstimates(row, states, sat);
    expect(e.dossiersInPeriod).toBe(6);
    expect(e.onTimeRateEstimate).toEqual({ value: 0.5, target: 0.95, met: false });
    expect(e.earlyRateEstimate).toEqual({ value: 0.25, target: 0.85, met: false });
    expect(e.onlineShareEstimate).toEqual({ value: 1 / 7, target: null, met: null });
    expect(e.lateRateEstimate).toBe(0.5);
    expect(e.negativeRatingShareEstimate).toBe(1 / 6);
    expect(e.satisfactionIndexEstimate.value).toBeCloseTo(1 / 3);
    expect(e.satisfactionIndexEstimate.met).toBe(false);
    // ratings given in the period: dissatisfied ×2 (one on the withdrawn dossier), very satisfied, satisfied
    expect(e.satisfactionRate).toEqual({ value: 0.5, target: 0.9, met: false });
  });

  it('[REP3][SAT2] targets are configurable; a value equal to its target meets it', () => {
    const e = indicatorEstimates(row, states, sat, { onTimeRate: 0.5, earlyRate: 0.25, satisfactionRate: 0.3 });
    expect([e.onTimeRateEstimate.met, e.earlyRateEstimate.met, e.satisfactionRate.met, e.satisfactionIndexEstimate.met]).toEqual([true, true, true, true]);
    expect(DEFAULT_TARGETS).toEqual({ onTimeRate: 0.95, earlyRate: 0.85, satisfactionRate: 0.9 });
  });

  it('[IND1] all early and no complaint: 100 %, targets met', () => {
    const good = [dossier({ due: DUE, end: resolvedOn(3), rating: 'satisfied' }), dossier({ due: DUE, end: resolvedOn(4) })];
    const e = indicatorEstimates(bieu06(good, MARCH).total, good, satisfaction(good, MARCH).overall);
    expect([e.onTimeRateEstimate.value, e.earlyRateEstimate.value, e.satisfactionIndexEstimate.value, e.satisfactionRate.value]).toEqual([1, 1, 1, 1]);
    expect([e.onTimeRateEstimate.met, e.earlyRateEstimate.met, e.satisfactionIndexEstimate.met]).toEqual([true, true, true]);
  });

  it('[IND1] an empty period has no rates rather than 0 % or 100 %', () => {
    const e = indicatorEstimates(bieu06([], MARCH).total, [], satisfaction([], MARCH).overall);
    expect([e.onTimeRateEstimate, e.earlyRateEstimate, e.satisfactionIndexEstimate].map((m) => m.value)).toEqual([null, null, null]);
    expect(e.onTimeRateEstimate.met).toBeNull();
  });
});
