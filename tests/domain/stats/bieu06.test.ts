import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BIEU06_CELLS, bieu06, cellsOf, idsOf, type Bieu06Row } from '../../../src/domain/stats/bieu06';
import { periodRange } from '../../../src/domain/stats/periods';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierEvent, ReceivedPayload } from '../../../src/domain/dossier/events';
import type { DossierState } from '../../../src/domain/dossier/state';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived } from '../../support/builders';

// Month 3/2026 with the 15th cut-off: 15/2/2026 – 14/3/2026 (REP2)
const MARCH = periodRange('month', 2026, 3, 'cutoff15');
let n = 0;
const nextCode = () => `000.00.06.H56-260302-${String(1000 + ++n)}`;
type More = (id: string) => DossierEvent[];

function dossier(receivedAt: number, dueAt: number | null, more: More = () => [], o: Partial<ReceivedPayload> = {}): DossierState {
  const id = nextCode();
  return foldDossier([buildReceived({ dueAt, clockStartAt: dueAt === null ? null : receivedAt, ...o }, { dossierId: id, at: receivedAt }), ...more(id)])!;
}
const ended =
  (type: 'resolved' | 'resultReturned', at: number): More =>
  (id) => [buildEvent(type, {}, { dossierId: id, at })];
const endedWith =
  (type: 'withdrawn' | 'stopped', at: number): More =>
  (id) => [buildEvent(type, { reason: 'theo đề nghị của công dân' }, { dossierId: id, at })];

