import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/app/db/schema';
import { applyPullPage } from '../../../src/app/sync/pull';
import { periodNumbers } from '../../../src/app/supervisor/periodNumbers';
import { statesForReport } from '../../../src/app/supervisor/reportData';
import { BIEU06_CELLS, bieu06, numbersOf, type Bieu06Row } from '../../../src/domain/stats/bieu06';
import { periodOf, periodRange, type PeriodKind, type PeriodMode } from '../../../src/domain/stats/periods';
import { vnDate } from '../../../src/domain/time/vnTime';
import { PROTOCOL_VERSION } from '../../../src/protocol';
import { DAY } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/server';
import { counterDevice, historiesFor, STATUS, storeInterleaved, upstreamClient } from './helpers';

const countsOf = (row: Bieu06Row) => Object.fromEntries(BIEU06_CELLS.map((c) => [c, row.ids[c].length]));

describe('[REP1] the same events give the same Biểu 06 on the tablet and upstream', () => {
  let server: TestServer;
  const now = Date.now();
  const db = openDb(`rep1-${Math.random().toString(36).slice(2)}`);

  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    const { transport, profile } = await counterDevice(server);
    // a long history (ended periods) and a recent one (the current period, in progress as of now)
    const histories = [
      ...historiesFor(21, 220, now - 400 * DAY, 330, 'xa-demo', profile.deviceId, now - 60_000),
      ...historiesFor(22, 120, now - 45 * DAY, 44, 'xa-demo', profile.deviceId, now - 60_000),
    ];
    expect(await storeInterleaved(server, 'xa-demo', histories)).toBeGreaterThan(600);
    // the tablet: the sync engine's pull step into its Dexie, from the real server
    let after = 0;
    for (;;) {
      const res = await transport.pull(profile.token, { protocolVersion: PROTOCOL_VERSION, after, limit: 500, status: STATUS });
      await applyPullPage(db, res);
      if (!res.hasMore || res.next <= after) break;
      after = res.next;
    }
  }, 120_000);
  afterAll(async () => {
    await db.delete();
    await server?.stop();
  });

  const today = vnDate(now);
  const cases: [PeriodKind, PeriodMode, number][] = [
    ['month', 'cutoff15', 0],
    ['month', 'cutoff15', 1],
    ['month', 'calendar', 0],
    ['month', 'calendar', 3],
    ['quarter', 'cutoff15', 0],
    ['quarter', 'calendar', 1],
    ['halfYear', 'cutoff15', 1],
    ['year', 'cutoff15', 0],
    ['year', 'calendar', 1],
  ];
  it.each(cases)('%s (%s), %i period(s) back: same cells per field and in total', async (kind, mode, back) => {
    const p = periodOf(today, kind, mode);
    const per = { month: 12, quarter: 4, halfYear: 2, year: 1 }[kind];
    const n = p.year * per + p.index - 1 - back;
    const period = { kind, year: Math.floor(n / per), index: (n % per) + 1 };
    const client = upstreamClient(server);
    const session = await client.signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
    const up = await client.report(session.token, { ...period, mode });

    const range = periodRange(kind, period.year, period.index, mode);
    expect(up.range).toEqual(range);
    const tablet = bieu06(await statesForReport(db, range, up.asOf), range, { asOf: up.asOf });
    expect(tablet.total.received.total, 'the period has dossiers').toBeGreaterThan(0);
    const [commune] = up.communes;
    expect(commune?.commune.id).toBe('xa-demo');
    expect(commune?.total).toEqual(countsOf(tablet.total));
    expect(up.total).toEqual(countsOf(tablet.total));
    expect(new Map(commune!.rows.map((r) => [r.fieldCode, r.counts]))).toEqual(new Map(tablet.rows.map((r) => [r.fieldCode, countsOf(r)])));
    expect(up.byField).toEqual(commune!.rows);
    for (const r of commune!.rows) expect(up.fields.find((f) => f.code === r.fieldCode)?.name, r.fieldCode).toBeTruthy();
    // and the tablet's report tab, which reads its own kept aggregates (Dexie), says the same
    const kept = await periodNumbers(db, { mode, period }, up.asOf);
    expect(kept.total).toEqual(numbersOf('', up.total));
    expect(kept.rows).toEqual(commune!.rows.map((r) => numbersOf(r.fieldCode, r.counts)));
  });
});
