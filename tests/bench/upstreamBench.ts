/**
 * Upstream report speed (issue 5): BENCH_UPSTREAM_EVENTS events (default 1,000,000) over 100
 * communes, then the upstream report over HTTP for a supervisor of all 100 (median of 5), beside
 * raw SQL: the same aggregate read alone (the limit), and a naive scan of the dossiers table
 * (what the report would cost without kept aggregates). The endpoint's numbers are checked
 * against the domain's bieu06 over the folded states.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { BIEU06_CELLS, bieu06 } from '../../src/domain/stats/bieu06';
import { monthsOf } from '../../src/domain/stats/bieu06Aggregates';
import type { DossierState } from '../../src/domain/dossier/state';
import { periodOf, previousPeriod, rangeOf, type Period, type PeriodMode } from '../../src/domain/stats/periods';
import { vnDate } from '../../src/domain/time/vnTime';
import { createUpstreamClient, type UpstreamReportQuery } from '../../src/protocol';
import { seedDemo } from '../../src/server/seed';
import { startServer } from '../../src/server/server';
import { openPglite, openPostgres, type Database } from '../../src/server/store/db';
import { hasPostgres, PG_URL } from '../support/env';
import { seedUpstream } from './upstreamSeed';

const COMMUNES = 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(n: number, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    value = await f();
    runs.push(performance.now() - t0);
  }
  return { ms: Math.round(median(runs) * 10) / 10, value };
}

async function openBench(): Promise<{ db: Database; engine: string; drop: () => Promise<void> }> {
  if (!hasPostgres) return { db: await openPglite(), engine: 'pglite', drop: async () => undefined };
  const schema = `bench_up_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const drop = async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  };
  return { db: await openPostgres(PG_URL, { schema, max: 4 }), engine: 'postgres', drop };
}

export async function runUpstreamBench(totalEvents = Number(process.env.BENCH_UPSTREAM_EVENTS ?? 1_000_000)): Promise<unknown> {
  const { db, engine, drop } = await openBench();
  const server = await startServer({ db, port: 0 });
  try {
    const now = Date.now();
    await seedDemo(server.store, now, 1000, server.credentials);
    const ids = Array.from({ length: COMMUNES }, (_, i) => (i === 0 ? 'xa-demo' : `xa-${String(i).padStart(3, '0')}`));
    const devices = new Map<string, string>();
    for (const id of ids) {
      if (id !== 'xa-demo') await server.store.createCommune({ id, name: `Xã ${id.slice(3)}`, agencyCode: '000.00.06.H56' }, now);
      await server.upstream.store.grantCommune('lanh-dao-hoa', id);
      const code = await server.core.issueCode(id, 'counter');
      const p = await server.core.enroll({ protocolVersion: 1, code, deviceName: `Máy quầy ${id}`, appVersion: 'bench' });
      if (!p.ok) throw new Error('enroll');
      devices.set(id, p.value.deviceId);
      await server.store.recordStatus(
        p.value.deviceId,
        { pendingCount: 0, oldestPendingAt: null, lastError: null, appVersion: 'bench', storagePersisted: true, clockOffsetMs: 0, lastSyncAt: now },
        now,
      );
    }

    // the periods timed: the current month (in progress judged now), the last ended quarter, last year
    const today = vnDate(now);
    const mode: PeriodMode = 'cutoff15';
    const thisMonth = periodOf(today, 'month', mode);
    const lastQuarter = previousPeriod(periodOf(today, 'quarter', mode));
    const lastYear = previousPeriod(periodOf(today, 'year', mode));
    const periods: [string, Period, boolean][] = [
      ['currentMonth', thisMonth, false],
      ['lastQuarter', lastQuarter, true],
      ['lastYear', lastYear, true],
    ];
    const expected = new Map(periods.map(([k]) => [k, Object.fromEntries(BIEU06_CELLS.map((c) => [c, 0])) as Record<string, number>]));
    const onCommune = (_id: string, states: readonly DossierState[]) => {
      for (const [k, p] of periods) {
        const total = bieu06(states, rangeOf(p, mode), { asOf: now }).total;
        for (const c of BIEU06_CELLS) expected.get(k)![c]! += total.ids[c].length;
      }
    };
    const seeded = await seedUpstream(db, ids, totalEvents, now, (id) => devices.get(id)!, onCommune);

    const client = createUpstreamClient({ baseUrl: server.url });
    const session = await client.signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
    if (session.communes.length !== COMMUNES) throw new Error(`scope ${session.communes.length}`);
    const timings: Record<string, unknown> = {};
    for (const [k, p, ended] of periods) {
      const q: UpstreamReportQuery = { ...p, mode };
      await client.report(session.token, q); // warm-up
      const r = await time(5, () => client.report(session.token, q));
      // ended periods must match exactly; the current one moves with the clock only in its in-progress split
      const cells = ended ? BIEU06_CELLS : BIEU06_CELLS.filter((c) => !c.startsWith('inProgress') && c !== 'awaitingSupplement');
      const wrong = cells.filter((c) => r.value.total[c] !== expected.get(k)![c]);
      timings[k] = {
        medianMs: r.ms,
        received: r.value.total['received.online'] + r.value.total['received.inPersonOrPostal'] + r.value.total['received.carriedOver'],
        matchesDomain: wrong.length === 0 ? true : wrong,
      };
    }
    const devicesTiming = await time(5, () => client.devices(session.token));
    const lateTiming = await time(5, () => client.late(session.token));
    const range = rangeOf(lastYear, mode);
    const months = monthsOf(lastYear);
    const rawAggregates = await time(5, () =>
      db.query(
        `SELECT commune_id, field_code, sum(online)::int AS online, sum(in_person_or_postal)::int AS in_person, sum(resolved_on_time)::int AS on_time
       FROM report_aggregates WHERE commune_id = ANY($1::text[]) AND mode = $2 AND month BETWEEN $3 AND $4 GROUP BY commune_id, field_code`,
        [ids, mode, months[0], months.at(-1)],
      ),
    );
    const from = Date.parse(`${range.from}T00:00:00+07:00`),
      to = Date.parse(`${range.to}T00:00:00+07:00`) + 86_400_000;
    const naiveScan = await time(3, () =>
      db.query(
        `SELECT commune_id, field_code, count(*) FILTER (WHERE (state->>'channel')::int = 2)::int AS online, count(*)::int AS received
       FROM dossiers WHERE commune_id = ANY($1::text[]) AND received_at >= $2 AND received_at < $3 GROUP BY commune_id, field_code`,
        [ids, from, to],
      ),
    );
    return {
      engine,
      communes: COMMUNES,
      events: seeded.events,
      dossiers: seeded.dossiers,
      seedMs: seeded.ms,
      upstreamReport: timings,
      upstreamDevicesMs: devicesTiming.ms,
      upstreamLateMs: lateTiming.ms,
      lateItems: lateTiming.value.communes.reduce((n, c) => n + c.items.length, 0),
      limitRawAggregateSqlMs: rawAggregates.ms,
      naiveDossierScanSqlMs: naiveScan.ms,
      budgetMs: 1000,
    };
  } finally {
    await server.close();
    await drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runUpstreamBench(), null, 2));
