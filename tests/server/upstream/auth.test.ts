import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError, type UpstreamReportQuery } from '../../../src/protocol';
import { hashPin, newToken, sha256 } from '../../../src/server/core/secrets';
import { createApp } from '../../../src/server/app';
import { DAY } from '../../support/builders';
import { hashPassword } from '../../../src/server/credentials/password';
import { startTestServer, type TestServer } from '../../support/server';
import { counterDevice, historiesFor, storeInterleaved, upstreamClient } from './helpers';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TransportError);
  const t = e as TransportError;
  return { status: t.status, reason: t.reason };
};

describe('upstream sign-in and scope', () => {
  let server: TestServer;
  const now = Date.now();
  const year = new Date(now - 15 * DAY).getUTCFullYear(); // the year the histories below are received in
  const q: UpstreamReportQuery = { kind: 'year', year: year + 1, index: 1, mode: 'calendar' };
  const yearQuery: UpstreamReportQuery = { kind: 'year', year, index: 1, mode: 'calendar' };

  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    const a = await counterDevice(server, 'xa-demo');
    const b = await counterDevice(server, 'xa-b');
    await server.admin.store.upsertUser({ id: 'lanh-dao-b', communeId: 'xa-b', name: 'Phạm Văn Bình', role: 'supervisor', pin: hashPin('555555', 1000) }, now);
    await server.admin.credentials.setPassword('lanh-dao-b', await hashPassword('Binh-Upstream-2026'), now);
    await storeInterleaved(server, 'xa-demo', historiesFor(31, 30, now - 20 * DAY, 10, 'xa-demo', a.profile.deviceId, now));
    await storeInterleaved(server, 'xa-b', historiesFor(32, 50, now - 20 * DAY, 10, 'xa-b', b.profile.deviceId, now));
  }, 60_000);
  afterAll(() => server?.stop());

  it('a wrong password, an unknown user and an officer are refused with 403; the answers do not tell which users exist', async () => {
    const c = upstreamClient(server);
    expect(await refusal(c.signIn({ login: 'lanh-dao-hoa', password: 'Wrong-Password-1' }))).toEqual({ status: 403, reason: 'forbidden' });
    expect(await refusal(c.signIn({ login: 'nobody', password: 'Demo-Upstream-2026' }))).toEqual({ status: 403, reason: 'forbidden' });
    expect(await refusal(c.signIn({ login: 'can-bo-lan', password: 'Demo-Upstream-2026' }))).toEqual({ status: 403, reason: 'forbidden' });
    expect(await refusal(c.signIn({ login: 'lanh-dao-hoa', password: '' }))).toEqual({ status: 400, reason: 'invalid' });
  });

  it('a supervisor sees only their communes, devices and numbers; a grant widens the scope', async () => {
    const c = upstreamClient(server);
    const hoa = await c.signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
    expect(hoa.communes.map((x) => x.id)).toEqual(['xa-demo']);
    expect(hoa.expiresAt - hoa.serverTime).toBe(12 * 3_600_000);
    const devA = await c.devices(hoa.token);
    expect(devA.communes.map((x) => x.commune.id)).toEqual(['xa-demo']);
    expect(devA.communes[0]!.devices).toHaveLength(1);
    const repA = await c.report(hoa.token, yearQuery);
    expect(repA.communes.map((x) => x.commune.id)).toEqual(['xa-demo']);

    const binh = await c.signIn({ login: 'lanh-dao-b', password: 'Binh-Upstream-2026' });
    const repB = await c.report(binh.token, yearQuery);
    expect(repB.communes.map((x) => x.commune.id)).toEqual(['xa-b']);
    expect(repB.total['received.online'] + repB.total['received.inPersonOrPostal'] + repB.total['received.carriedOver']).not.toBe(
      repA.total['received.online'] + repA.total['received.inPersonOrPostal'] + repA.total['received.carriedOver'],
    );

    await server.admin.upstream.store.grantCommune('lanh-dao-hoa', 'xa-b');
    const both = await c.report(hoa.token, yearQuery); // the same session: scope is read on every request
    expect(both.communes.map((x) => x.commune.id)).toEqual(['xa-b', 'xa-demo']);
    for (const cell of Object.keys(both.total) as (keyof typeof both.total)[]) expect(both.total[cell]).toBe(repA.total[cell] + repB.total[cell]);
  });

  it('unknown, malformed and expired sessions get 401 unknownSession; a deactivated supervisor loses the session', async () => {
    const c = upstreamClient(server);
    expect(await refusal(c.devices(newToken()))).toEqual({ status: 401, reason: 'unknownSession' });
    expect(await refusal(c.report('short', q))).toEqual({ status: 401, reason: 'unknownSession' });
    const expired = newToken();
    await server.admin.upstream.store.createSession({
      tokenHash: sha256(expired),
      userId: 'lanh-dao-hoa',
      now: now - 13 * 3_600_000,
      expiresAt: now - 3_600_000,
    });
    expect(await refusal(c.report(expired, q))).toEqual({ status: 401, reason: 'unknownSession' });
    const binh = await c.signIn({ login: 'lanh-dao-b', password: 'Binh-Upstream-2026' });
    await server.admin.store.setUserActive('lanh-dao-b', false, now);
    expect(await refusal(c.devices(binh.token))).toEqual({ status: 401, reason: 'unknownSession' });
  });

  it('a bad period is refused as invalid', async () => {
    const hoa = await upstreamClient(server).signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
    const res = await fetch(`${server.url}/api/v1/upstream/report?kind=quarter&year=2026&index=5&mode=cutoff15`, {
      headers: { authorization: `Bearer ${hoa.token}` },
    });
    expect(res.status).toBe(400);
  });

  it('sign-in attempts are rate-limited per address and per user', async () => {
    const app = createApp({ core: server.admin.core, upstream: server.admin.upstream.core, signInLimits: { perUser: 3, perAddress: 100, windowMs: 60_000 } });
    const attempt = () =>
      app.request('/api/v1/upstream/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'lanh-dao-hoa', password: 'Wrong-Password-1' }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(403);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
