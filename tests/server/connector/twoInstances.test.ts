import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Database } from '../../../src/server/store/db';
import { startFakePortal, type FakePortal } from '../../support/fakePortal';
import { PG_URL, shouldRun } from '../../support/env';
import { buildEvent, HOUR, T0 } from '../../support/builders';
import { codeOf, connectorRig, OFFICER, receivedOf } from './rig';

const DOSSIERS = 120;

/** Two workers (instances) on one queue while dossiers keep changing; the portal flags any dossier in two calls at once. */
async function twoWorkersOn(portal: FakePortal, rig: Awaited<ReturnType<typeof connectorRig>>) {
  portal.delayMs = 15; // calls overlap
  const a = rig.connector({ worker: { batchSize: 10, maxInFlight: 3 } });
  const b = rig.connector({ worker: { batchSize: 10, maxInFlight: 3 } });
  for (let i = 0; i < DOSSIERS; i += 20) {
    await rig.append(Array.from({ length: 20 }, (_, k) => receivedOf(codeOf(i + k), T0 + (i + k) * 1000)));
  }
  const changes = (async () => {
    for (let i = 0; i < DOSSIERS; i += 7) {
      await rig.append([buildEvent('transferred', { toUnit: 'Tư pháp' }, { dossierId: codeOf(i), actorId: OFFICER, at: T0 + HOUR })]);
    }
  })();
  await Promise.all([a.drain(), b.drain(), changes]);
  await Promise.all([a.drain(), b.drain()]);
  portal.delayMs = 0;
}

function expectEachOnceAtATime(portal: FakePortal) {
  expect(portal.violations).toEqual([]);
  expect(new Set(portal.arrivals).size).toBe(DOSSIERS);
  expect(portal.arrivals).toHaveLength(DOSSIERS);
  for (let i = 0; i < DOSSIERS; i += 7) expect(portal.dossiers.get(codeOf(i))!.at(-1)!.TrangThaiHoSo).toBe('4');
}

describe('[CON9] two instances share the queue', () => {
  let portal: FakePortal;
  beforeAll(async () => {
    portal = await startFakePortal();
  });
  afterAll(async () => {
    await portal.stop();
  });

  it('two workers on one PGlite database never send one dossier twice at once, and send each', async () => {
    const rig = await connectorRig(portal);
    await twoWorkersOn(portal, rig);
    expectEachOnceAtATime(portal);
    expect((await rig.rows()).every((r) => r.state === 'synced')).toBe(true);
    await rig.close();
  }, 120_000);

  describe.runIf(shouldRun('postgres'))('on PostgreSQL: two instances, each with its own connection pool', () => {
    let schema: string;
    let dbs: Database[] = [];
    beforeAll(async () => {
      schema = `t_${randomBytes(6).toString('hex')}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.end();
      dbs = [await openPostgres(PG_URL, { schema, max: 4 }), await openPostgres(PG_URL, { schema, max: 4 })];
    });
    afterAll(async () => {
      for (const db of dbs) await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    });

    it('FOR UPDATE SKIP LOCKED and leases: each dossier once at a time, all sent, the later change too', async () => {
      portal.arrivals.length = 0;
      portal.dossiers.clear();
      portal.violations.length = 0;
      const one = await connectorRig(portal, { db: dbs[0]! });
      const two = await connectorRig(portal, { db: dbs[1]! });
      portal.delayMs = 15;
      const a = one.connector({ worker: { batchSize: 10, maxInFlight: 3 } });
      const b = two.connector({ worker: { batchSize: 10, maxInFlight: 3 } });
      for (let i = 0; i < DOSSIERS; i += 20) {
        await one.append(Array.from({ length: 20 }, (_, k) => receivedOf(codeOf(i + k), T0 + (i + k) * 1000)));
      }
      const changes = (async () => {
        for (let i = 0; i < DOSSIERS; i += 7) {
          await two.append([buildEvent('transferred', { toUnit: 'Tư pháp' }, { dossierId: codeOf(i), actorId: OFFICER, at: T0 + HOUR })]);
        }
      })();
      await Promise.all([a.drain(), b.drain(), changes]);
      await Promise.all([a.drain(), b.drain()]);
      portal.delayMs = 0;
      expectEachOnceAtATime(portal);
      expect((await one.rows()).every((r) => r.state === 'synced')).toBe(true);
      const workers = await dbs[0]!.query<{ worker: string }>(`SELECT DISTINCT worker FROM connector_attempts`);
      expect(workers.length).toBe(2); // both instances did part of the work
      for (const c of [a, b]) await c.worker.stop();
    }, 120_000);
  });
});
