import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPortal } from '../../../src/server/connector/check';
import { connectorConfig } from '../../../src/server/connector/config';
import { startFakePortal, type FakePortal } from '../../support/fakePortal';

describe('[CON13] portal-check: the configuration as read, and whether the portal signs us in', () => {
  let portal: FakePortal;
  beforeAll(async () => {
    portal = await startFakePortal();
  });
  afterAll(async () => {
    await portal.stop();
  });
  const env = (o: Record<string, string> = {}) => ({
    PORTAL_ENDPOINT: portal.endpoint,
    PORTAL_AUTH_ENDPOINT: portal.authEndpoint,
    PORTAL_USERNAME: portal.username,
    PORTAL_PASSWORD: portal.password,
    PORTAL_MADONVI: portal.madonvi,
    ...o,
  });

  it('[CON13] a right configuration: signed in, the lookup answered; the password never printed', async () => {
    const r = await checkPortal(connectorConfig(env()));
    expect(r.ok).toBe(true);
    expect(r.lines.join('\n')).toContain('signed us in');
    expect(r.lines.join('\n')).toContain(`madonvi ${portal.madonvi}`);
    expect(r.lines.join('\n')).not.toContain(portal.password);
    expect(portal.auths).toBe(1);
  });

  it('[CON13] a wrong password, a wrong unit code, no portal, no configuration: each says why', async () => {
    const wrongPassword = await checkPortal(connectorConfig(env({ PORTAL_PASSWORD: 'wrong-password' })));
    expect(wrongPassword.ok).toBe(false);
    expect(wrongPassword.lines.at(-1)).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(wrongPassword.lines.join('\n')).not.toContain('wrong-password');
    const wrongUnit = await checkPortal(connectorConfig(env({ PORTAL_MADONVI: '000.00.99.H99' })));
    expect(wrongUnit).toMatchObject({ ok: false });
    expect(wrongUnit.lines.at(-1)).toContain('Mã đơn vị không đúng');
    const down = await checkPortal(
      connectorConfig(env({ PORTAL_ENDPOINT: 'http://127.0.0.1:9/api', PORTAL_AUTH_ENDPOINT: 'http://127.0.0.1:9/auth', PORTAL_CONNECT_TIMEOUT_MS: '500' })),
    );
    expect(down.ok).toBe(false);
    expect(down.lines.at(-1)).toContain('could not be used');
    expect(await checkPortal(connectorConfig({}))).toMatchObject({ ok: false, lines: [expect.stringContaining('off')] });
    expect((await checkPortal(connectorConfig({ PORTAL_ENDPOINT: 'nope' }))).lines.join('\n')).toContain('PORTAL_ENDPOINT is not a URL');
  });
});
