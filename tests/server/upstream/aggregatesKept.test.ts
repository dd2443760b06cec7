import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldAll } from '../../../src/domain/dossier/fold';
import { computeAggregates } from '../../../src/domain/stats/bieu06Aggregates';
import { DAY } from '../../support/builders';
import { shouldRun } from '../../support/env';
import { startTestServer, type TestServer } from '../../support/server';
import { rng } from '../../app/supervisor/fixtures';
import { runMigrations } from '../../../src/server/migrations/run';
import { openPglite } from '../../../src/server/store/db';
import { createSqlStore } from '../../../src/server/store/sqlStore';
import { createUpstreamStore } from '../../../src/server/store/upstreamStore';
import { historiesFor } from './helpers';

const sorted = <T extends { key: string }>(rows: Iterable<T>) => [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

function suite(storage: 'memory' | 'pg') {
  describe(`[REP1] kept aggregates equal a rebuild from the events (${storage === 'memory' ? 'PGlite' : 'PostgreSQL'})`, () => {
    let server: TestServer;
    const now = Date.now();
    beforeAll(async () => {
      server = await startTestServer({ storage });
    }, 60_000);
    afterAll(() => server?.stop());

    it('after a random-ish workload: batches out of order, retries, late events for past months, two communes', async () => {
      const r = rng(storage === 'memory' ? 41 : 42);
      const communes = ['xa-demo', 'xa-k2'];
      await server.enrollCode('counter', 'xa-k2'); // creates the commune
      const events = communes.flatMap((c, i) => historiesFor(50 + i, 150, now - 300 * DAY, 280, c, `dev-${c}`, now).flatMap((h) => h.events));
      // shuffled: a dossier's later events may come before its intake (another tablet synced first)
      const queue = events
        .map((e) => ({ e, k: r() }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.e);
      for (let i = 0; i < queue.length;) {
        const n = 1 + Math.floor(r() * 60);
        const batch = queue.slice(i, i + n);
        for (const c of communes)
          await server.admin.store.appendEvents(
            c,
            batch.filter((e) => e.communeId === c),
            now,
          );
        if (r() < 0.2 && i > 0) await server.admin.store.appendEvents(queue[i - 1]!.communeId, [queue[i - 1]!], now); // a retried push
        i += n;
      }
      for (const c of communes) {
        const kept = await server.admin.upstream.store.keptAggregates(c);
        const expected = sorted(computeAggregates(foldAll(events.filter((e) => e.communeId === c)).values()).values());
        expect(kept.length).toBeGreaterThan(50);
        expect(kept, `${c}: kept == the domain over the folded events`).toEqual(expected);
        await server.admin.upstream.store.rebuildAggregates(c);
        expect(await server.admin.upstream.store.keptAggregates(c), `${c}: kept == rebuilt`).toEqual(kept);
      }
    }, 180_000);
  });
}

suite('memory');
describe.skipIf(!shouldRun('postgres'))('on PostgreSQL', () => suite('pg'));

describe('[REP1] a database upgraded to kept aggregates', () => {
  it('has its rows rebuilt once at start (dossiers but no kept rows), equal to what appends keep', async () => {
    const db = await openPglite();
    await runMigrations(db);
    const store = createSqlStore(db);
    const upstream = createUpstreamStore(db);
    const now = Date.now();
    await store.createCommune({ id: 'xa-up', name: 'Xã Up', agencyCode: '000.00.06.H56' }, now);
    const events = historiesFor(61, 80, now - 200 * DAY, 190, 'xa-up', 'dev-up', now).flatMap((h) => h.events);
    for (let i = 0; i < events.length; i += 25) await store.appendEvents('xa-up', events.slice(i, i + 25), now);
    const kept = await upstream.keptAggregates('xa-up');
    expect(kept.length).toBeGreaterThan(20);
    await db.query('DELETE FROM report_aggregates'); // as right after migration 006 on an old database
    expect(await upstream.ensureAggregates()).toBe(1);
    expect(await upstream.keptAggregates('xa-up')).toEqual(kept);
    expect(await upstream.ensureAggregates(), 'only once').toBe(0);
    await store.close();
  });
});
