import { describe, expect, it } from 'vitest';
import { portalShare } from '../../../src/domain/stats/portalShare';

describe('[CON16][IND1] the share synced to the national portal', () => {
  it('[CON16] is synced out of every dossier of the period, pending and refused included', () => {
    expect(portalShare({ synced: 7, pending: 1, refused: 1 })).toEqual({ basis: { part: 7, whole: 9 }, estimate: { value: 7 / 9, target: null, met: null } });
  });
  it('[CON16] has no value when the period has no dossier', () => {
    expect(portalShare({ synced: 0, pending: 0, refused: 0 }).estimate.value).toBeNull();
  });
});
