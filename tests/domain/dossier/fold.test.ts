import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareEvents, foldAll, foldDossier, foldOnto } from '../../../src/domain/dossier/fold';
import { TRANSITIONS, allowedActions, NEXT_STATUS } from '../../../src/domain/dossier/transitions';
import { NATIONAL_STATUS_CODE, type DossierStatus } from '../../../src/domain/dossier/state';
import { EVENT_TYPES, type DossierEvent, type EventPayloads, type EventType } from '../../../src/domain/dossier/events';
import { buildAnyEvent, buildEvent, buildReceived, CODE, DAY, digitisedFile, HOUR, T0 } from '../../support/builders';
import { vnInstant } from '../../../src/domain/time/vnTime';

const samplePayload: { [T in EventType]: EventPayloads[T] } = {
  received: buildReceived().payload,
  transferred: { toUnit: 'Công chức Tư pháp - Hộ tịch' },
  supplementRequested: { missing: ['Bản sao CCCD'] },
  supplementReceived: { dueAt: T0 + 10 * DAY, clockStartAt: T0 + DAY, calendarVersion: 'vn-2026.1' },
  awaitingFinancial: {},
  resolved: {},
  resultReturned: {},
  withdrawn: { reason: 'Công dân rút hồ sơ' },
  stopped: { reason: 'Công dân đề nghị dừng' },
  apologyIssued: { number: '01/XL', reason: 'Chờ xác minh', newDueAt: T0 + 12 * DAY, signer: 'Chủ tịch UBND xã', channel: 'paper' },
  rated: { level: 'satisfied' },
  registered: { procedureCode: 'HT-01', procedureName: 'Đăng ký khai sinh', fieldCode: 'HT', channel: 2, applicant: { name: 'Nguyễn Văn An', idType: 'cccd' } },
  papersDigitised: { stage: 'intake', files: [digitisedFile('p1')] },
  resultDigitised: { files: [digitisedFile('ketQua', { seed: 2 })] },
};

/** Events that bring a fresh dossier into each status. */
const pathTo: Record<DossierStatus, EventType[]> = {
  registered: [],
  received: [],
  processing: ['transferred'],
  awaitingFinancial: ['awaitingFinancial'],
  supplementRequested: ['supplementRequested'],
  resolved: ['resolved'],
  returned: ['resolved', 'resultReturned'],
  withdrawn: ['withdrawn'],
  stopped: ['stopped'],
  refused: [],
};

function dossierIn(status: DossierStatus): DossierEvent[] {
  if (status === 'registered') return [buildAnyEvent('registered', samplePayload.registered, { at: T0 })];
  const intake =
    status === 'refused' ? buildReceived({ outcome: 'refused', refusalReason: 'Không thuộc thẩm quyền', dueAt: null, clockStartAt: null }) : buildReceived();
  return [intake, ...pathTo[status].map((type, i) => buildAnyEvent(type, samplePayload[type], { at: T0 + (i + 1) * HOUR }))];
}

