import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, TransportError } from '../../../src/protocol';
import { createApp } from '../../../src/server/app';
import { sameSecret } from '../../../src/server/core/secrets';
import { counterCredentials } from '../../../src/server/credentials/counterPin';
import { checkPassword, hashPassword, passwordProblem } from '../../../src/server/credentials/password';
import { DEMO_UPSTREAM_PASSWORD } from '../../../src/server/seed';
import { DAY } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/server';
import { counterDevice, historiesFor, STATUS, storeInterleaved, upstreamClient } from '../upstream/helpers';

const FAST = { N: 1 << 10, r: 8, p: 1 };

describe('[PW1] upstream password strength and hashing', () => {
  it('refuses short, one-kind and name-bearing passwords; accepts mixed ones and long passphrases', () => {
    const u = { id: 'lanh-dao-hoa', name: 'Lê Thị Hoa' };
    expect(passwordProblem('Ab1-short', u)).toBe('tooShort');
    expect(passwordProblem('alllowercaseletters', u)).toBe('tooFewKinds');
    expect(passwordProblem('Hoa-Upstream-2026', u)).toBe('containsName');
    expect(passwordProblem('xx-lanh-dao-hoa-2026-X', u)).toBe('containsName');
    expect(passwordProblem('Demo-Upstream-2026', u)).toBeNull();
    expect(passwordProblem('bon con ngua chay tren dong co', u)).toBeNull();
  });

  it('scrypt: the right password checks, a wrong one does not, two hashes of one password differ', async () => {
    const a = await hashPassword('Demo-Upstream-2026', FAST);
    const b = await hashPassword('Demo-Upstream-2026', FAST);
    expect(a.alg).toBe('scrypt');
    expect(a.hash).not.toBe(b.hash);
    expect(await checkPassword('Demo-Upstream-2026', a)).toBe(true);
    expect(await checkPassword('Demo-Upstream-2027', a)).toBe(false);
  });

  it('secrets compare in constant time and only equal when equal', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it('[PN1] a counter PIN has at least six digits', () => {
    expect(() => counterCredentials('1234', 1000)).toThrow();
    expect(counterCredentials('135790', 1000).vault.alg).toBe('rsa-oaep-256');
  });
});

describe('[PD1] what a stolen counter token can and cannot obtain', () => {
  let server: TestServer;
  let device: Awaited<ReturnType<typeof counterDevice>>;
  const now = Date.now();

  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    device = await counterDevice(server, 'xa-demo');
    const other = await counterDevice(server, 'xa-b');
    await server.admin.store.upsertUser({ id: 'can-bo-b', communeId: 'xa-b', name: 'Đỗ Văn Bảo', role: 'officer', ...counterCredentials('112233', 1000) }, now);
    // an upstream-only supervisor of Xã Demo (no PIN) and a deactivated officer
    await server.admin.store.upsertUser({ id: 'huyen-an', communeId: 'xa-demo', name: 'Vũ Thị An', role: 'supervisor', pin: null }, now);
    await server.admin.credentials.setPassword('huyen-an', await hashPassword('An-Huyen-Office-2026', FAST), now);
    await server.admin.store.upsertUser(
      { id: 'can-bo-cu', communeId: 'xa-demo', name: 'Cán Bộ Cũ', role: 'officer', ...counterCredentials('445566', 1000) },
      now,
    );
    await server.admin.store.setUserActive('can-bo-cu', false, now);
    await storeInterleaved(server, 'xa-b', historiesFor(7, 5, now - 5 * DAY, 3, 'xa-b', other.profile.deviceId, now));
  }, 120_000);
  afterAll(() => server?.stop());

  it("the users reference holds only its own commune's active counter users, and no password or password hash", async () => {
    const ref = await device.transport.reference(device.profile.token, 'users');
    if (ref.kind !== 'users') throw new Error('users expected');
    expect(ref.body.users.map((u) => u.id).sort()).toEqual(['can-bo-lan', 'can-bo-minh', 'lanh-dao-hoa']);
    const text = JSON.stringify(ref);
    expect(text).not.toContain('password');
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain(DEMO_UPSTREAM_PASSWORD.password);
    expect(text).not.toContain('Vũ Thị An');
    expect(text).not.toContain('Đỗ Văn Bảo');
    for (const u of ref.body.users) {
      expect(u.pin.iterations).toBeGreaterThanOrEqual(1000);
      expect(u.vault?.alg).toBe('rsa-oaep-256');
    }
  });

  it('pull and devices answer only its own commune; no answer to the device carries the password', async () => {
    const pulled = await device.transport.pull(device.profile.token, { protocolVersion: PROTOCOL_VERSION, after: 0, limit: 500, status: STATUS });
    if (pulled.kind !== 'events') throw new Error('events expected');
    expect(pulled.events.every((e) => e.event.communeId === 'xa-demo')).toBe(true);
    const devices = await device.transport.devices(device.profile.token);
    expect(JSON.stringify(devices)).not.toContain('xa-b');
    for (const answer of [pulled, devices]) expect(JSON.stringify(answer)).not.toMatch(/password|scrypt/);
  });

  it("nothing a tablet holds opens the upstream office: the device token, the supervisor's PIN, her verifier", async () => {
    const c = upstreamClient(server);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (e instanceof TransportError ? e.status : 'other'),
      );
    expect(await refusal(c.devices(device.profile.token))).toBe(401);
    expect(await refusal(c.late(device.profile.token))).toBe(401);
    const ref = await device.transport.reference(device.profile.token, 'users');
    if (ref.kind !== 'users') throw new Error('users expected');
    const hoa = ref.body.users.find((u) => u.id === 'lanh-dao-hoa')!;
    for (const password of ['975310', hoa.pin.hash, hoa.vault!.sealedPrivateKey.slice(0, 150), device.profile.token]) {
      expect(await refusal(c.signIn({ login: 'lanh-dao-hoa', password }))).toBe(403);
    }
    const ok = await c.signIn({ login: 'Le Thi Hoa', password: DEMO_UPSTREAM_PASSWORD.password }); // her name, typed without marks
    expect(ok.user.id).toBe('lanh-dao-hoa');
    expect(JSON.stringify(ok)).not.toMatch(/password|scrypt/);
    expect((await c.names()).names).toEqual(['Lê Thị Hoa', 'Vũ Thị An']);
  });

  it('sign-in is limited per user across addresses and per address, with the lockout time in the answer', async () => {
    const app = createApp({
      core: server.admin.core,
      upstream: server.admin.upstream.core,
      trustedProxyHops: 1,
      signInLimits: { perUser: 3, perAddress: 5, windowMs: 15 * 60_000 },
    });
    const attempt = (login: string, ip: string) =>
      app.request('/api/v1/upstream/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ login, password: 'Wrong-Password-1' }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt('lanh-dao-hoa', `10.0.0.${i}`)).status).toBe(403);
    const locked = await attempt('Lê Thị Hoa', '10.0.0.9'); // the same person by name, from a fourth address
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(/locked for 15 minute/);
    for (let i = 0; i < 5; i++) await attempt(`nobody-${i}`, '10.0.1.1');
    expect((await attempt('huyen-an', '10.0.1.1')).status).toBe(429); // the address is spent
  });
});
