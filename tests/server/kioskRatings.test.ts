/** Kiosk ratings on the real server core (PGlite): accepted from a kiosk, a second one kept and marked, never a crash. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldDossier } from '../../src/domain/dossier/fold';
import type { DossierEvent } from '../../src/domain/dossier/events';
import type { DeviceProfile, DeviceStatus } from '../../src/protocol';
import { buildEvent, buildReceived, CODE, T0 } from '../support/builders';
import { startTestServer, type TestServer } from '../support/server';

const status: DeviceStatus = {
  pendingCount: 0,
  oldestPendingAt: null,
  lastError: null,
  appVersion: '0.1.0',
  storagePersisted: null,
  clockOffsetMs: null,
  lastSyncAt: null,
};

describe('kiosk ratings on the server', () => {
  let server: TestServer;
  const enrolled: Record<string, DeviceProfile> = {};
  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    for (const [name, role] of [
      ['counter', 'counter'],
      ['kioskA', 'kiosk'],
      ['kioskB', 'kiosk'],
    ] as const) {
      const r = await server.admin.core.enroll({ protocolVersion: 1, code: await server.enrollCode(role), deviceName: name, appVersion: '0.1.0' });
      if (!r.ok) throw new Error(r.rejection.message);
      enrolled[name] = r.value;
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function push(who: string, events: DossierEvent[]) {
    const p = enrolled[who]!;
    const device = await server.admin.core.authenticate(`Bearer ${p.token}`);
    if (!device.ok) throw new Error('no device');
    const r = await server.admin.core.push(device.value, { protocolVersion: 1, events, status });
    if (!r.ok) throw new Error(r.rejection.message);
    return r.value.results;
  }
  const rating = (who: string, level: 'satisfied' | 'dissatisfied', at: number, seq: number) => {
    const p = enrolled[who]!;
    return buildEvent(
      'rated',
      { level, officerId: 'officer-lan', procedureCode: '1.001193' },
      { deviceId: p.deviceId, actorId: p.deviceId, communeId: p.communeId, at, deviceSeq: seq },
    );
  };

  it('[SAT1] takes a kiosk rating, refuses a kiosk intake, and marks a second rating as a conflict', async () => {
    const c = enrolled.counter!;
    expect(await push('counter', [buildReceived({}, { deviceId: c.deviceId, communeId: c.communeId, deviceSeq: 1 })])).toMatchObject([{ outcome: 'accepted' }]);
    expect(await push('kioskA', [rating('kioskA', 'satisfied', T0 + 60_000, 1)])).toMatchObject([{ outcome: 'accepted' }]);
    const sneaky = buildReceived({}, { dossierId: '000.00.06.H56-260302-1009', deviceId: enrolled.kioskA!.deviceId, communeId: c.communeId, deviceSeq: 2 });
    expect(await push('kioskA', [sneaky])).toMatchObject([{ outcome: 'rejected', reason: 'forbidden' }]);
    // kiosk B was offline and rated the same dossier: stored, the fold keeps the first and marks the second
    expect(await push('kioskB', [rating('kioskB', 'dissatisfied', T0 + 120_000, 1)])).toMatchObject([{ outcome: 'accepted' }]);
    const events = (await server.admin.store.eventsAfter(c.communeId, 0, 100)).map((e) => e.event).filter((e) => e.dossierId === CODE);
    const state = foldDossier(events);
    expect(state?.rating?.level).toBe('satisfied');
    expect(state?.conflicts).toMatchObject([{ type: 'rated', reason: 'duplicateRating', deviceId: enrolled.kioskB!.deviceId }]);
    const rows = await server.admin.store.kioskDossiersAfter(c.communeId, 0, 100);
    expect(rows.find((r) => r.dossier.code === CODE)?.dossier.rated).toBe(true);
  });
});