describe('[REP1] Biểu 06, hand-worked on month 3/2026 (15/2 – 14/3)', () => {
  // received Thu 12/2, before the cut-off; resolved on its due day 25/2: carried over, on time
  const carriedResolved = dossier(vnInstant(2026, 2, 12, 16), vnInstant(2026, 2, 25, 10), ended('resolved', vnInstant(2026, 2, 25, 15)));
  // received 10/2, due 10/3, still open at the end: carried over, overdue
  const carriedOpen = dossier(vnInstant(2026, 2, 10, 9), vnInstant(2026, 3, 10, 9));
  // resolved 4/2 (before the period), result returned 20/2: only in the returned column
  const endedBefore = dossier(vnInstant(2026, 2, 2, 9), vnInstant(2026, 2, 5, 9), (id) => [
    ...ended('resolved', vnInstant(2026, 2, 4, 9))(id),
    ...ended('resultReturned', vnInstant(2026, 2, 20, 9))(id),
  ]);
  const onDueDay = dossier(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), ended('resolved', vnInstant(2026, 3, 5, 16, 30)), { channel: 2 });
  const dayAfter = dossier(vnInstant(2026, 3, 2, 10), vnInstant(2026, 3, 5, 10), ended('resolved', vnInstant(2026, 3, 6, 8)), { channel: 3 });
  const rescheduled = dossier(vnInstant(2026, 3, 2, 14), vnInstant(2026, 3, 5, 14), (id) => [
    buildEvent(
      'apologyIssued',
      { number: '01/XL', reason: 'cần xác minh', newDueAt: vnInstant(2026, 3, 12, 9), signer: 'Chủ tịch UBND xã', channel: 'paper' },
      { dossierId: id, at: vnInstant(2026, 3, 3, 9) },
    ),
    buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 10, 9) }),
  ]);
  const withdrawn = dossier(vnInstant(2026, 3, 3, 9), vnInstant(2026, 3, 20, 9), endedWith('withdrawn', vnInstant(2026, 3, 4, 9)));
  const stopped = dossier(vnInstant(2026, 3, 3, 10), vnInstant(2026, 3, 20, 9), endedWith('stopped', vnInstant(2026, 3, 6, 9)));
  const secondSupplement = dossier(vnInstant(2026, 3, 3, 9), vnInstant(2026, 3, 9, 9), (id) => [
    buildEvent('supplementRequested', { missing: ['Bản vẽ'] }, { dossierId: id, at: vnInstant(2026, 3, 4, 9) }),
    buildEvent(
      'supplementReceived',
      { dueAt: vnInstant(2026, 3, 20, 9), clockStartAt: vnInstant(2026, 3, 5, 9), calendarVersion: 'v' },
      { dossierId: id, at: vnInstant(2026, 3, 5, 9) },
    ),
    buildEvent('supplementRequested', { missing: ['Giấy tờ đất'] }, { dossierId: id, at: vnInstant(2026, 3, 9, 9) }),
  ]);
  const earlyOutOfArea = dossier(
    vnInstant(2026, 3, 9, 9),
    vnInstant(2026, 3, 12, 9),
    (id) => [...ended('resolved', vnInstant(2026, 3, 10, 9))(id), ...ended('resultReturned', vnInstant(2026, 3, 11, 9))(id)],
    { fieldCode: 'CT', outOfArea: true },
  );
  // incomplete on 10/2, papers complete on 16/2: received in this period, not carried over
  const incompleteThenAccepted = dossier(
    vnInstant(2026, 2, 10, 9),
    null,
    (id) => [
      buildEvent(
        'supplementReceived',
        { dueAt: vnInstant(2026, 3, 20, 9), clockStartAt: vnInstant(2026, 2, 16, 9), calendarVersion: 'v' },
        { dossierId: id, at: vnInstant(2026, 2, 16, 9) },
      ),
    ],
    { outcome: 'incomplete', missing: ['Giấy chứng sinh'] },
  );
  const incompleteStill = dossier(vnInstant(2026, 3, 2, 9), null, () => [], { outcome: 'incomplete', missing: ['Tờ khai'] });
  const lastEvening = dossier(vnInstant(2026, 3, 14, 23, 30), vnInstant(2026, 3, 18, 9)); // 16:30 UTC, still 14/3 in Vietnam
  const nextPeriod = dossier(vnInstant(2026, 3, 15, 0, 30), vnInstant(2026, 3, 20, 9));
  const refused = dossier(vnInstant(2026, 3, 2, 9), null, () => [], { outcome: 'refused', refusalReason: 'không thuộc thẩm quyền' });

  const all = [
    carriedResolved,
    carriedOpen,
    endedBefore,
    onDueDay,
    dayAfter,
    rescheduled,
    withdrawn,
    stopped,
    secondSupplement,
    earlyOutOfArea,
    incompleteThenAccepted,
    incompleteStill,
    lastEvening,
    nextPeriod,
    refused,
  ];
  const report = bieu06(all, MARCH);

  it('[REP1][REP2] carried over across the cut-off', () => {
    expect(cellsOf(carriedResolved, MARCH)).toEqual(['received.carriedOver', 'resolved.onTime']);
    expect(cellsOf(carriedOpen, MARCH)).toEqual(['received.carriedOver', 'inProgress.overdue']);
    expect(cellsOf(endedBefore, MARCH)).toEqual(['returned']);
  });

  it('[LIF4] channel 2 (online) counts as online; 1 (in person) and 3 (public postal service) together', () => {
    expect(cellsOf(onDueDay, MARCH)).toContain('received.online');
    expect(cellsOf(dayAfter, MARCH)).toContain('received.inPersonOrPostal');
    expect(cellsOf(dayAfter, MARCH)).not.toContain('received.online');
  });

  it('[TIM1] resolved on its due day is on time, the day after is late, before is early', () => {
    expect(cellsOf(onDueDay, MARCH)).toEqual(['received.online', 'resolved.onTime']);
    expect(cellsOf(dayAfter, MARCH)).toEqual(['received.inPersonOrPostal', 'resolved.late']);
    expect(cellsOf(earlyOutOfArea, MARCH)).toEqual(['returned', 'received.inPersonOrPostal', 'outOfArea', 'resolved.early']);
  });

  it('[APO2] a rescheduled dossier resolved by its new date is still late', () => {
    expect(rescheduled.effectiveDueAt).toBe(vnInstant(2026, 3, 12, 9));
    expect(cellsOf(rescheduled, MARCH)).toEqual(['received.inPersonOrPostal', 'resolved.late']);
  });

  it('[LIF3] withdrawn and stopped count in their own columns, not as resolved', () => {
    expect(cellsOf(withdrawn, MARCH)).toEqual(['received.inPersonOrPostal', 'withdrawn']);
    expect(cellsOf(stopped, MARCH)).toEqual(['received.inPersonOrPostal', 'stopped']);
  });

  it('[DUE4][IND1] a dossier waiting for its second supplement is in progress, awaiting supplement, and late for Decision 766', () => {
    expect(cellsOf(secondSupplement, MARCH)).toEqual([
      'received.inPersonOrPostal',
      'inProgress.withinTime',
      'awaitingSupplement',
      'secondSupplement.inProgress',
    ]);
  });

  it('[LIF2] an incomplete intake counts when its papers are complete; refused and still-incomplete never do', () => {
    expect(cellsOf(incompleteThenAccepted, MARCH)).toEqual(['received.inPersonOrPostal', 'inProgress.withinTime']);
    expect(cellsOf(incompleteThenAccepted, periodRange('month', 2026, 2, 'cutoff15'))).toEqual([]);
    expect(cellsOf(incompleteStill, MARCH)).toEqual([]);
    expect(cellsOf(refused, MARCH)).toEqual([]);
  });

  it('[REP2] the range is in Vietnam dates: 23:30 on 14/3 is in, 00:30 on 15/3 is out', () => {
    expect(cellsOf(lastEvening, MARCH)).toEqual(['received.inPersonOrPostal', 'inProgress.withinTime']);
    expect(cellsOf(nextPeriod, MARCH)).toEqual([]);
  });

  it('[REP1] the table per field and the total row', () => {
    expect(report.rows.map((r) => r.fieldCode)).toEqual(['CT', 'HT']);
    const t = report.total;
    expect(t.received).toEqual({ total: 11, carriedOver: 2, newInPeriod: 9, online: 1, inPersonOrPostal: 8 });
    expect(t.resolved).toEqual({ total: 5, early: 1, onTime: 2, late: 2 });
    expect(t.inProgress).toEqual({ total: 4, withinTime: 3, overdue: 1 });
    expect([t.withdrawn, t.stopped, t.awaitingSupplement, t.outOfArea, t.returned]).toEqual([1, 1, 1, 1, 2]);
    expect(t.received.total).toBe(t.resolved.total + t.withdrawn + t.stopped + t.inProgress.total);
    const ct = report.rows[0]!;
    expect([ct.received.total, ct.resolved.early, ct.outOfArea, ct.returned]).toEqual([1, 1, 1, 1]);
  });

  it('[REP1] drill-down lists exactly the dossiers behind each number', () => {
    const t = report.total;
    expect(idsOf(t, 'resolved.late').sort()).toEqual([dayAfter.id, rescheduled.id].sort());
    expect(idsOf(t, 'received.carriedOver').sort()).toEqual([carriedResolved.id, carriedOpen.id].sort());
    expect(idsOf(t, 'received.total')).toHaveLength(t.received.total);
    const check = (row: Bieu06Row) => {
      expect(idsOf(row, 'resolved.total')).toHaveLength(row.resolved.total);
      expect(idsOf(row, 'inProgress.total')).toHaveLength(row.inProgress.total);
      expect(idsOf(row, 'received.new')).toHaveLength(row.received.newInPeriod);
      expect(idsOf(row, 'returned')).toHaveLength(row.returned);
    };
    check(t);
    report.rows.forEach(check);
    expect(idsOf(report.rows[0]!, 'resolved.late')).toEqual([]);
  });

  it('[TIM2][REP1] the current period is reported as of now: not yet due is within time', () => {
    const asOf = vnInstant(2026, 3, 8, 12);
    expect(cellsOf(carriedOpen, MARCH, { asOf })).toEqual(['received.carriedOver', 'inProgress.withinTime']);
    expect(bieu06([carriedOpen], MARCH, { asOf }).end).toBe(asOf);
    expect(bieu06([carriedOpen], MARCH).end).toBe(vnInstant(2026, 3, 15));
  });
});

