/**
 * SAT3, SAT4 on the real server core (PGlite): a rating that cannot be bound to its dossier is
 * refused, and the scenario "a citizen rates a number not issued yet, the next dossier to get
 * that number arrives pre-rated" cannot happen, even when the kiosk was offline the whole time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../src/domain/dossier/events';
import { foldDossier } from '../../src/domain/dossier/fold';
import { receiptCheckCode } from '../../src/domain/kiosk/receiptCheck';
import type { DeviceProfile, DeviceStatus } from '../../src/protocol';
import { buildEvent, buildReceived, HOUR, T0 } from '../support/builders';
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

describe('binding kiosk ratings on the server', () => {
  let server: TestServer;
  let key = '';
  const enrolled: Record<string, DeviceProfile> = {};
  let seq = 0;
  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    for (const [name, role] of [
      ['counter', 'counter'],
      ['kiosk', 'kiosk'],
    ] as const) {
      const r = await server.admin.core.enroll({ protocolVersion: 1, code: await server.enrollCode(role), deviceName: name, appVersion: '0.1.0' });
      if (!r.ok) throw new Error(r.rejection.message);
      enrolled[name] = r.value;
    }
    key = (await server.admin.store.receiptKey('xa-demo')) ?? '';
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function push(who: string, events: DossierEvent[]) {
    const device = await server.admin.core.authenticate(`Bearer ${enrolled[who]!.token}`);
    if (!device.ok) throw new Error('no device');
    const r = await server.admin.core.push(device.value, { protocolVersion: 1, events, status });
    if (!r.ok) throw new Error(r.rejection.message);
    return r.value.results;
  }
  const rating = (code: string, at: number, checkCode?: string) => {
    const p = enrolled.kiosk!;
    return buildEvent(
      'rated',
      { level: 'satisfied', ...(checkCode ? { checkCode } : {}) },
      { dossierId: code, deviceId: p.deviceId, actorId: p.deviceId, communeId: p.communeId, at, deviceSeq: ++seq },
    );
  };
  const intake = (code: string, at: number) => {
    const c = enrolled.counter!;
    return buildReceived({}, { dossierId: code, deviceId: c.deviceId, actorId: 'officer-lan', communeId: c.communeId, at, deviceSeq: ++seq });
  };
  const stateOf = async (code: string) =>
    foldDossier((await server.admin.store.eventsAfter('xa-demo', 0, 1000)).map((e) => e.event).filter((e) => e.dossierId === code));

  it('[SAT3] every device of the commune gets the same receipt key, at enrollment and on every pull', async () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(enrolled.counter!.receiptKey).toBe(key);
    expect(enrolled.kiosk!.receiptKey).toBe(key);
    const device = await server.admin.core.authenticate(`Bearer ${enrolled.kiosk!.token}`);
    if (!device.ok) throw new Error('no device');
    const pulled = await server.admin.core.pull(device.value, { protocolVersion: 1, after: 0, limit: 10, status });
    expect(pulled.ok && pulled.value.receiptKey).toBe(key);
  });

  it('[SAT3] refuses a rating of a number it has not received without a check code, or with a wrong one', async () => {
    const code = '000.00.06.H56-260302-1050';
    const right = await receiptCheckCode(key, code);
    const wrong = String((Number(right) + 1) % 10_000).padStart(4, '0');
    expect(await push('kiosk', [rating(code, T0), rating(code, T0 + 1, wrong)])).toMatchObject([
      { outcome: 'rejected', reason: 'invalid', message: expect.stringContaining('kiosk.unbound') },
      { outcome: 'rejected', reason: 'invalid', message: expect.stringContaining('kiosk.wrongCheck') },
    ]);
    expect(await server.admin.store.countEvents('xa-demo')).toBe(0);
  });

  it('[SAT4] refuses a rating dated before the intake it knows, even with the right check code', async () => {
    const code = '000.00.06.H56-260302-1051';
    expect(await push('counter', [intake(code, T0 + HOUR)])).toMatchObject([{ outcome: 'accepted' }]);
    expect(await push('kiosk', [rating(code, T0, await receiptCheckCode(key, code))])).toMatchObject([
      { outcome: 'rejected', reason: 'invalid', message: expect.stringContaining('kiosk.beforeIntake') },
    ]);
    // a rating after the intake binds, without a check code (the kiosk had synced it) or with it
    expect(await push('kiosk', [rating(code, T0 + 2 * HOUR)])).toMatchObject([{ outcome: 'accepted' }]);
  });

  it('[SAT3][SAT4] a number rated before it was issued never arrives pre-rated: the citizen who gets it rates it', async () => {
    const code = '000.00.06.H56-260302-1052';
    // 1. a citizen types a number nobody holds yet: without its receipt there is no check code, so it is refused
    expect(await push('kiosk', [rating(code, T0)])).toMatchObject([{ outcome: 'rejected' }]);
    // 2. even a right check code (a leaked key, a lucky guess at 1 in 10,000), pushed while the counter
    //    has not sent the intake yet, is held apart (SYNC4) and, dated before that intake, refused when it arrives
    expect(await push('kiosk', [rating(code, T0 + 60_000, await receiptCheckCode(key, code))])).toMatchObject([{ outcome: 'held' }]);
    // 3. the number is issued later to a real citizen
    expect(await push('counter', [intake(code, T0 + HOUR)])).toMatchObject([{ outcome: 'accepted' }]);
    const before = await stateOf(code);
    expect(before?.rating).toBeNull();
    expect(before?.conflicts).toEqual([]); // the held rating never reached the dossier
    expect((await server.admin.store.kioskDossiersAfter('xa-demo', 0, 100)).find((r) => r.dossier.code === code)?.dossier.rated).toBe(false);
    // 4. that citizen rates from the receipt and the rating counts
    expect(await push('kiosk', [rating(code, T0 + 2 * HOUR, await receiptCheckCode(key, code))])).toMatchObject([{ outcome: 'accepted' }]);
    expect((await stateOf(code))?.rating).toMatchObject({ level: 'satisfied', at: T0 + 2 * HOUR });
  });
});
