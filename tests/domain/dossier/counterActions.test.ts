import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { counterActions } from '../../../src/domain/dossier/transitions';
import { buildEvent, buildReceived, DAY, T0 } from '../../support/builders';

const apology = { number: '01/XL', reason: 'Chờ xác minh', newDueAt: T0 + 12 * DAY, signer: 'Chủ tịch UBND xã', channel: 'paper' } as const;

describe('counterActions', () => {
  it('[LIF1] offers what the status allows, never intake or rating', () => {
    const s = foldDossier([buildReceived()])!;
    const offers = counterActions(s);
    expect(offers.map((o) => o.type)).toEqual(['transferred', 'supplementRequested', 'awaitingFinancial', 'resolved', 'withdrawn', 'stopped', 'apologyIssued']);
    expect(offers.every((o) => o.blockedBy === null)).toBe(true);
  });

  it('[APO2] after one apology the reschedule is still shown, disabled with the rule that forbids it', () => {
    const s = foldDossier([buildReceived(), buildEvent('apologyIssued', apology, { at: T0 + DAY })])!;
    const offer = counterActions(s).find((o) => o.type === 'apologyIssued');
    expect(offer).toEqual({ type: 'apologyIssued', blockedBy: 'apology.secondReschedule' });
    expect(counterActions(s).filter((o) => o.blockedBy !== null)).toHaveLength(1);
  });

  it('[LIF3] a returned dossier offers nothing at the counter', () => {
    const s = foldDossier([buildReceived(), buildEvent('resolved', {}, { at: T0 + DAY }), buildEvent('resultReturned', {}, { at: T0 + 2 * DAY })])!;
    expect(counterActions(s)).toEqual([]);
  });
});
