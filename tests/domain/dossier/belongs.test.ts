import { describe, expect, it } from 'vitest';
import { agencyOfCode, doesNotFitIntake, foreignDossierCode, planByIntake } from '../../../src/domain/dossier/belongs';
import { buildEvent, buildReceived, CODE, HOUR, T0 } from '../../support/builders';

describe('an event belongs to its commune and its dossier', () => {
  it('[SYNC3] the agency part of a dossier code is what comes before -YYMMDD-', () => {
    expect(agencyOfCode('000.00.06.H56-231027-0361')).toBe('000.00.06.H56');
    expect(agencyOfCode('H56-231027-12345')).toBe('H56');
    expect(agencyOfCode('no-code')).toBeNull();
    expect(agencyOfCode('')).toBeNull();
  });

  it('[SYNC3] a code of another agency, or without an agency part, is refused with a reason', () => {
    expect(foreignDossierCode('000.00.06.H56-231027-0361', '000.00.06.H56')).toBeNull();
    expect(foreignDossierCode('000.00.07.H56-231027-0361', '000.00.06.H56')).toMatch(/agency 000\.00\.07\.H56/);
    expect(foreignDossierCode('000.00.06.H5-231027-0361', '000.00.06.H56')).not.toBeNull();
    expect(foreignDossierCode('D1', '000.00.06.H56')).toMatch(/no agency part/);
  });

  it('[SYNC4] a rating dated before the intake, or naming another procedure, does not fit; at or after it does', () => {
    const intake = buildReceived({ procedureCode: '1.001193' }, { dossierId: CODE, at: T0 });
    const rating = (at: number, procedureCode?: string) =>
      buildEvent('rated', { level: 'satisfied', ...(procedureCode ? { procedureCode } : {}) }, { dossierId: CODE, at });
    expect(doesNotFitIntake(intake, rating(T0 - 1))).toMatch(/before the dossier was received/);
    expect(doesNotFitIntake(intake, rating(T0))).toBeNull();
    expect(doesNotFitIntake(intake, rating(T0 + HOUR, '1.001193'))).toBeNull();
    expect(doesNotFitIntake(intake, rating(T0 + HOUR, '2.000001'))).toMatch(/names procedure 2\.000001/);
  });

  it('[SYNC4] other actions dated before the intake are kept (the fold marks them beforeReceived), not refused', () => {
    const intake = buildReceived({}, { dossierId: CODE, at: T0 });
    expect(doesNotFitIntake(intake, buildEvent('transferred', { toUnit: 'Tư pháp' }, { dossierId: CODE, at: T0 - HOUR }))).toBeNull();
  });
});

describe('[SYNC4] planByIntake', () => {
  const intake = buildReceived({}, { dossierId: CODE, at: T0 });
  const rating = buildEvent('rated', { level: 'satisfied' }, { dossierId: CODE, at: T0 + HOUR });
  const early = buildEvent('rated', { level: 'satisfied' }, { dossierId: CODE, at: T0 - HOUR });

  it('holds actions on a dossier with no known intake; an intake in the same batch makes it known', () => {
    expect(planByIntake([rating], new Map())).toMatchObject({ store: [], hold: [rating] });
    expect(planByIntake([rating, intake], new Map())).toMatchObject({ store: [rating, intake], hold: [] });
    expect(planByIntake([rating], new Map([[CODE, intake]]))).toMatchObject({ store: [rating], hold: [] });
  });

  it('refuses an action that does not fit, in either order of arrival', () => {
    const alone = planByIntake([early], new Map([[CODE, intake]]));
    const together = planByIntake([early, intake], new Map());
    expect([...alone.refuse.keys()]).toEqual([early.id]);
    expect([...together.refuse.keys()]).toEqual([early.id]);
    expect(together.store).toEqual([intake]);
  });
});
