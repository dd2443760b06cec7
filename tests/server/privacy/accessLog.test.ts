import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTransport, PROTOCOL_VERSION, TransportError, upstreamAccessLog, type AccessRecord, type AccessTransport } from '../../../src/protocol';
import { counterCredentials } from '../../../src/server/credentials/counterPin';
import { DEMO_UPSTREAM_PASSWORD } from '../../../src/server/seed';
import { buildEvent, buildReceived, CODE, T0 } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/server';
import { counterDevice, upstreamClient } from '../upstream/helpers';

const OTHER_AGENCY = '000.00.07.H57';
const CODE_B = `${OTHER_AGENCY}-260302-1001`;
let n = 0;
/** A UUIDv7-shaped id ordered by `at`. */
const rid = (at: number) =>
  `${at
    .toString(16)
    .padStart(12, '0')
    .replace(/^(.{8})(.{4})$/, '$1-$2')}-7000-8000-${(++n).toString(16).padStart(12, '0')}`;
const record = (o: Partial<AccessRecord> = {}): AccessRecord => ({
  id: rid(o.at ?? T0),
  at: T0,
  actorId: 'can-bo-lan',
  kind: 'view',
  dossierIds: [CODE],
  detail: 'dossier',
  ...o,
});

async function statusOf(p: Promise<unknown>): Promise<number | null> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof TransportError) return e.status;
    throw e;
  }
}

