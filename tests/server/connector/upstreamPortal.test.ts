import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/protocol';
import { startFakePortal, type FakePortal } from '../../support/fakePortal';
import { startTestServer, type TestServer } from '../../support/server';
import { T0 } from '../../support/builders';
import { counterDevice, upstreamClient } from '../upstream/helpers';
import { DAY } from '../../support/builders';
import { codeOf, portalSettings, receivedOf } from './rig';

describe('[CON14] the upstream office sees the synced share per commune and the refusals, and retries one', () => {
  let portal: FakePortal;
  let server: TestServer;
  beforeAll(async () => {
    portal = await startFakePortal();
    server = await startTestServer({ connector: portalSettings(portal) });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    await portal.stop();
  });

  it("counts, the portal's message, a retry in scope only", async () => {
    portal.refuse = (code) => (code === codeOf(2) ? 'Mã TTHC không đúng với đơn vị' : null);
    await server.admin.store.appendEvents(
      'xa-demo',
      Array.from({ length: 5 }, (_, i) => receivedOf(codeOf(i), T0 + i * 1000)),
      Date.now(),
    );
    await server.admin.connector!.worker.step();
    await server.admin.store.appendEvents('xa-demo', [receivedOf(codeOf(9), T0 + 9000)], Date.now()); // not sent yet
    const client = upstreamClient(server);
    const { token } = await client.signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
    const view = await client.portal(token);
    expect(view.enabled).toBe(true);
    expect(view.communes).toEqual([{ commune: { id: 'xa-demo', name: 'Xã Demo' }, synced: 4, pending: 1, refused: 1 }]);
    expect(view.refused).toMatchObject([{ communeId: 'xa-demo', code: codeOf(2), errorCode: '10', message: 'Mã TTHC không đúng với đơn vị', attempts: 1 }]);

    await expect(client.portalRetry(token, { communeId: 'xa-khac', code: codeOf(2) })).rejects.toMatchObject({ reason: 'forbidden' });
    await expect(client.portalRetry(token, { communeId: 'xa-demo', code: '' })).rejects.toBeInstanceOf(TransportError);
    await expect(client.portal('x'.repeat(30))).rejects.toMatchObject({ reason: 'unknownSession' });
    portal.refuse = () => null;
    expect((await client.portalRetry(token, { communeId: 'xa-demo', code: codeOf(2) })).retried).toBe(true);
    expect((await client.portalRetry(token, { communeId: 'xa-demo', code: codeOf(2) })).retried).toBe(false);
    await server.admin.connector!.worker.step();
    expect((await client.portal(token)).communes[0]).toMatchObject({ synced: 6, pending: 0, refused: 0 });
  });

  it("[CON16] a commune's tablet sees its own commune: all, a period's dossiers, the refusals; never a kiosk; a bad range is refused", async () => {
    portal.refuse = (code) => (code === codeOf(21) ? 'Thiếu mã lĩnh vực' : null);
    await server.admin.store.appendEvents('xa-demo', [receivedOf(codeOf(20), T0 + 40 * DAY), receivedOf(codeOf(21), T0 + 40 * DAY + 1000)], Date.now());
    await server.admin.connector!.worker.step();
    await server.admin.store.appendEvents('xa-demo', [receivedOf(codeOf(22), T0 + 40 * DAY + 2000)], Date.now());
    const { transport, profile } = await counterDevice(server);
    const view = await transport.portal(profile.token, { from: T0 + 39 * DAY, to: T0 + 41 * DAY });
    expect(view.enabled).toBe(true);
    expect(view.period).toEqual({ synced: 1, pending: 1, refused: 1 });
    expect(view.all).toEqual({ synced: 7, pending: 1, refused: 1 });
    expect(view.refused.map((r) => [r.code, r.message])).toEqual([[codeOf(21), 'Thiếu mã lĩnh vực']]);

    const other = await counterDevice(server, 'xa-khac');
    const theirs = await transport.portal(other.profile.token, { from: T0 + 39 * DAY, to: T0 + 41 * DAY });
    expect(theirs).toMatchObject({ all: { synced: 0, pending: 0, refused: 0 }, period: { synced: 0, pending: 0, refused: 0 }, refused: [] });

    const kiosk = await transport.enroll({ protocolVersion: 1, code: await server.enrollCode('kiosk'), deviceName: 'Kiosk', appVersion: 'test' });
    await expect(transport.portal(kiosk.token, { from: T0, to: T0 + DAY })).rejects.toMatchObject({ status: 403, reason: 'forbidden' });
    await expect(transport.portal(profile.token, { from: T0 + DAY, to: T0 })).rejects.toMatchObject({ status: 400, reason: 'invalid' });
    const raw = await fetch(`${server.url}/api/v1/portal?from=abc&to=1`, { headers: { authorization: `Bearer ${profile.token}` } });
    expect(raw.status).toBe(400);
    expect((await fetch(`${server.url}/api/v1/portal?from=0&to=1`)).status).toBe(401);
  });
});
