import 'fake-indexeddb/auto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/app/db/schema';
import { createI18n } from '../../../src/app/i18n';
import { ServicesProvider } from '../../../src/app/shell/services';
import { canListDevices, fetchDevices, isSilent, lineOf, SILENT_AFTER_MS, sortLines } from '../../../src/app/supervisor/devices';
import { SupervisorScreen } from '../../../src/app/supervisor/SupervisorScreen';
import { createHttpTransport, type DeviceInfo, type Transport } from '../../../src/protocol';

const NOW = 1_800_000_000_000;
const info = (o: Partial<DeviceInfo>): DeviceInfo => ({
  deviceId: 'd',
  name: 'Máy',
  role: 'counter',
  codeSlot: 1,
  enrolledAt: NOW - 1e9,
  revokedAt: null,
  lastSeenAt: NOW - 60_000,
  appVersion: '0.1.0',
  status: null,
  ...o,
});

describe('device sync status', () => {
  it('a device silent for longer than the limit stands out; revoked ones do not', () => {
    expect(isSilent({ lastSeenAt: NOW - SILENT_AFTER_MS - 1, revoked: false }, NOW)).toBe(true);
    expect(isSilent({ lastSeenAt: NOW - SILENT_AFTER_MS, revoked: false }, NOW)).toBe(false);
    expect(isSilent({ lastSeenAt: null, revoked: false }, NOW)).toBe(true);
    expect(isSilent({ lastSeenAt: null, revoked: true }, NOW)).toBe(false);
  });

  it('silent first, then the most pending; this device is marked', () => {
    const status = (pendingCount: number) => ({
      pendingCount,
      oldestPendingAt: null,
      lastError: null,
      appVersion: '0.1.0',
      storagePersisted: true,
      clockOffsetMs: 0,
      lastSyncAt: NOW,
    });
    const lines = [
      info({ deviceId: 'a', name: 'A', status: status(0) }),
      info({ deviceId: 'b', name: 'B', status: status(5) }),
      info({ deviceId: 'c', name: 'C', lastSeenAt: NOW - 3 * SILENT_AFTER_MS }),
    ].map((d) => lineOf(d, 'a'));
    expect(sortLines(lines, NOW).map((l) => l.deviceId)).toEqual(['c', 'b', 'a']);
    expect(lines.find((l) => l.self)?.deviceId).toBe('a');
  });

  it('lists devices only through a transport that can; the HTTP one calls GET /api/v1/devices with the token', async () => {
    const plain = { enroll: null, push: null, pull: null, reference: null } as unknown as Transport;
    expect(canListDevices(plain)).toBe(false);
    await expect(fetchDevices(plain, 't')).rejects.toThrow();
    const calls: { url: string; auth: string | null }[] = [];
    const http = createHttpTransport({
      baseUrl: 'http://x',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, auth: new Headers(init.headers).get('authorization') });
        return new Response(JSON.stringify({ serverTime: NOW, devices: [info({})] }), { status: 200, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    expect(canListDevices(http)).toBe(true);
    const res = await fetchDevices(http, 'tok');
    expect(res.devices).toHaveLength(1);
    expect(calls).toEqual([{ url: 'http://x/api/v1/devices', auth: 'Bearer tok' }]);
  });
});

describe('the supervisor screen', () => {
  it('renders its tabs in Vietnamese, with no raw keys', () => {
    const db = openDb(`sv-screen-${Math.random()}`);
    const services = { db, transport: createHttpTransport({ baseUrl: '' }), appVersion: '0.1.0', now: () => NOW };
    const html = renderToStaticMarkup(
      createElement(I18nextProvider, { i18n: createI18n('vi') }, createElement(ServicesProvider, { services, children: createElement(SupervisorScreen) })),
    );
    for (const s of ['Giám sát', 'Quá hạn và sắp đến hạn', 'Xin lỗi, hẹn lại', 'Báo cáo kỳ (Biểu 06)', 'Chỉ tiêu và chỉ số', 'Đồng bộ thiết bị'])
      expect(html).toContain(s);
    expect(html).not.toMatch(/supervisor:|tabs\.|late\./);
  });
});
