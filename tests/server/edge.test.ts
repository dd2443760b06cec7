/** The server edge as operators expect it (SYNC5, SYNC6, OPS1–OPS4), on the real server (PGlite). */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, PROTOCOL_VERSION } from '../../src/protocol';
import { createApp } from '../../src/server/app';
import { readConfig } from '../../src/server/config';
import { createSyncCore } from '../../src/server/core/sync';
import { forwardedClient } from '../../src/server/edge/clientAddress';
import { checkHealth, serverVersion } from '../../src/server/edge/health';
import { MIGRATIONS } from '../../src/server/migrations/index';
import { runMigrations } from '../../src/server/migrations/run';
import { openPglite } from '../../src/server/store/db';
import { createMemoryStore } from '../support/memoryStore';
import { startTestServer, type TestServer } from '../support/server';
import { buildReceived } from '../support/builders';

const STATUS = { pendingCount: 0, oldestPendingAt: null, lastError: null, appVersion: '1', storagePersisted: null, clockOffsetMs: null, lastSyncAt: null };
const json = { 'content-type': 'application/json' };

describe('the server edge', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory', log: (l) => lines.push(l), enrollPerMinute: 1000 });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });
  const post = (path: string, body: string, headers: Record<string, string> = json) => fetch(server.url + path, { method: 'POST', headers, body });
  // a pooled keep-alive socket the server closed meanwhile (its 5 s idle timeout, a loaded machine)
  // resets the next request on it; a browser retries such a GET by itself, so does this test
  const get = (url: string, init?: RequestInit) =>
    fetch(url, init).catch((e: unknown) => {
      if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
      return fetch(url, init);
    });
  const errorOf = async (res: Response) => {
    const body: unknown = await res.json();
    expect(errorBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
    const b = body as { serverTime?: number; error: { reason: string } };
    expect(Math.abs((b.serverTime ?? 0) - Date.now())).toBeLessThan(60_000);
    return { status: res.status, reason: b.error.reason };
  };

  it('[SYNC5] every refusal is the JSON error body with serverTime: 404 notFound, 415, 413, 401, 400', async () => {
    expect(await errorOf(await fetch(`${server.url}/api/v1/nothing`))).toEqual({ status: 404, reason: 'notFound' });
    expect(await errorOf(await post('/api/v1/nothing/else', '{}'))).toEqual({ status: 404, reason: 'notFound' });
    const code = await server.enrollCode('counter');
    const enroll = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, code, deviceName: 'x', appVersion: '1' });
    expect(await errorOf(await post('/api/v1/enroll', enroll, { 'content-type': 'text/plain' }))).toEqual({ status: 415, reason: 'unsupportedMediaType' });
    expect(await errorOf(await post('/api/v1/enroll', enroll, {}))).toEqual({ status: 415, reason: 'unsupportedMediaType' });
    const small = createApp({ core: createSyncCore(createMemoryStore()), log: () => undefined, maxBodyBytes: 50 });
    expect(await errorOf(await small.request('/api/v1/enroll', { method: 'POST', headers: json, body: 'x'.repeat(100) }))).toEqual({
      status: 413,
      reason: 'invalid',
    });
    expect(await errorOf(await post('/api/v1/pull', '{}'))).toEqual({ status: 401, reason: 'unknownDevice' });
    expect(await errorOf(await post('/api/v1/upstream/session', '{"userId":"x"}'))).toEqual({ status: 400, reason: 'invalid' });
    expect(await errorOf(await post('/api/v1/enroll', '{"protocolVersion":1,'))).toEqual({ status: 400, reason: 'invalid' });
    // a body that is not UTF-8 is refused, not decoded with replacement characters
    const bad = new Uint8Array([
      ...new TextEncoder().encode('{"protocolVersion":1,"code":"'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('","deviceName":"x","appVersion":"1"}'),
    ]);
    expect(await errorOf(await fetch(`${server.url}/api/v1/enroll`, { method: 'POST', headers: json, body: bad }))).toEqual({ status: 400, reason: 'invalid' });
  });

  it('[SYNC5] a fault inside the server is a JSON 500 with serverTime and the request id of its log line, never the cause', async () => {
    const store = createMemoryStore();
    store.deviceByTokenHash = () => Promise.reject(new Error('secret database detail'));
    const log: string[] = [],
      errors: string[] = [];
    const app = createApp({ core: createSyncCore(store), log: (l) => log.push(l), logError: (l) => errors.push(l) });
    const res = await app.request('/api/v1/devices', { headers: { authorization: `Bearer ${'a'.repeat(43)}` } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    const body = JSON.parse(text) as { requestId: string; serverTime: number; error: { reason: string } };
    expect(body.error.reason).toBe('internal');
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    expect(errors.join('\n')).toContain('secret database detail');
    expect(JSON.parse(log.at(-1)!)).toMatchObject({ requestId: body.requestId, status: 500 });
  });

  it('[OPS1] /api/v1/health says the database answers, the migrations are current and which version runs', async () => {
    const res = await fetch(`${server.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      version: serverVersion(),
      serverTime: expect.any(Number),
      database: { engine: 'pglite', reachable: true },
      migrations: { current: true, applied: MIGRATIONS.length, expected: MIGRATIONS.length, missing: [] },
    });
    expect(serverVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('[OPS1] health is unavailable (503) when a migration is missing or the database does not answer', async () => {
    const db = await openPglite();
    await runMigrations(db, MIGRATIONS.slice(0, -1));
    const behind = await checkHealth(db, MIGRATIONS, '1.0.0', Date.now);
    expect(behind).toMatchObject({ status: 'unavailable', database: { reachable: true }, migrations: { current: false, missing: [MIGRATIONS.at(-1)!.name] } });
    await db.close();
    expect(await checkHealth(db, MIGRATIONS, '1.0.0', Date.now)).toMatchObject({ status: 'unavailable', database: { reachable: false } });
    const app = createApp({ core: createSyncCore(createMemoryStore()), log: () => undefined, health: () => checkHealth(db, MIGRATIONS, '1', Date.now) });
    expect((await app.request('/api/v1/health')).status).toBe(503);
  }, 180_000);

  it("[OPS2] one log line per request: request id (the proxy's when sane), method, path without query, status, duration, device", async () => {
    lines.length = 0;
    const given = await get(`${server.url}/api/v1/health?token=secret`, { headers: { 'x-request-id': 'proxy-req-12345' } });
    const forged = await get(`${server.url}/api/v1/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(given.headers.get('x-request-id')).toBe('proxy-req-12345');
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const code = await server.enrollCode('counter');
    const p = (await (await post('/api/v1/enroll', JSON.stringify({ protocolVersion: PROTOCOL_VERSION, code, deviceName: 'x', appVersion: '1' }))).json()) as {
      token: string;
      deviceId: string;
    };
    await get(`${server.url}/api/v1/devices`, { headers: { authorization: `Bearer ${p.token}` } });
    // the line is written once the answer is on its way: the client may read it first
    await expect.poll(() => lines.length).toBe(4);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({ requestId: 'proxy-req-12345', method: 'GET', path: '/api/v1/health', status: 200, ms: expect.any(Number) });
    expect(lines[0]).not.toContain('secret');
    expect(parsed[1]!.requestId).toBe(forged.headers.get('x-request-id'));
    expect(parsed[3]).toMatchObject({ path: '/api/v1/devices', status: 200, principal: p.deviceId });
  });

  it('[OPS4] closing lets a request under way finish, then refuses new connections and closes the database', async () => {
    const s = await startTestServer({ storage: 'memory' });
    const code = await s.enrollCode('counter');
    const p = (await (
      await fetch(`${s.url}/api/v1/enroll`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, code, deviceName: 'x', appVersion: '1' }),
      })
    ).json()) as { token: string; deviceId: string; communeId: string };
    const events = Array.from({ length: 400 }, (_, i) =>
      buildReceived({}, { deviceId: p.deviceId, communeId: p.communeId, dossierId: `000.00.06.H56-260302-${1000 + i}`, deviceSeq: i + 1 }),
    );
    const inFlight = fetch(`${s.url}/api/v1/push`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${p.token}` },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, events, status: STATUS }),
    });
    await new Promise((r) => setTimeout(r, 30)); // the request is under way
    const closing = s.close(20_000);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(400);
    await closing;
    await expect(fetch(`${s.url}/api/v1/health`)).rejects.toThrow();
    await expect(s.admin.store.countEvents()).rejects.toThrow();
  }, 180_000);
});

describe('[SYNC6] the client address behind a proxy', () => {
  it('[SYNC6] is the entry the trusted proxies appended, counted from the right; never what the client wrote', () => {
    expect(forwardedClient('6.6.6.6, 10.0.0.7', 1)).toBe('10.0.0.7');
    expect(forwardedClient('6.6.6.6,  7.7.7.7 ,10.0.0.7', 1)).toBe('10.0.0.7');
    expect(forwardedClient('6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(forwardedClient('10.0.0.7', 2)).toBeNull(); // shorter than the hops: the socket's peer instead
    expect(forwardedClient('6.6.6.6', 0)).toBeNull();
    expect(forwardedClient(undefined, 1)).toBeNull();
  });

  it('[SYNC6] a client forging X-Forwarded-For through a real proxy cannot escape the enrollment rate limit', async () => {
    const server = await startTestServer({ storage: 'memory', trustedProxyHops: 1, enrollPerMinute: 3 });
    const target = new URL(server.url);
    // a reverse proxy that appends the address it saw, as nginx's $proxy_add_x_forwarded_for does
    const proxy: Server = createServer((req, res) => {
      const seen = req.socket.remoteAddress ?? '';
      const xff = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${seen}` : seen;
      const up = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, 'x-forwarded-for': xff } },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${proxyUrl}/api/v1/enroll`, {
          method: 'POST',
          headers: { ...json, 'x-forwarded-for': `198.51.100.${i}` },
          body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, code: 'WRONG-CODE1', deviceName: 'x', appVersion: '1' }),
        });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      expect(statuses).toEqual([403, 403, 403, 429, 429]);
    } finally {
      await new Promise((r) => proxy.close(r));
      await server.stop();
    }
  }, 180_000);
});

describe('[OPS3] configuration is read and checked once at start', () => {
  it('[OPS3] defaults, and a clear message naming each wrong variable', () => {
    expect(readConfig({})).toMatchObject({
      ok: true,
      config: { port: 8080, host: '127.0.0.1', databaseUrl: null, trustedProxyHops: 0, shutdownGraceMs: 10_000 },
    });
    expect(readConfig({ PORT: '0', TRUST_PROXY: '2', DATABASE_URL: 'postgres://u@db:5432/motcua' })).toMatchObject({
      ok: true,
      config: { port: 0, trustedProxyHops: 2, databaseUrl: 'postgres://u@db:5432/motcua' },
    });
    expect(readConfig({ TRUST_PROXY: '1' })).toMatchObject({ ok: true, config: { trustedProxyHops: 1 } });
    const bad = readConfig({ PORT: '80a', DATABASE_URL: 'mysql://x@y/z', TRUST_PROXY: 'maybe', SHUTDOWN_GRACE_MS: '-1' });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toEqual([
      expect.stringMatching(/^TRUST_PROXY must be a whole number/),
      expect.stringMatching(/^PORT must be a whole number from 0 to 65535, not "80a"/),
      expect.stringMatching(/^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//),
      expect.stringMatching(/^SHUTDOWN_GRACE_MS/),
    ]);
    expect(readConfig({ DATABASE_URL: 'not a url' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/DATABASE_URL is not a URL/)] });
    expect(readConfig({ DATABASE_URL: 'postgres://db:5432' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/names no database/)] });
    expect(readConfig({ PORT: '70000' }).ok).toBe(false);
  });
});
