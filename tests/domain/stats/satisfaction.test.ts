import { describe, expect, it } from 'vitest';
import { satisfaction } from '../../../src/domain/stats/satisfaction';
import { periodRange } from '../../../src/domain/stats/periods';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierEvent, RatingPayload } from '../../../src/domain/dossier/events';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived } from '../../support/builders';

const MARCH = periodRange('month', 2026, 3, 'cutoff15'); // 15/2 – 14/3/2026
let n = 0;
function rated(receivedBy: string, rating: RatingPayload | null, ratedAt = vnInstant(2026, 3, 3, 10), procedureCode = '1.001193') {
  const id = `000.00.06.H56-260302-${String(2000 + ++n)}`;
  const events: DossierEvent[] = [buildReceived({ procedureCode }, { dossierId: id, actorId: receivedBy, at: vnInstant(2026, 3, 2, 9) })];
  if (rating) events.push(buildEvent('rated', rating, { dossierId: id, actorId: 'kiosk-1', at: ratedAt }));
  return foldDossier(events)!;
}

describe('[SAT1] satisfaction per level, officer and procedure', () => {
  const states = [
    rated('officer-lan', { level: 'verySatisfied' }),
    rated('officer-lan', { level: 'satisfied' }),
    rated('officer-lan', { level: 'dissatisfied', officerId: 'officer-minh', reasons: ['waitedTooLong'] }), // the QR names Minh
    rated('officer-minh', { level: 'satisfied' }, vnInstant(2026, 3, 4, 10), '2.000815'),
    rated('officer-minh', { level: 'dissatisfied' }, vnInstant(2026, 3, 20, 10)), // after the period
    rated('officer-lan', null),
  ];

  it('[SAT1] counts and rate = (very satisfied + satisfied) ÷ rated, in the range', () => {
    const r = satisfaction(states, MARCH);
    expect(r.overall).toEqual({ counts: { verySatisfied: 1, satisfied: 2, dissatisfied: 1 }, rated: 4, rate: 0.75 });
    expect(satisfaction(states).overall.rate).toBe(3 / 5);
  });

  it('[SAT1] per officer: the officer on the rating, else the receiving officer', () => {
    const r = satisfaction(states, MARCH);
    expect([...r.byOfficer.keys()]).toEqual(['officer-lan', 'officer-minh']);
    expect(r.byOfficer.get('officer-lan')).toEqual({ counts: { verySatisfied: 1, satisfied: 1, dissatisfied: 0 }, rated: 2, rate: 1 });
    expect(r.byOfficer.get('officer-minh')?.rate).toBe(0.5);
  });

  it('[SAT1] per procedure', () => {
    const r = satisfaction(states, MARCH);
    expect(r.byProcedure.get('1.001193')?.rate).toBeCloseTo(2 / 3);
    expect(r.byProcedure.get('2.000815')).toEqual({ counts: { verySatisfied: 0, satisfied: 1, dissatisfied: 0 }, rated: 1, rate: 1 });
  });

  it('[SAT1] no rating: rate is null, not 0 or 100 %', () => {
    expect(satisfaction([rated('officer-lan', null)], MARCH).overall).toEqual({
      counts: { verySatisfied: 0, satisfied: 0, dissatisfied: 0 },
      rated: 0,
      rate: null,
    });
  });
});
