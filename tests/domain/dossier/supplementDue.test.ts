import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { computeDue, dueAfterSupplement } from '../../../src/domain/calendar/dueDate';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { supplementReceivedDue } from '../../../src/domain/dossier/supplementDue';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived, T0 } from '../../support/builders';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const days = (amount: number) => ({ unit: 'workingDays', amount }) as const;

describe('supplementReceivedDue', () => {
  it('[DUE4] a dossier taken in incomplete starts its clock when the papers arrive', () => {
    const s = foldDossier([buildReceived({ outcome: 'incomplete', missing: ['Bản sao CCCD'], dueAt: null, clockStartAt: null })])!;
    const at = vnInstant(2026, 3, 4, 10, 0);
    const r = supplementReceivedDue(cal, s, at);
    const expected = computeDue(cal, { receivedAt: at, processing: days(3) });
    expect(r.ok && expected.ok && r.value.dueAt).toBe(expected.ok && expected.value.dueAt);
    expect(r.ok && r.value.clockStartAt).toBe(at);
  });

  it('[DUE4] a dossier under way follows its policy from the open round', () => {
    const requestedAt = vnInstant(2026, 3, 3, 9, 0);
    const at = vnInstant(2026, 3, 6, 9, 0);
    for (const policy of ['restart', 'pause'] as const) {
      const s = foldDossier([
        buildReceived({ supplementPolicy: policy }),
        buildEvent('supplementRequested', { missing: ['Bản sao CCCD'] }, { at: requestedAt }),
      ])!;
      const r = supplementReceivedDue(cal, s, at);
      const expected = dueAfterSupplement(cal, { policy, processing: days(3), clockStartAt: T0, dueAt: s.dueAt!, requestedAt, receivedAt: at });
      expect(r.ok && r.value.dueAt, policy).toBe(expected.ok && expected.value.dueAt);
    }
  });
});
