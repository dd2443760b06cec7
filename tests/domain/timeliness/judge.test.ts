/** The one judgement of overdue / at risk / within time (judge.ts) and the rules it carries. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierEvent, ReceivedPayload } from '../../../src/domain/dossier/events';
import { NATIONAL_STATUS_CODE, statusOfNationalCode, type DossierStatus } from '../../../src/domain/dossier/state';
import { checkAction } from '../../../src/domain/dossier/checkAction';
import { isOverdueAt, judgeOpen, runningDueAt, stateAt, supplementRequestsAt } from '../../../src/domain/timeliness/judge';
import { lateCategoryOf } from '../../../src/domain/timeliness/lateList';
import { openDaySlot } from '../../../src/domain/timeliness/openByDay';
import { apologyDeadline, checkApology } from '../../../src/domain/timeliness/apology';
import { bieu06, cellsOf, idsOf } from '../../../src/domain/stats/bieu06';
import { indicatorEstimates } from '../../../src/domain/stats/indicators';
import { satisfaction } from '../../../src/domain/stats/satisfaction';
import { periodRange } from '../../../src/domain/stats/periods';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { dossierEventSchema } from '../../../src/protocol/events';
import { kioskDossierSchema } from '../../../src/protocol/messages';
import { buildEvent, buildReceived, DAY, HOUR } from '../../support/builders';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const MARCH = periodRange('month', 2026, 3, 'cutoff15'); // 15/2 – 14/3/2026
const RECEIVED = vnInstant(2026, 3, 2, 9); // Mon 2/3
const DUE = vnInstant(2026, 3, 5, 9); // Thu 5/3
let n = 0;
const nextCode = () => `000.00.06.H56-260302-${String(3000 + ++n)}`;

function history(more: (id: string) => DossierEvent[], o: Partial<ReceivedPayload> = {}) {
  const id = nextCode();
  return foldDossier([buildReceived({ dueAt: DUE, clockStartAt: RECEIVED, ...o }, { dossierId: id, at: RECEIVED }), ...more(id)])!;
}
const ask = (at: number) => (id: string) => [buildEvent('supplementRequested', { missing: ['Bản sao giấy chứng sinh'] }, { dossierId: id, at })];

describe('[DUE4] while the citizen owes papers the clock does not run against the agency', () => {
  for (const policy of ['pause', 'restart'] as const) {
    it(`[DUE4] ${policy}: asked before the due date, still waiting long after it: "chờ bổ sung", never overdue`, () => {
      const s = history(ask(vnInstant(2026, 3, 4, 10)), { supplementPolicy: policy });
      const now = vnInstant(2026, 3, 12, 10);
      expect(judgeOpen(s, now, cal)).toEqual({
        kind: 'awaitingSupplement',
        dueAt: null,
        rescheduledTo: null,
        supplementRequestedAt: vnInstant(2026, 3, 4, 10),
      });
      expect(isOverdueAt(s, now)).toBe(false);
      expect(lateCategoryOf(s, now, cal)).toBeNull();
      expect(openDaySlot(s)).toBeNull();
      expect(runningDueAt(s)).toBeNull();
      expect(cellsOf(s, MARCH)).toEqual(['received.inPersonOrPostal', 'inProgress.withinTime', 'awaitingSupplement']);
    });
  }

  it('[DUE4] pause: asked only after the due date had passed, the dossier stays overdue while it waits', () => {
    const s = history(ask(vnInstant(2026, 3, 6, 10)), { supplementPolicy: 'pause' });
    expect(judgeOpen(s, vnInstant(2026, 3, 10, 10), cal)?.kind).toBe('overdue');
    expect(cellsOf(s, MARCH)).toContain('inProgress.overdue');
  });

  it('[DUE4] restart: no running due date until the papers are complete, whenever it was asked', () => {
    const s = history(ask(vnInstant(2026, 3, 6, 10)), { supplementPolicy: 'restart' });
    expect(judgeOpen(s, vnInstant(2026, 3, 10, 10), cal)?.kind).toBe('awaitingSupplement');
  });

  it('[DUE4] once the papers are back, the new due date runs again', () => {
    const s = history(
      (id) => [
        ...ask(vnInstant(2026, 3, 4, 10))(id),
        buildEvent(
          'supplementReceived',
          { dueAt: vnInstant(2026, 3, 9, 9), clockStartAt: RECEIVED, calendarVersion: 'v' },
          { dossierId: id, at: vnInstant(2026, 3, 6, 9) },
        ),
      ],
      { supplementPolicy: 'pause' },
    );
    expect(judgeOpen(s, vnInstant(2026, 3, 10, 9), cal)?.kind).toBe('overdue');
    expect(judgeOpen(s, vnInstant(2026, 3, 5, 16), cal)?.kind).toBe('awaitingSupplement'); // as it stood then
  });

  it('[DUE4] property: a dossier asked for papers before its due date is never overdue while it waits, in lists, badges or Biểu 06', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pause' as const, 'restart' as const),
        fc.integer({ min: 1, max: 3 * 24 - 1 }), // request: hours after intake, before the due date
        fc.integer({ min: 0, max: 60 * 24 }), // judged: hours after the request
        (policy, askH, laterH) => {
          const askAt = RECEIVED + askH * HOUR;
          const s = history(ask(askAt), { supplementPolicy: policy });
          const now = askAt + laterH * HOUR;
          const j = judgeOpen(s, now, cal);
          return (
            j?.kind === 'awaitingSupplement' &&
            !isOverdueAt(s, now) &&
            lateCategoryOf(s, now, cal) === null &&
            !cellsOf(s, { from: '2026-03-01', to: '2026-12-31' }, { asOf: now }).includes('inProgress.overdue')
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('[DUE4][IND1] Decision 766 counts a second supplement request as late', () => {
  const twice = history(
    (id) => [
      ...ask(vnInstant(2026, 3, 3, 9))(id),
      buildEvent(
        'supplementReceived',
        { dueAt: vnInstant(2026, 3, 6, 9), clockStartAt: RECEIVED, calendarVersion: 'v' },
        { dossierId: id, at: vnInstant(2026, 3, 4, 9) },
      ),
      ...ask(vnInstant(2026, 3, 4, 15))(id),
      buildEvent(
        'supplementReceived',
        { dueAt: vnInstant(2026, 3, 9, 9), clockStartAt: RECEIVED, calendarVersion: 'v' },
        { dossierId: id, at: vnInstant(2026, 3, 5, 9) },
      ),
      buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 6, 9) }),
    ],
    { supplementPolicy: 'pause' },
  );
  const once = history((id) => [
    ...ask(vnInstant(2026, 3, 3, 9))(id),
    buildEvent(
      'supplementReceived',
      { dueAt: vnInstant(2026, 3, 6, 9), clockStartAt: RECEIVED, calendarVersion: 'v' },
      { dossierId: id, at: vnInstant(2026, 3, 4, 9) },
    ),
    buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 5, 9) }),
  ]);
  const incompleteThenOnce = history(
    (id) => [
      buildEvent(
        'supplementReceived',
        { dueAt: vnInstant(2026, 3, 9, 9), clockStartAt: vnInstant(2026, 3, 3, 9), calendarVersion: 'v' },
        { dossierId: id, at: vnInstant(2026, 3, 3, 9) },
      ),
      ...ask(vnInstant(2026, 3, 4, 9))(id),
    ],
    { outcome: 'incomplete', missing: ['Tờ khai'], dueAt: null, clockStartAt: null },
  );

  it('[DUE4][IND1] Biểu 06 counts by dates (early), the 766 estimate counts it late, and the supervisor can list it', () => {
    expect(supplementRequestsAt(twice, Infinity)).toBe(2);
    expect(supplementRequestsAt(incompleteThenOnce, Infinity)).toBe(1); // the intake's list is not a request during processing
    const report = bieu06([twice, once, incompleteThenOnce], MARCH);
    expect(idsOf(report.total, 'resolved.early').sort()).toEqual([twice.id, once.id].sort());
    expect(idsOf(report.total, 'secondSupplement.total')).toEqual([twice.id]);
    const est = indicatorEstimates(report.total, [twice, once, incompleteThenOnce], satisfaction([], MARCH).overall);
    expect(est.lateBySecondSupplement).toBe(1);
    // 3 dossiers in the period: `once` resolved early, `incompleteThenOnce` in progress within time, `twice` late for 766
    expect(est.onTimeRateEstimate.value).toBeCloseTo(2 / 3);
    expect(est.lateRateEstimate).toBeCloseTo(1 / 3);
  });
});

describe('[TIM2][APO2] one judgement: legal date for statistics, the rescheduled date said beside it', () => {
  const apology = (id: string, at: number, newDueAt: number) => [
    buildEvent('apologyIssued', { number: '02/XL', reason: 'Chờ xác minh', newDueAt, signer: 'Chủ tịch UBND xã', channel: 'paper' }, { dossierId: id, at }),
  ];
  it('[APO2] rescheduled to 12/3 and past the legal date: overdue, "đã hẹn lại 12/3"; Biểu 06 and the late list agree', () => {
    const s = history((id) => apology(id, vnInstant(2026, 3, 4, 9), vnInstant(2026, 3, 12, 9)));
    const now = vnInstant(2026, 3, 6, 10);
    expect(judgeOpen(s, now, cal)).toEqual({ kind: 'overdue', dueAt: DUE, rescheduledTo: vnInstant(2026, 3, 12, 9), supplementRequestedAt: null });
    expect(lateCategoryOf(s, now, cal)).toBe('overdue');
    expect(cellsOf(s, MARCH, { asOf: now })).toContain('inProgress.overdue');
  });

  it('[TIM2] at risk and within time come from the same function', () => {
    const s = history(() => []);
    expect(judgeOpen(s, vnInstant(2026, 3, 2, 10), cal)?.kind).toBe('withinTime');
    expect(judgeOpen(s, vnInstant(2026, 3, 4, 10), cal)?.kind).toBe('atRisk');
    expect(lateCategoryOf(s, vnInstant(2026, 3, 4, 10), cal)).toBe('dueNextWorkingDay');
    expect(judgeOpen(s, DUE, cal)?.kind).toBe('atRisk'); // due at this very moment: not past it yet
    expect(judgeOpen(s, DUE + 1, cal)?.kind).toBe('overdue');
  });

  it('[REP1a][TIM2] judged at a moment, later events do not count', () => {
    const s = history((id) => [buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 9, 9) })]);
    expect(judgeOpen(s, vnInstant(2026, 3, 6, 9), cal)?.kind).toBe('overdue');
    expect(judgeOpen(s, vnInstant(2026, 3, 9, 10), cal)).toBeNull();
    expect(stateAt(s, vnInstant(2026, 3, 6, 9))).toMatchObject({ endedAt: null, resolvedAt: null });
    expect(stateAt(s, vnInstant(2026, 3, 10, 9))).toMatchObject({ status: 'resolved', endedAt: vnInstant(2026, 3, 9, 9) });
  });
});

describe('[APO1] the apology deadline is a working day', () => {
  const dueMonday = history(() => [], { dueAt: vnInstant(2026, 3, 9, 9) }); // the day before is Sunday 8/3
  const payload = { number: '03/XL', reason: 'Chờ xác minh', newDueAt: vnInstant(2026, 3, 16, 9), signer: 'Chủ tịch UBND xã', channel: 'paper' as const };
  const warning = (at: number) => {
    const r = checkApology(dueMonday, payload, at, cal);
    return r.ok ? (r.value.warnings[0] ?? 'ok') : r.error.code;
  };

  it('[APO1] due Monday: the deadline is Friday, not Sunday; shown and checked alike', () => {
    expect(apologyDeadline(dueMonday, cal)).toBe('2026-03-06');
    expect(warning(vnInstant(2026, 3, 6, 16))).toBe('ok');
    expect(warning(vnInstant(2026, 3, 7, 9))).toBe('apology.tooLate');
  });

  it('[APO1] after a holiday run: due Monday 27/4/2026 (Giỗ Tổ observed on it? no: 27/4 is off) is checked from the working calendar', () => {
    // due Tuesday 28/4: the day before (Mon 27/4, Giỗ Tổ observed) is off, so is the weekend: Friday 24/4
    const s = history(() => [], { dueAt: vnInstant(2026, 4, 28, 9) });
    expect(apologyDeadline(s, cal)).toBe('2026-04-24');
  });

  it('[APO1] a province that reads it as a calendar day can say so', () => {
    expect(apologyDeadline(dueMonday, cal, 'calendarDay')).toBe('2026-03-08');
  });
});

describe('[LIF1] status 1, registered online or by post before reception', () => {
  const registered = (id: string, at: number) =>
    buildEvent(
      'registered',
      {
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        fieldCode: 'HT',
        channel: 2,
        applicant: { name: 'Trần Văn Bình', idType: 'cccd' },
      },
      { dossierId: id, at },
    );

  it('[LIF1] a registered dossier has status 1, counts in no report, and its reception makes it status 2', () => {
    const id = nextCode();
    const s = foldDossier([registered(id, vnInstant(2026, 3, 1, 20))])!;
    expect(s.status).toBe('registered');
    expect(NATIONAL_STATUS_CODE[s.status]).toBe(1);
    expect(cellsOf(s, MARCH)).toEqual([]);
    expect(judgeOpen(s, vnInstant(2026, 3, 10), cal)).toBeNull();
    const r = foldDossier([
      registered(id, vnInstant(2026, 3, 1, 20)),
      buildReceived({ channel: 2, dueAt: DUE, clockStartAt: RECEIVED }, { dossierId: id, at: RECEIVED }),
    ])!;
    expect(r).toMatchObject({ status: 'received', registeredAt: vnInstant(2026, 3, 1, 20), receivedAt: RECEIVED, dueAt: DUE, conflicts: [] });
    expect(NATIONAL_STATUS_CODE[r.status]).toBe(2);
    expect(cellsOf(r, MARCH)).toEqual(['received.online', 'inProgress.overdue']);
  });

  it('[LIF1] the counter may receive a registered code, not take a received one twice; a second registration conflicts', () => {
    const id = nextCode();
    const reg = foldDossier([registered(id, RECEIVED - DAY)])!;
    expect(checkAction(reg, buildReceived({}, { dossierId: id, at: RECEIVED }), cal).ok).toBe(true);
    const received = foldDossier([buildReceived({}, { dossierId: id, at: RECEIVED })])!;
    expect(checkAction(received, registered(id, RECEIVED + HOUR), cal).ok).toBe(false);
    expect(foldDossier([buildReceived({}, { dossierId: id, at: RECEIVED }), registered(id, RECEIVED + HOUR)])!.conflicts.map((c) => c.reason)).toEqual([
      'duplicateReceived',
    ]);
  });

  it('[LIF1] the wire code table: every status one code 1–10, each code one status, both ways; the protocol knows them all', () => {
    const table: Record<number, DossierStatus> = {
      1: 'registered',
      2: 'received',
      3: 'refused',
      4: 'processing',
      5: 'supplementRequested',
      6: 'awaitingFinancial',
      7: 'withdrawn',
      8: 'stopped',
      9: 'resolved',
      10: 'returned',
    };
    for (let c = 1; c <= 10; c++) {
      expect(statusOfNationalCode(c)).toBe(table[c]);
      expect(NATIONAL_STATUS_CODE[table[c]!]).toBe(c);
    }
    expect(statusOfNationalCode(0)).toBeNull();
    expect(statusOfNationalCode(11)).toBeNull();
    expect(Object.keys(NATIONAL_STATUS_CODE).sort()).toEqual(Object.values(table).sort());
    for (const status of Object.values(table)) {
      expect(
        kioskDossierSchema.safeParse({
          code: 'x',
          procedureCode: 'p',
          procedureName: 'n',
          officerId: 'o',
          status,
          receivedAt: RECEIVED,
          dueAt: null,
          effectiveDueAt: null,
          rated: false,
        }).success,
        status,
      ).toBe(true);
    }
    expect(dossierEventSchema.safeParse(registered(nextCode(), RECEIVED)).success).toBe(true);
  });
});
