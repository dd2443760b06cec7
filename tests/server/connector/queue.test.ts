import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, DAY, HOUR, T0 } from '../../support/builders';
import { startFakePortal, type FakePortal } from '../../support/fakePortal';
import { backoffMs } from '../../../src/server/connector/worker';
import { APPLICANT, codeOf, connectorRig, lifeOf, OFFICER, receivedOf } from './rig';

let portal: FakePortal;
let rig: Awaited<ReturnType<typeof connectorRig>>;
beforeAll(async () => {
  portal = await startFakePortal();
  rig = await connectorRig(portal);
}, 120_000);
afterAll(async () => {
  await rig.close();
  await portal.stop();
});
afterEach(async () => {
  await rig.reset();
  portal.mode = 'ok';
  portal.refuse = () => null;
  portal.calls.length = 0;
  portal.arrivals.length = 0;
  portal.violations.length = 0;
  portal.dossiers.clear();
  portal.steps.clear();
});

const services = () => portal.calls.map((c) => c.service);

describe('connector queue and worker (PGlite, fake portal)', () => {
  it('[CON6] a burst of events on one dossier is one pending entry and one send of its latest state', async () => {
    const c = rig.connector();
    const [r, t, s, ret] = lifeOf(codeOf(0));
    for (const e of [r!, t!, s!, ret!]) await rig.append([e]); // four pushes before the worker runs
    expect(await rig.rows()).toMatchObject([{ code: codeOf(0), state: 'pending' }]);
    await c.drain();
    expect(services()).toEqual(['DongBoHoSoMC', 'CapNhatTienDoHoSoMC']);
    const sent = portal.dossiers.get(codeOf(0))!;
    expect(sent).toHaveLength(1);
    expect(sent[0]!.TrangThaiHoSo).toBe('10');
    expect(portal.steps.get(codeOf(0))!.map((x) => x.TrangThai)).toEqual(['2', '4', '9', '10']);
    expect((await rig.rows())[0]).toMatchObject({ state: 'synced', on_portal: true });
    expect(portal.violations).toEqual([]);
  });

  it('every later action updates the dossier (isUpdating "True") and adds only the new steps; an unchanged dossier is not sent', async () => {
    const c = rig.connector();
    const [r, t, s] = lifeOf(codeOf(1));
    await rig.append([r!]);
    await c.drain();
    await rig.append([t!]);
    await c.drain();
    await rig.append([s!]);
    await c.drain();
    const dongBo = portal.calls.filter((c) => c.service === 'DongBoHoSoMC');
    expect(dongBo.map((c) => c.body.isUpdating)).toEqual(['False', 'True', 'True']);
    expect(portal.steps.get(codeOf(1))!.map((x) => x.TrangThai)).toEqual(['2', '4', '9']);
    // a rating changes nothing the portal holds: no call, recorded as unchanged
    const before = portal.calls.length;
    await rig.append([buildEvent('rated', { level: 'satisfied' }, { dossierId: codeOf(1), at: T0 + 2 * DAY, deviceId: 'kiosk-1', actorId: 'kiosk-1' })]);
    await c.drain();
    expect(portal.calls.length).toBe(before);
    expect((await rig.queue.attemptsOf('xa-demo', codeOf(1))).at(-1)).toMatchObject({ outcome: 'unchanged' });
  });

  it('[CON7] a dossier the portal refuses is kept with its message and does not block the others; a retry sends it', async () => {
    const c = rig.connector({ worker: { batchSize: 10, maxInFlight: 1 } });
    const bad = codeOf(4);
    portal.refuse = (code) => (code === bad ? 'Mã TTHC không đúng với đơn vị' : null);
    for (let i = 0; i < 10; i++) await rig.append([receivedOf(codeOf(i), T0 + i * 60_000)]);
    await c.drain();
    const rows = await rig.rows();
    expect(rows.filter((x) => x.state === 'synced')).toHaveLength(9);
    expect(rows.find((x) => x.code === bad)).toMatchObject({ state: 'refused', message: 'Mã TTHC không đúng với đơn vị' });
    expect(portal.arrivals).toHaveLength(9);
    expect(portal.arrivals).not.toContain(bad);
    // the refusal is isolated by halving the batch: a handful of calls, not one per dossier
    expect(portal.calls.filter((c) => c.service === 'DongBoHoSoMC').length).toBeLessThanOrEqual(10);
    const attempts = (await rig.queue.attemptsOf('xa-demo', bad)).filter((a) => a.service === 'DongBoHoSoMC');
    expect(attempts.at(-1)).toMatchObject({ outcome: 'refused', error_code: '10', message: 'Mã TTHC không đúng với đơn vị' });
    // refused stays refused: later rounds leave it alone
    const calls = portal.calls.length;
    await c.drain();
    expect(portal.calls.length).toBe(calls);
    portal.refuse = () => null;
    expect(await rig.queue.retry('xa-demo', bad)).toBe(true);
    await c.drain();
    expect((await rig.rows()).every((x) => x.state === 'synced')).toBe(true);
    expect(portal.arrivals).toContain(bad);
  });

  it('[CON7] the portal going away while a refused batch is halved puts the rest back in the queue, unleased', async () => {
    const c = rig.connector({ worker: { batchSize: 10, maxInFlight: 1 } });
    const bad = codeOf(7);
    let wentAway = false;
    portal.refuse = (code) => {
      if (code !== bad) return null;
      if (!wentAway) portal.mode = 'down'; // the next call finds the portal down
      wentAway = true;
      return 'Hồ sơ không hợp lệ';
    };
    for (let i = 0; i < 10; i++) await rig.append([receivedOf(codeOf(i), T0 + i * 60_000)]);
    const r = await c.worker.step();
    expect(r).toMatchObject({ claimed: 10, failed: 10 });
    const leased = await rig.db.query<{ n: number }>('SELECT count(*)::int AS n FROM connector_outbox WHERE lease_owner IS NOT NULL');
    expect(leased[0]!.n).toBe(0);
    portal.mode = 'ok';
    const again = rig.connector({ worker: { batchSize: 10, maxInFlight: 1 } }); // a fresh worker: no backoff to wait out
    await again.drain();
    const rows = await rig.rows();
    expect(rows.filter((x) => x.state === 'synced')).toHaveLength(9);
    expect(rows.find((x) => x.code === bad)).toMatchObject({ state: 'refused', message: 'Hồ sơ không hợp lệ' });
  });

  it('[CON5] a dossier of a procedure without a portal code is held with the reason, not sent', async () => {
    const c = rig.connector();
    await rig.append([receivedOf(codeOf(0), T0, { procedureCode: '9.999999', procedureName: 'Thủ tục không có trong danh mục' })]);
    await rig.append([receivedOf(codeOf(1), T0 + 1)]);
    await c.drain();
    const rows = await rig.rows();
    expect(rows[0]).toMatchObject({ state: 'refused' });
    expect(rows[0]!.message).toContain('9.999999');
    expect(rows[1]).toMatchObject({ state: 'synced' });
    expect(portal.arrivals).toEqual([codeOf(1)]);
  });

  it('[CON8] an outage of an hour (fake clock): the worker backs off exponentially with jitter, then drains in order', async () => {
    let now = Date.now();
    const c = rig.connector({ clock: () => now, worker: { batchSize: 5, maxInFlight: 1 } });
    const codes = Array.from({ length: 23 }, (_, i) => codeOf(i));
    for (const [i, code] of codes.entries()) await rig.append([receivedOf(code, T0 + i * 60_000)]);
    portal.mode = 'down';
    const start = now;
    const delays: number[] = [];
    while (now - start < 3_600_000) {
      const r = await c.worker.step();
      if (r.claimed > 0) delays.push(r.delayMs);
      now += r.delayMs;
    }
    // 1 s, 2 s, 4 s … capped at 5 min, each between half and all of its ceiling
    delays.forEach((d, i) => {
      const ceiling = Math.min(300_000, 1_000 * 2 ** i);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    });
    expect(delays.length).toBeGreaterThan(8);
    expect(delays.length).toBeLessThan(40);
    expect((await rig.rows()).every((x) => x.state === 'pending')).toBe(true);
    expect((await rig.queue.attemptsOf('xa-demo', codes[0]!)).every((a) => a.outcome === 'failed')).toBe(true);
    portal.mode = 'ok';
    for (let i = 0; i < 50 && portal.arrivals.length < codes.length; i++) now += (await c.worker.step()).delayMs;
    expect(portal.arrivals).toEqual(codes);
    expect(portal.violations).toEqual([]);
  });

  it('[CON8] timeouts and malformed answers are retried, never refusals', async () => {
    let now = Date.now();
    const c = rig.connector({ clock: () => now, readTimeoutMs: 300 });
    await rig.append([receivedOf(codeOf(0))]);
    await c.worker.step(); // authenticates while the portal answers
    await rig.append([buildEvent('transferred', { toUnit: 'Tư pháp' }, { dossierId: codeOf(0), actorId: OFFICER, at: T0 + HOUR })]);
    for (const mode of ['hang', 'malformed', 'down'] as const) {
      portal.mode = mode;
      const r = await c.worker.step();
      expect(r, mode).toMatchObject({ claimed: 1, failed: 1, refused: 0 });
      now += r.delayMs;
    }
    const failed = (await rig.queue.attemptsOf('xa-demo', codeOf(0))).filter((a) => a.outcome === 'failed').map((a) => a.message);
    expect(failed[0]).toMatch(/readTimeout/);
    expect(failed[1]).toMatch(/malformed/);
    expect(failed[2]).toMatch(/HTTP 503/);
    portal.mode = 'ok';
    now += 600_000;
    await c.drain();
    expect((await rig.rows())[0]).toMatchObject({ state: 'synced' });
    expect(portal.dossiers.get(codeOf(0))!.at(-1)!.TrangThaiHoSo).toBe('4');
  });

  it('[CON10] an expired session is renewed when the portal says so, and before it lapses', async () => {
    let now = Date.now();
    const c = rig.connector({ clock: () => now });
    const auths = portal.auths;
    await rig.append([receivedOf(codeOf(0))]);
    await c.drain();
    expect(portal.auths).toBe(auths + 1);
    portal.expireSessions();
    await rig.append([buildEvent('transferred', { toUnit: 'Tư pháp' }, { dossierId: codeOf(0), actorId: OFFICER, at: T0 + HOUR })]);
    await c.drain();
    expect(portal.auths).toBe(auths + 2);
    expect(portal.calls.filter((c) => c.errorCode === '-1')).toHaveLength(1); // told once, then re-authenticated
    expect((await rig.rows())[0]).toMatchObject({ state: 'synced' });
    // 9 minutes 30 s later the 10-minute session is about to lapse: renewed without being told
    now += 570_000;
    await rig.append([buildEvent('resolved', {}, { dossierId: codeOf(0), actorId: OFFICER, at: T0 + DAY })]);
    await c.drain();
    expect(portal.auths).toBe(auths + 3);
    expect(portal.calls.filter((c) => c.errorCode === '-1')).toHaveLength(1);
  });

  it("[CON12] nothing personal (name, id number, phone, email, password, the portal's message) reaches the log", async () => {
    let now = Date.now();
    const c = rig.connector({ clock: () => now });
    portal.refuse = (code) => (code === codeOf(1) ? `Hồ sơ của ${APPLICANT.name} (${APPLICANT.phone}) bị từ chối` : null);
    for (let i = 0; i < 3; i++) await rig.append(lifeOf(codeOf(i), T0 + i * 60_000));
    await c.drain();
    portal.mode = 'down';
    await rig.append([buildEvent('rated', { level: 'satisfied' }, { dossierId: codeOf(0), at: T0 + 3 * DAY, deviceId: 'k', actorId: 'k' })]);
    await rig.append([receivedOf(codeOf(5))]);
    now += (await c.worker.step()).delayMs;
    expect(rig.lines.length).toBeGreaterThan(1);
    const log = rig.lines.join('\n');
    for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.email, portal.password, 'bị từ chối'])
      expect(log).not.toContain(secret);
  });
});

describe('backoff', () => {
  it('[CON8] doubles from the base up to the cap, with half of it random', () => {
    expect(backoffMs(1, 1000, 300_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 300_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 300_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 300_000, () => 1)).toBe(300_000);
    expect(backoffMs(30, 1000, 300_000, () => 0)).toBe(150_000);
  });
});
