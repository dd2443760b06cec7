/** A connector on a database with the demo commune, aimed at a fake portal, with its worker driven by hand. */
import { createConnector, type Connector } from '../../../src/server/connector';
import type { ConnectorSettings } from '../../../src/server/connector/config';
import type { DossierFiles } from '../../../src/server/connector/port';
import { createOutboundQueue } from '../../../src/server/connector/queue';
import type { WorkerOptions } from '../../../src/server/connector/worker';
import { runMigrations } from '../../../src/server/migrations/run';
import { seedDemo } from '../../../src/server/seed';
import { openPglite, type Database } from '../../../src/server/store/db';
import { createSqlStore } from '../../../src/server/store/sqlStore';
import type { DossierEvent, ReceivedPayload } from '../../../src/domain/dossier/events';
import { buildEvent, buildReceived, DAY, HOUR, T0 } from '../../support/builders';
import type { FakePortal } from '../../support/fakePortal';

export function portalSettings(
  portal: FakePortal,
  o: { worker?: Partial<WorkerOptions>; readTimeoutMs?: number; links?: ConnectorSettings['links'] } = {},
): ConnectorSettings {
  return {
    format: 'dvcqg',
    portal: {
      endpoint: portal.endpoint,
      authEndpoint: portal.authEndpoint,
      username: portal.username,
      password: portal.password,
      madonvi: portal.madonvi,
      sessionTtlMs: 600_000,
    },
    connectTimeoutMs: 2_000,
    readTimeoutMs: o.readTimeoutMs ?? 5_000,
    worker: { batchSize: 20, maxInFlight: 2, pollMs: 10, backoffBaseMs: 1_000, backoffMaxMs: 300_000, ...o.worker },
    links: o.links ?? null,
  };
}

export const OFFICER = 'can-bo-lan';
export const APPLICANT = { name: 'Nguyễn Thị Đào', idType: 'cccd', idNumber: '001190012345', phone: '0912345678', email: 'dao.nguyen@example.vn' } as const;

export const codeOf = (i: number) => `000.00.06.H56-260302-${String(1001 + i).padStart(4, '0')}`;

export function receivedOf(code: string, at = T0, o: Partial<ReceivedPayload> = {}): DossierEvent {
  return buildReceived({ applicant: APPLICANT, ...o }, { dossierId: code, actorId: OFFICER, at });
}

/** A whole life: received, transferred, resolved, returned. */
export function lifeOf(code: string, start = T0): DossierEvent[] {
  return [
    receivedOf(code, start),
    buildEvent('transferred', { toUnit: 'Công chức Tư pháp - Hộ tịch' }, { dossierId: code, actorId: OFFICER, at: start + HOUR }),
    buildEvent('resolved', {}, { dossierId: code, actorId: OFFICER, at: start + DAY }),
    buildEvent('resultReturned', {}, { dossierId: code, actorId: OFFICER, at: start + 2 * DAY }),
  ];
}

export type ConnectorOptions = { clock?: () => number; worker?: Partial<WorkerOptions>; files?: DossierFiles; readTimeoutMs?: number };

/**
 * One database per test file (PGlite starts slowly on a loaded machine); `reset()` empties the
 * dossiers and the queue between tests, and each test makes its own connector (own clock, backoff, session).
 */
export async function connectorRig(portal: FakePortal, o: { db?: Database } = {}) {
  const db = o.db ?? (await openPglite());
  await runMigrations(db);
  const store = createSqlStore(db);
  await seedDemo(store, Date.now(), 1000);
  const lines: string[] = [];
  const queue = createOutboundQueue(db);
  const connectors: Connector[] = [];
  function connector(c: ConnectorOptions = {}) {
    const made = createConnector({
      db,
      settings: portalSettings(portal, { worker: c.worker ?? {}, ...(c.readTimeoutMs ? { readTimeoutMs: c.readTimeoutMs } : {}) }),
      ...(c.clock ? { clock: c.clock } : {}),
      ...(c.files ? { files: c.files } : {}),
      log: (l) => lines.push(l),
    });
    connectors.push(made);
    const worker = made.worker;
    return {
      worker,
      /** Rounds until a round claims nothing while the portal answers (bounded). */
      async drain(maxRounds = 1000) {
        for (let i = 0; i < maxRounds; i++) {
          const r = await worker.step();
          if (r.claimed === 0 && r.failed === 0) return;
        }
        throw new Error('the queue did not drain');
      },
    };
  }
  const rows = () =>
    db.query<{ code: string; state: string; message: string | null; attempts: number; on_portal: boolean }>(
      'SELECT code, state, message, attempts, on_portal FROM connector_outbox ORDER BY code',
    );
  return {
    db,
    store,
    queue,
    rows,
    lines,
    connector,
    append: (events: readonly DossierEvent[]) => store.appendEvents('xa-demo', events, Date.now()),
    async reset() {
      for (const c of connectors.splice(0)) await c.stop();
      lines.length = 0;
      await db.exec('TRUNCATE connector_outbox, connector_attempts, events, dossiers, report_aggregates');
    },
    async close() {
      for (const c of connectors.splice(0)) await c.stop();
      await db.close();
    },
  };
}
