import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectorConfig } from '../../../src/server/connector/config';
import { isSuccessCode, parseAnswer, saysSessionGone } from '../../../src/server/connector/dvcqg/client';
import { createHmacFileLinks } from '../../../src/server/connector/fileLinks';
import { createJsonPoster, HttpFailure } from '../../../src/server/connector/http';

const FULL = {
  PORTAL_ENDPOINT: 'https://lgsp.example.gov.vn/api',
  PORTAL_AUTH_ENDPOINT: 'https://lgsp.example.gov.vn/auth',
  PORTAL_USERNAME: 'xa-demo',
  PORTAL_PASSWORD: 'secret-pw',
  PORTAL_MADONVI: '000.00.06.H56',
};

describe('[CON13] configuration from the environment, checked at start', () => {
  it('off when no PORTAL_* variable is set', () => {
    expect(connectorConfig({})).toEqual({ kind: 'off' });
    expect(connectorConfig({ DATABASE_URL: 'x', PORTAL_ENDPOINT: '' })).toEqual({ kind: 'off' });
  });

  it('on with the required ones, with defaults', () => {
    const c = connectorConfig(FULL);
    if (c.kind !== 'on') throw new Error(JSON.stringify(c));
    expect(c.settings.portal).toEqual({
      endpoint: FULL.PORTAL_ENDPOINT,
      authEndpoint: FULL.PORTAL_AUTH_ENDPOINT,
      username: 'xa-demo',
      password: 'secret-pw',
      madonvi: '000.00.06.H56',
      sessionTtlMs: 600_000,
    });
    expect(c.settings).toMatchObject({ connectTimeoutMs: 5000, readTimeoutMs: 30_000, worker: { batchSize: 50, maxInFlight: 4 }, links: null });
    expect(c.settings.worker.leaseMs).toBeGreaterThan(4 * 35_000);
  });

  it('every problem listed at once, and the password never in them', () => {
    const c = connectorConfig({ PORTAL_ENDPOINT: 'ftp://x', PORTAL_PASSWORD: 'secret-pw', PORTAL_BATCH_SIZE: '0', PORTAL_LINK_SECRET: 'short' });
    if (c.kind !== 'invalid') throw new Error('invalid expected');
    expect(c.problems).toEqual(
      expect.arrayContaining([
        'PORTAL_ENDPOINT must be an http(s) URL',
        'PORTAL_AUTH_ENDPOINT is required',
        'PORTAL_USERNAME is required',
        'PORTAL_MADONVI is required',
        'PORTAL_BATCH_SIZE must be a whole number from 1 to 500',
        'PORTAL_LINK_SECRET must be at least 32 characters',
      ]),
    );
    expect(c.problems.join('\n')).not.toContain('secret-pw');
  });

  it('the password and the link secret may come from secrets files', () => {
    const files: Record<string, string> = { '/run/secrets/pw': 'from-file\n', '/run/secrets/link': `${'k'.repeat(40)}\n` };
    const read = (p: string) => {
      if (!(p in files)) throw new Error('ENOENT');
      return files[p]!;
    };
    const env = {
      ...FULL,
      PORTAL_PASSWORD: undefined,
      PORTAL_PASSWORD_FILE: '/run/secrets/pw',
      PORTAL_PUBLIC_URL: 'https://motcua.example.vn',
      PORTAL_LINK_SECRET_FILE: '/run/secrets/link',
    };
    const c = connectorConfig(env, read);
    if (c.kind !== 'on') throw new Error(JSON.stringify(c));
    expect(c.settings.portal.password).toBe('from-file');
    expect(c.settings.links).toEqual({ publicUrl: 'https://motcua.example.vn', secret: 'k'.repeat(40) });
    expect(connectorConfig({ ...env, PORTAL_PASSWORD_FILE: '/nope' }, read)).toMatchObject({
      kind: 'invalid',
      problems: ['PORTAL_PASSWORD_FILE: cannot read the file', 'PORTAL_PASSWORD or PORTAL_PASSWORD_FILE is required'],
    });
  });
});