describe('[REP1] property: received = resolved + withdrawn + stopped + in progress, and every id is behind its count', () => {
  it('[REP1] holds for random dossiers and periods', () => {
    const DAY = 86_400_000;
    const spec = fc.record({
      recvDay: fc.integer({ min: 0, max: 120 }),
      dueDays: fc.integer({ min: 1, max: 20 }),
      end: fc.option(fc.record({ kind: fc.constantFrom('resolved', 'resultReturned', 'withdrawn', 'stopped'), after: fc.integer({ min: 0, max: 40 }) }), {
        nil: undefined,
      }),
      channel: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
      fieldCode: fc.constantFrom('HT', 'CT', 'DD'),
    });
    fc.assert(
      fc.property(
        fc.array(spec, { maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('cutoff15', 'calendar') as fc.Arbitrary<'cutoff15' | 'calendar'>,
        (specs, month, mode) => {
          const states = specs.map((s, i) => {
            const id = `X-260101-${String(1000 + i)}`;
            const at = vnInstant(2026, 1, 1, 9) + s.recvDay * DAY;
            const events: DossierEvent[] = [
              buildReceived({ dueAt: at + s.dueDays * DAY, clockStartAt: at, channel: s.channel, fieldCode: s.fieldCode }, { dossierId: id, at }),
            ];
            if (s.end) {
              const endAt = at + s.end.after * DAY + 1;
              events.push(
                s.end.kind === 'resolved' || s.end.kind === 'resultReturned'
                  ? buildEvent(s.end.kind, {}, { dossierId: id, at: endAt })
                  : buildEvent(s.end.kind, { reason: 'x' }, { dossierId: id, at: endAt }),
              );
            }
            return foldDossier(events)!;
          });
          const report = bieu06(states, periodRange('month', 2026, month, mode));
          for (const row of [report.total, ...report.rows]) {
            expect(row.received.total).toBe(row.resolved.total + row.withdrawn + row.stopped + row.inProgress.total);
          }
          for (const c of BIEU06_CELLS) {
            expect(report.rows.reduce((sum, r) => sum + r.ids[c].length, 0)).toBe(report.total.ids[c].length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