describe('[LIF1] the transition table, row by row', () => {
  for (const status of Object.keys(TRANSITIONS) as DossierStatus[]) {
    for (const type of EVENT_TYPES) {
      const allowed = (TRANSITIONS[status] as readonly EventType[]).includes(type);
      it(`${status} + ${type}: ${allowed ? 'applies' : 'conflict'}`, () => {
        const events = dossierIn(status);
        expect(foldDossier(events)?.status).toBe(status);
        const e = buildAnyEvent(type, samplePayload[type], { at: T0 + 5 * HOUR });
        const s = foldDossier([...events, e])!;
        if (allowed && (type !== 'received' || status === 'registered')) {
          expect(s.conflicts).toEqual([]);
          expect(s.status).toBe(type === 'received' ? 'received' : (NEXT_STATUS[type] ?? status));
        } else {
          expect(s.conflicts.map((c) => c.eventId)).toEqual([e.id]);
          expect(s.status).toBe(status);
        }
      });
    }
  }

  it('[LIF1] every status has its national code 1–10', () => {
    expect(Object.values(NATIONAL_STATUS_CODE).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('[LIF2] intake outcomes', () => {
  it('[LIF2] accepted: received with its due date', () => {
    const s = foldDossier([buildReceived()])!;
    expect(s).toMatchObject({ status: 'received', code: CODE, dueAt: vnInstant(2026, 3, 5, 9, 0), effectiveDueAt: vnInstant(2026, 3, 5, 9, 0), endedAt: null });
  });

  it('[LIF2] refused: terminal with no due date', () => {
    const s = foldDossier([buildReceived({ outcome: 'refused', refusalReason: 'x', dueAt: null, clockStartAt: null })])!;
    expect(s).toMatchObject({ status: 'refused', dueAt: null, endedAt: T0 });
  });

  it('[LIF2][DUE4] incomplete: waits for papers, then is received with the clock started', () => {
    const intake = buildReceived({ outcome: 'incomplete', missing: ['Giấy chứng sinh'], dueAt: null, clockStartAt: null });
    expect(foldDossier([intake])).toMatchObject({ status: 'supplementRequested', dueAt: null });
    const back = buildEvent('supplementReceived', { dueAt: T0 + 5 * DAY, clockStartAt: T0 + 2 * DAY, calendarVersion: 'vn-2026.1' }, { at: T0 + 2 * DAY });
    const s = foldDossier([intake, back])!;
    expect(s).toMatchObject({ status: 'received', dueAt: T0 + 5 * DAY, clockStartAt: T0 + 2 * DAY });
    expect(s.supplements).toEqual([{ requestedAt: T0, missing: ['Giấy chứng sinh'], receivedAt: T0 + 2 * DAY, dueAtBefore: null, dueAtAfter: s.dueAt }]);
  });
});

describe('[DUE4][APO2] supplements and reschedules', () => {
  it('[DUE4] a supplement round keeps both timestamps and takes the recomputed due date', () => {
    const events = [
      buildReceived(),
      buildEvent('supplementRequested', { missing: ['A'] }, { at: T0 + DAY }),
      buildEvent('supplementReceived', { dueAt: T0 + 9 * DAY, clockStartAt: T0, calendarVersion: 'v' }, { at: T0 + 3 * DAY }),
    ];
    const s = foldDossier(events)!;
    expect(s.status).toBe('processing');
    expect(s.supplements).toEqual([
      { requestedAt: T0 + DAY, missing: ['A'], receivedAt: T0 + 3 * DAY, dueAtBefore: vnInstant(2026, 3, 5, 9, 0), dueAtAfter: T0 + 9 * DAY },
    ]);
    expect(s.dueAt).toBe(T0 + 9 * DAY);
  });

  it('[APO2] the apology date becomes the effective due date, the legal one stays; a second reschedule is a conflict', () => {
    const first = buildEvent('apologyIssued', samplePayload.apologyIssued, { at: T0 + HOUR });
    const second = buildEvent('apologyIssued', { ...samplePayload.apologyIssued, newDueAt: T0 + 20 * DAY }, { at: T0 + 2 * HOUR, deviceId: 'tablet-2' });
    const s = foldDossier([buildReceived(), first, second])!;
    expect(s.effectiveDueAt).toBe(T0 + 12 * DAY);
    expect(s.dueAt).toBe(vnInstant(2026, 3, 5, 9, 0));
    expect(s.conflicts).toEqual([{ eventId: second.id, type: 'apologyIssued', reason: 'secondReschedule', at: T0 + 2 * HOUR, deviceId: 'tablet-2' }]);
  });
});

describe('conflicts are kept, never thrown', () => {
  it('two devices returned the same dossier while offline: the second is a conflict', () => {
    const a = buildEvent('resultReturned', {}, { at: T0 + 3 * HOUR, deviceId: 'tablet-1' });
    const b = buildEvent('resultReturned', {}, { at: T0 + 4 * HOUR, deviceId: 'tablet-2' });
    const s = foldDossier([buildReceived(), buildEvent('resolved', {}, { at: T0 + HOUR }), b, a])!;
    expect(s.status).toBe('returned');
    expect(s.returnedAt).toBe(T0 + 3 * HOUR);
    expect(s.conflicts.map((c) => [c.eventId, c.reason])).toEqual([[b.id, 'notAllowedInStatus']]);
  });

  it('[SAT1] one rating per dossier: the second is a conflict', () => {
    const r1 = buildEvent('rated', { level: 'verySatisfied' }, { at: T0 + HOUR });
    const r2 = buildEvent('rated', { level: 'dissatisfied' }, { at: T0 + 2 * HOUR });
    const s = foldDossier([buildReceived(), r2, r1])!;
    expect(s.rating?.level).toBe('verySatisfied');
    expect(s.conflicts.map((c) => c.reason)).toEqual(['duplicateRating']);
  });

  it('a second intake of the same code and events before the intake are conflicts', () => {
    const early = buildEvent('rated', { level: 'satisfied' }, { at: T0 - HOUR });
    const dup = buildReceived({}, { at: T0 + HOUR, deviceId: 'tablet-2' });
    const s = foldDossier([dup, early, buildReceived()])!;
    expect(s.receivedDeviceId).toBe('tablet-1');
    expect(s.conflicts.map((c) => c.reason).sort()).toEqual(['beforeReceived', 'duplicateReceived']);
  });

  it('no intake yet (a kiosk rating that synced first): no state', () => {
    expect(foldDossier([buildEvent('rated', { level: 'satisfied' })])).toBeNull();
  });

  it('foldAll groups by dossier', () => {
    const other = buildReceived({}, { dossierId: '000.00.06.H56-260302-1002' });
    expect([...foldAll([buildReceived(), other]).keys()].sort()).toEqual([CODE, '000.00.06.H56-260302-1002']);
  });

  it('allowedActions hides a second rating and a second apology', () => {
    const s = foldDossier([
      buildReceived(),
      buildEvent('rated', { level: 'satisfied' }, { at: T0 + 1 }),
      buildEvent('apologyIssued', samplePayload.apologyIssued, { at: T0 + 2 }),
    ])!;
    expect(allowedActions(s)).not.toContain('rated');
    expect(allowedActions(s)).not.toContain('apologyIssued');
    expect(allowedActions(s)).toContain('resolved');
  });
});

describe('[DESIGN] the fold is order-independent (property)', () => {
  const eventArb = fc.record({
    type: fc.constantFrom(...EVENT_TYPES),
    offsetH: fc.integer({ min: -3, max: 200 }),
    device: fc.constantFrom('tablet-1', 'tablet-2', 'kiosk-1'),
  });

  it('same events in any order give the same state, and folding never throws', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 14 }), fc.boolean(), fc.infiniteStream(fc.nat()), (specs, withIntake, rnd) => {
        const events: DossierEvent[] = specs.map((s) => buildAnyEvent(s.type, samplePayload[s.type], { at: T0 + s.offsetH * HOUR, deviceId: s.device }));
        if (withIntake) events.push(buildReceived());
        events.push(...events.slice(0, 2)); // duplicates delivered twice
        const shuffled = [...events];
        const it = rnd[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(foldDossier(shuffled)).toEqual(foldDossier(events));
      }),
      { numRuns: 300 },
    );
  });
});

describe('[SYNC9] the fold continued from a stored state', () => {
  const eventArb = fc.record({
    type: fc.constantFrom(...EVENT_TYPES),
    offsetH: fc.integer({ min: -3, max: 200 }),
    device: fc.constantFrom('tablet-1', 'tablet-2', 'kiosk-1'),
  });

  it('[SYNC9] equals the fold of all events when the new ones sort after the last folded, and declines otherwise (property)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 14 }), fc.nat(), (specs, cut) => {
        const events: DossierEvent[] = [
          buildReceived(),
          ...specs.map((s) => buildAnyEvent(s.type, samplePayload[s.type], { at: T0 + s.offsetH * HOUR, deviceId: s.device })),
        ];
        const k = cut % (events.length + 1);
        const old = events.slice(0, k),
          fresh = events.slice(k);
        const stored = foldDossier(old);
        if (!stored) return;
        // the stored copy is what the database gives back: JSON
        const fromJson = JSON.parse(JSON.stringify(stored)) as typeof stored;
        const continued = foldOnto(fromJson, fresh);
        const last = { at: stored.lastEventAt, id: stored.lastEventId } as DossierEvent;
        const inOrder = fresh.every((e) => compareEvents(e, last) > 0);
        if (!inOrder) expect(continued).toBeNull();
        else expect(JSON.parse(JSON.stringify(continued))).toEqual(JSON.parse(JSON.stringify(foldDossier(events))));
        expect(fromJson).toEqual(JSON.parse(JSON.stringify(stored))); // the stored state is left as it was
      }),
      { numRuns: 500 },
    );
  });

  it('[SYNC9] a registered dossier continued with its reception is the same as the full fold', () => {
    const registered = buildAnyEvent('registered', samplePayload.registered, { at: T0 - DAY });
    const received = buildReceived();
    const stored = foldDossier([registered])!;
    expect(foldOnto(stored, [received])).toEqual(foldDossier([registered, received]));
  });
});