describe("[CON10] the portal's answers", () => {
  it('error_code 0, "0" and "00" are success; anything else is not', () => {
    for (const c of [0, '0', '00']) expect(isSuccessCode(c)).toBe(true);
    for (const c of [1, '1', '000', '', null, undefined, '-1', 'OK']) expect(isSuccessCode(c)).toBe(false);
  });

  it('an answer without error_code, or not JSON, is malformed', () => {
    expect(parseAnswer('{"error_code":"00","message":"ok","result":[1]}')).toEqual({ errorCode: '00', message: 'ok', result: [1] });
    expect(parseAnswer('{"error_code":0,"session":"s1"}')).toMatchObject({ errorCode: '0', session: 's1' });
    for (const t of ['<html>', '[]', '{"message":"x"}', '{"error_code":null}', '']) expect(parseAnswer(t)).toBeNull();
  });

  it('a session is gone on HTTP 401 or when the answer says so', () => {
    expect(saysSessionGone(401, null)).toBe(true);
    expect(saysSessionGone(200, { errorCode: '-1', message: 'Session không hợp lệ', result: null })).toBe(true);
    expect(saysSessionGone(200, { errorCode: '5', message: 'Phiên làm việc đã hết hạn', result: null })).toBe(true);
    expect(saysSessionGone(200, { errorCode: '10', message: 'Mã TTHC không đúng', result: null })).toBe(false);
    expect(saysSessionGone(200, { errorCode: '0', message: 'session ok', result: null })).toBe(false);
  });
});

describe('[CON8] calls have a connect and a read timeout', () => {
  it('a connection that never completes fails after the connect timeout', async () => {
    // a lookup that never answers keeps the socket connecting
    const post = createJsonPoster({ connectTimeoutMs: 200, readTimeoutMs: 5000, maxSockets: 1, lookup: () => undefined });
    const started = Date.now();
    await expect(post('http://portal.invalid/api', {}, {})).rejects.toMatchObject({ kind: 'connectTimeout' });
    expect(Date.now() - started).toBeLessThan(3000);
    post.close();
  });

  it('an answer that never comes fails after the read timeout; a prompt one is read', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"error_code":0}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = createJsonPoster({ connectTimeoutMs: 1000, readTimeoutMs: 200, maxSockets: 2 });
    expect(await post(`${base}/fast`, { a: 'ă' }, {})).toEqual({ status: 200, text: '{"error_code":0}' });
    const e = await post(`${base}/slow`, {}, {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpFailure);
    expect((e as HttpFailure).kind).toBe('readTimeout');
    const aborted = new AbortController();
    const p = post(`${base}/slow`, {}, {}, aborted.signal);
    aborted.abort();
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
    post.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});

describe('[CON11] signed file links', () => {
  const links = createHmacFileLinks({ publicUrl: 'https://motcua.example.vn/', secret: 'x'.repeat(32) });
  const sha = 'c'.repeat(64);
  const tokenOf = (url: string) => url.split('/portal-files/')[1]!.split('/')[0]!;
  it('a link names the commune and file until it expires, and nothing personal', () => {
    const url = links.sign({ communeId: 'xa-demo', sha256: sha, name: 'giấy khai sinh.pdf' }, 2_000);
    expect(url.startsWith('https://motcua.example.vn/api/v1/portal-files/')).toBe(true);
    expect(url.endsWith('/gi%E1%BA%A5y%20khai%20sinh.pdf')).toBe(true);
    expect(links.verify(tokenOf(url), 1_999)).toEqual({ ok: true, claim: { communeId: 'xa-demo', sha256: sha, expiresAt: 2_000 } });
    expect(links.verify(tokenOf(url), 2_000)).toEqual({ ok: false, why: 'expired' });
  });
  it('an altered or foreign link is invalid', () => {
    const token = tokenOf(links.sign({ communeId: 'xa-demo', sha256: sha, name: 'a' }, 9e12));
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'xa-khac', h: sha, e: 9e12 })).toString('base64url');
    expect(links.verify(`${forged}.${sig}`, 0)).toEqual({ ok: false, why: 'invalid' });
    expect(links.verify(`${body}.${sig}x`, 0)).toEqual({ ok: false, why: 'invalid' });
    expect(links.verify(body!, 0)).toEqual({ ok: false, why: 'invalid' });
    expect(createHmacFileLinks({ publicUrl: 'https://x', secret: 'y'.repeat(32) }).verify(token, 0)).toEqual({ ok: false, why: 'invalid' });
    expect(() => createHmacFileLinks({ publicUrl: 'https://x', secret: 'short' })).toThrow();
  });
});