describe('[PD4b][PD4d] the access log at the server edge', () => {
  let server: TestServer;
  let access: AccessTransport;
  let tokenA: string, tokenB: string, kioskToken: string;

  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    await server.admin.store.createCommune({ id: 'xa-b', name: 'Xã Bắc', agencyCode: OTHER_AGENCY }, Date.now());
    await server.admin.store.upsertUser(
      { id: 'can-bo-b', communeId: 'xa-b', name: 'Đỗ Văn Bảo', role: 'officer', ...counterCredentials('112233', 1000) },
      Date.now(),
    );
    const a = await counterDevice(server, 'xa-demo');
    const b = await counterDevice(server, 'xa-b');
    tokenA = a.profile.token;
    tokenB = b.profile.token;
    const kiosk = await a.transport.enroll({
      protocolVersion: PROTOCOL_VERSION,
      code: await server.enrollCode('kiosk', 'xa-demo'),
      deviceName: 'Kiosk',
      appVersion: 'test',
    });
    kioskToken = kiosk.token;
    access = createAccessTransport({ baseUrl: server.url });
    await server.admin.store.appendEvents(
      'xa-demo',
      [
        buildReceived({}, { dossierId: CODE, deviceId: a.profile.deviceId, actorId: 'can-bo-lan', at: T0 }),
        buildEvent('resolved', {}, { dossierId: CODE, deviceId: a.profile.deviceId, actorId: 'can-bo-lan', at: T0 + 60_000 }),
      ],
      Date.now(),
    );
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('a record is stored once: accepted, then duplicate; the same id with other content is a conflict', async () => {
    const r = record({ kind: 'print', detail: 'receipt', at: T0 + 1000 });
    expect((await access.pushAccess(tokenA, { protocolVersion: PROTOCOL_VERSION, records: [r] })).results).toEqual([{ id: r.id, outcome: 'accepted' }]);
    expect((await access.pushAccess(tokenA, { protocolVersion: PROTOCOL_VERSION, records: [r] })).results).toEqual([{ id: r.id, outcome: 'duplicate' }]);
    const res = await access.pushAccess(tokenA, { protocolVersion: PROTOCOL_VERSION, records: [{ ...r, detail: 'refusal' }] });
    expect(res.results[0]).toMatchObject({ id: r.id, outcome: 'rejected', reason: 'conflict' });
    const page = await access.accessLog(tokenA, {});
    const stored = page.records.find((x) => x.id === r.id)!;
    expect(stored).toMatchObject({
      kind: 'print',
      detail: 'receipt',
      at: T0 + 1000,
      actorId: 'can-bo-lan',
      actorName: 'Nguyễn Thị Lan',
      deviceName: 'Máy 1',
      dossierIds: [CODE],
      dossierCount: 1,
      communeId: 'xa-demo',
    });
  });

  it('one bad record is refused alone with its reason; the others of the batch are stored', async () => {
    const good = record({ at: T0 + 2000 });
    const otherUser = record({ actorId: 'can-bo-b', at: T0 + 3000 });
    const foreignCode = record({ dossierIds: [CODE, CODE_B], at: T0 + 4000 });
    const withName = { ...record({ at: T0 + 5000 }), detail: 'Nguyễn Thị Đào' };
    const unknownKind = { ...record({ at: T0 + 6000 }), kind: 'peek' };
    const res = await fetch(`${server.url}/api/v1/access-log`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, records: [good, otherUser, foreignCode, withName, unknownKind] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { id: string; outcome: string; reason?: string; message?: string }[] };
    expect(body.results.map((x) => [x.id, x.outcome, x.reason])).toEqual([
      [good.id, 'accepted', undefined],
      [otherUser.id, 'rejected', 'forbidden'],
      [foreignCode.id, 'rejected', 'forbidden'],
      [withName.id, 'rejected', 'invalid'],
      [unknownKind.id, 'rejected', 'invalid'],
    ]);
    expect(body.results[1]!.message).toContain('not a user of this device');
    expect(body.results[2]!.message).toContain(OTHER_AGENCY);
    expect(body.results[3]!.message).toContain('detail');
    const page = await access.accessLog(tokenA, {});
    expect(page.records.map((x) => x.id)).toContain(good.id);
    for (const bad of [otherUser, foreignCode, withName]) expect(page.records.map((x) => x.id)).not.toContain(bad.id);
  });

  it('bad requests are 4xx with a clear error, never a 5xx', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/v1/access-log`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json', ...headers },
        body,
      });
    const cases: [Response, number, string][] = [
      [await post('{not json'), 400, 'invalid'],
      [await post(JSON.stringify({ protocolVersion: PROTOCOL_VERSION })), 400, 'invalid'],
      [await post(JSON.stringify({ protocolVersion: PROTOCOL_VERSION, records: Array.from({ length: 201 }, () => ({})) })), 400, 'invalid'],
      [await post(JSON.stringify({ protocolVersion: 0, records: [] })), 426, 'clientTooOld'],
      [await post('{}', { 'content-type': 'text/plain' }), 415, 'unsupportedMediaType'],
      [await post('{}', { authorization: 'Bearer nope-nope-nope-nope-nope' }), 401, 'unknownDevice'],
      [await fetch(`${server.url}/api/v1/access-log?user=${'x'.repeat(100)}`, { headers: { authorization: `Bearer ${tokenA}` } }), 400, 'invalid'],
      [await fetch(`${server.url}/api/v1/access-log?dossier=a%25b`, { headers: { authorization: `Bearer ${tokenA}` } }), 400, 'invalid'],
      [await fetch(`${server.url}/api/v1/access-log?before=yesterday`, { headers: { authorization: `Bearer ${tokenA}` } }), 400, 'invalid'],
      [await fetch(`${server.url}/api/v1/access-log?sort=name`, { headers: { authorization: `Bearer ${tokenA}` } }), 400, 'invalid'],
    ];
    for (const [res, status, reason] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { reason: string; message: string }; serverTime: number };
      expect(body.error.reason).toBe(reason);
      expect(body.error.message.length).toBeGreaterThan(5);
      expect(typeof body.serverTime).toBe('number');
    }
  });

  it("scope: another commune's device can neither write this commune's records nor read them; a kiosk does neither", async () => {
    const r = record({ at: T0 + 7000 });
    const res = await access.pushAccess(tokenB, {
      protocolVersion: PROTOCOL_VERSION,
      records: [r, record({ actorId: 'can-bo-b', dossierIds: [CODE], at: T0 + 8000 })],
    });
    expect(res.results.map((x) => x.outcome === 'rejected' && x.reason)).toEqual(['forbidden', 'forbidden']);
    const own = record({ actorId: 'can-bo-b', dossierIds: [CODE_B], at: T0 + 9000 });
    expect((await access.pushAccess(tokenB, { protocolVersion: PROTOCOL_VERSION, records: [own] })).results[0]!.outcome).toBe('accepted');
    const pageB = await access.accessLog(tokenB, {});
    expect(pageB.records.map((x) => x.id)).toEqual([own.id]);
    expect(pageB.users.map((u) => u.id)).toEqual(['can-bo-b']);
    expect(pageB.records[0]!.actorName).toBe('Đỗ Văn Bảo');
    const pageA = await access.accessLog(tokenA, {});
    expect(pageA.records.map((x) => x.id)).not.toContain(own.id);
    expect(pageA.records.every((x) => x.communeId === 'xa-demo')).toBe(true);
    expect(await statusOf(access.pushAccess(kioskToken, { protocolVersion: PROTOCOL_VERSION, records: [record({ at: T0 + 9500 })] }))).toBe(403);
    expect(await statusOf(access.accessLog(kioskToken, {}))).toBe(403);
  });

  it('lists per dossier (the code or a tail of it) and per user, newest first, by pages', async () => {
    const code2 = '000.00.06.H56-260303-1002';
    const many = Array.from({ length: 7 }, (_, i) =>
      record({
        at: T0 + 100_000 + i * 1000,
        actorId: i % 2 ? 'can-bo-minh' : 'can-bo-lan',
        dossierIds: i === 6 ? [CODE, code2] : [code2],
        kind: i === 6 ? 'export' : 'view',
        detail: i === 6 ? 'logbook.xlsx' : 'dossier',
      }),
    );
    await access.pushAccess(tokenA, { protocolVersion: PROTOCOL_VERSION, records: many });
    const byTail = await access.accessLog(tokenA, { dossier: '260303-1002' });
    expect(byTail.records.map((x) => x.id)).toEqual([...many].reverse().map((x) => x.id));
    expect((await access.accessLog(tokenA, { dossier: '1002' })).records).toHaveLength(7);
    expect((await access.accessLog(tokenA, { dossier: '002' })).records).toHaveLength(0); // not a tail after a dot or dash
    const ofCode = await access.accessLog(tokenA, { dossier: CODE });
    expect(ofCode.records[0]).toMatchObject({ kind: 'export', dossierCount: 2, dossierIds: [CODE, code2].sort() });
    const minh = await access.accessLog(tokenA, { user: 'can-bo-minh' });
    expect(minh.records.map((x) => x.id)).toEqual(
      many
        .filter((_, i) => i % 2)
        .reverse()
        .map((x) => x.id),
    );
    expect(minh.records.every((x) => x.actorName === 'Trần Văn Minh')).toBe(true);
    // pages: 3, 3, 1, never a row twice or skipped
    const seen: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 5; i++) {
      const p = await access.accessLog(tokenA, { dossier: '1002', limit: 3, ...(before ? { before } : {}) });
      seen.push(...p.records.map((x) => x.id));
      if (!p.next) break;
      before = p.next;
    }
    expect(seen).toEqual([...many].reverse().map((x) => x.id));
  });

  it("upstream: lists only the communes in the supervisor's scope; another commune is forbidden until granted", async () => {
    const session = await upstreamClient(server).signIn({ login: DEMO_UPSTREAM_PASSWORD.userId, password: DEMO_UPSTREAM_PASSWORD.password });
    const list = upstreamAccessLog({ baseUrl: server.url });
    const page = await list(session.token, {});
    expect(page.communes.map((c) => c.id)).toEqual(['xa-demo']);
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((x) => x.communeId === 'xa-demo')).toBe(true);
    expect(await statusOf(list(session.token, { commune: 'xa-b' }))).toBe(403);
    expect(await statusOf(list('not-a-session-token-000000', {}))).toBe(401);
    expect(
      await statusOf(
        fetch(`${server.url}/api/v1/upstream/access-log`, { headers: { authorization: `Bearer ${tokenA}` } }).then(async (r) => {
          if (!r.ok) throw new TransportError(r.status, null, '');
        }),
      ),
    ).toBe(401);
    await server.admin.upstream.store.grantCommune(DEMO_UPSTREAM_PASSWORD.userId, 'xa-b');
    const both = await list(session.token, {});
    expect(new Set(both.records.map((x) => x.communeId))).toEqual(new Set(['xa-demo', 'xa-b']));
    const onlyB = await list(session.token, { commune: 'xa-b' });
    expect(onlyB.records.every((x) => x.communeId === 'xa-b')).toBe(true);
    expect(onlyB.users.map((u) => u.name)).toEqual(['Đỗ Văn Bảo']);
  });

  it("[RET3] a dossier's events for a device of its commune only", async () => {
    const res = await access.dossierEvents(tokenA, CODE);
    expect(res.events.map((e) => e.event.type)).toEqual(['received', 'resolved']);
    expect(res.events[0]!.event.type === 'received' && res.events[0]!.event.payload.applicant.name).toBe('Nguyễn Thị Đào');
    expect(await statusOf(access.dossierEvents(tokenB, CODE))).toBe(403); // another agency's code
    expect(await statusOf(access.dossierEvents(tokenA, '000.00.06.H56-260302-9999'))).toBe(404);
    expect(await statusOf(access.dossierEvents(kioskToken, CODE))).toBe(403);
    expect(await statusOf(access.dossierEvents('x'.repeat(30), CODE))).toBe(401);
  });
});
