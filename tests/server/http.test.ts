/** HTTP edges of the real server: body limit, enrollment rate limit, the PWA, the outbox import. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport, PROTOCOL_VERSION, signOutboxFile, type DeviceProfile } from '../../src/protocol';
import { startTestServer, type TestServer } from '../support/server';
import { buildReceived } from '../support/builders';
import { STATUS } from '../contracts/sync.contract';

describe('real server over HTTP: limits, PWA, outbox import', () => {
  let server: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'motcua-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Một Cửa</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    server = await startTestServer({ storage: 'memory', enrollPerMinute: 3, distDir: dist, maxBodyBytes: 50_000 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const enroll = async (): Promise<DeviceProfile> =>
    createHttpTransport({ baseUrl: server.url }).enroll({
      protocolVersion: PROTOCOL_VERSION,
      code: await server.enrollCode('counter'),
      deviceName: 'Máy',
      appVersion: '0.1.0',
    });

  it('a body over the limit is 413 invalid, and nothing is stored', async () => {
    const p = await enroll();
    const before = await server.admin.store.countEvents();
    const big = JSON.stringify({ protocolVersion: 1, events: [], status: STATUS, pad: 'x'.repeat(60_000) });
    const res = await fetch(`${server.url}/api/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { reason: 'invalid' } });
    expect(await server.admin.store.countEvents()).toBe(before);
  });

  it('enrollment attempts are rate-limited per address: 429 rateLimited with Retry-After', async () => {
    const attempt = () =>
      fetch(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: 1, code: 'WRONG-CODE1', deviceName: 'x', appVersion: '1' }),
      });
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 5; i++) {
      last = await attempt();
      statuses.push(last.status);
    }
    expect(statuses.slice(-1)).toEqual([429]);
    expect(statuses).toContain(403);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ error: { reason: 'rateLimited' } });
  });

  it('serves the PWA: files from dist/, index.html for client routes, JSON 404 under /api', async () => {
    expect(await (await fetch(`${server.url}/assets/app.js`)).text()).toBe('console.log(1)');
    const deep = await fetch(`${server.url}/ho-so/000.00.06.H56-260302-1001`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('Một Cửa');
    const api = await fetch(`${server.url}/api/v1/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { reason: 'notFound' } });
  });

  it('imports a signed outbox file; a later push of the same events changes nothing; an altered file is refused', async () => {
    const p = await server.admin.core.enroll({ protocolVersion: 1, code: await server.enrollCode('counter'), deviceName: 'Máy xa', appVersion: '0.1.0' });
    if (!p.ok) throw new Error('enroll');
    const d = p.value;
    const events = [1, 2, 3].map((n) =>
      buildReceived({}, { id: randomUUID(), communeId: d.communeId, deviceId: d.deviceId, dossierId: `000.00.06.H56-260302-10${n}0`, deviceSeq: n }),
    );
    const file = await signOutboxFile(d.exportKey, {
      format: 'motcua-outbox',
      version: 1,
      deviceId: d.deviceId,
      communeId: d.communeId,
      exportedAt: Date.now(),
      events,
    });
    const tampered = { ...file, events: [{ ...events[0]!, payload: { ...events[0]!.payload, feeVnd: 1 } }, ...events.slice(1)] } as typeof file;
    const refused = await server.admin.core.importOutbox(tampered);
    expect(refused.ok ? null : refused.rejection.reason).toBe('forbidden');
    const imported = await server.admin.core.importOutbox(file);
    expect(imported.ok && imported.value.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    const online = await createHttpTransport({ baseUrl: server.url }).push(d.token, { protocolVersion: 1, events, status: STATUS });
    expect(online.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await server.admin.store.countEvents(d.communeId)).toBe(3);
  });
});
