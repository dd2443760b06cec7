import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enrollDevice, normaliseEnrollCode } from '../../../src/app/sync/enroll';
import { buildOutboxFile, outboxFileName } from '../../../src/app/sync/exportOutbox';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { clockWarning, clockWarningMessage, CLOCK_TOLERANCE_MS } from '../../../src/app/sync/clock';
import { webLock } from '../../../src/app/sync/lock';
import { getMeta } from '../../../src/app/db/meta';
import { outboxFileSchema, TransportError, verifyOutboxFile } from '../../../src/protocol';
import { createI18n } from '../../../src/app/i18n';
import { T0 } from '../../support/builders';
import { demoServer, enrolled, freshDb, HOUR_MS, intake } from './helpers';

describe('enrollment', () => {
  it('stores the profile and the reference documents of a counter', async () => {
    const server = demoServer();
    const db = freshDb();
    const code = server.enrollCode('counter');
    const r = await enrollDevice(db, server.transport, {
      code: ` ${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `,
      deviceName: 'Quầy 1',
      appVersion: '1.0',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ role: 'counter', communeId: 'xa-demo', codeSlot: 1 });
    expect(await getMeta(db, 'device')).toEqual(r.value);
    expect((await getMeta(db, 'catalog'))?.body.procedures.length).toBeGreaterThan(10);
    expect((await getMeta(db, 'calendar'))?.body.calendars).toHaveLength(1);
    expect((await getMeta(db, 'users'))?.body.users.map((u) => u.id)).toEqual(['officer-lan']);
    expect((await getMeta(db, 'sync'))?.lastError).toBeNull();
  });

  it('a kiosk gets no users (nothing personal)', async () => {
    const server = demoServer();
    const k = await enrolled(server.enrollCode, server.transport, 'kiosk');
    expect(k.profile.role).toBe('kiosk');
    expect(await getMeta(k.db, 'users')).toBeUndefined();
    expect(await getMeta(k.db, 'calendar')).toBeDefined();
  });

  it('a wrong or used code is a clear error and stores nothing', async () => {
    const server = demoServer();
    const db = freshDb();
    const bad = await enrollDevice(db, server.transport, { code: 'NOPE123', deviceName: 'x', appVersion: '1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'enroll.badCode' } });
    const code = server.enrollCode('counter');
    expect((await enrollDevice(freshDb(), server.transport, { code, deviceName: 'x', appVersion: '1' })).ok).toBe(true);
    expect(await enrollDevice(db, server.transport, { code, deviceName: 'x', appVersion: '1' })).toMatchObject({
      ok: false,
      error: { code: 'enroll.badCode' },
    });
    expect(await enrollDevice(db, server.transport, { code: ' - ', deviceName: 'x', appVersion: '1' })).toMatchObject({
      ok: false,
      error: { code: 'enroll.badCode' },
    });
    expect(await db.meta.count()).toBe(0);
  });

  it('offline and rate-limited enrollments say so', async () => {
    const server = demoServer();
    server.failNext(new TransportError(null, null, 'network'));
    expect(await enrollDevice(freshDb(), server.transport, { code: server.enrollCode('counter'), deviceName: 'x', appVersion: '1' })).toMatchObject({
      ok: false,
      error: { code: 'enroll.offline' },
    });
    server.failNext(new TransportError(429, 'rateLimited', 'slow', [], 60_000));
    expect(await enrollDevice(freshDb(), server.transport, { code: server.enrollCode('counter'), deviceName: 'x', appVersion: '1' })).toMatchObject({
      ok: false,
      error: { code: 'server.rateLimited' },
    });
  });

  it('normalises a code typed with spaces, dashes and lower case', () => {
    expect(normaliseEnrollCode(' ab12-cd 34 ')).toBe('AB12CD34');
  });
});

describe('outbox export', () => {
  it('signs every unsent event; the upstream import takes them; a later push changes nothing', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    for (let i = 0; i < 3; i++) await intake(a, T0 + i * 60_000, `Công dân ${i}`);
    const built = await buildOutboxFile(a.db, T0 + HOUR_MS);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const file = outboxFileSchema.parse(JSON.parse(JSON.stringify(built.value)));
    expect(file.events.map((e) => e.deviceSeq)).toEqual([1, 2, 3]);
    expect(await verifyOutboxFile(a.profile.exportKey, file)).toBe(true);
    expect(await verifyOutboxFile(a.profile.exportKey, { ...file, events: file.events.slice(1) })).toBe(false);
    expect(outboxFileName(file)).toMatch(/^motcua-outbox-xa-demo-2026-03-02-[A-Za-z0-9-]+\.json$/);
    // exporting keeps the items: nothing leaves the device before the server has it
    expect(await a.db.outbox.count()).toBe(3);

    expect((await server.importOutbox(file)).map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await createSyncEngine({ db: a.db, transport: server.transport, appVersion: 't' }).runOnce()).toMatchObject({ kind: 'synced', pushed: 3 });
    expect(server.eventCount()).toBe(3);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('includes failed items too, and refuses when the device is not enrolled', async () => {
    const server = demoServer();
    const a = await enrolled(server.enrollCode, server.transport);
    await intake(a, T0);
    const [item] = await a.db.outbox.toArray();
    await a.db.outbox.update(item!.eventId, { state: 'failed', permanent: true, lastError: 'errors:server.forbidden' });
    const built = await buildOutboxFile(a.db);
    expect(built.ok && built.value.events).toHaveLength(1);
    expect(await buildOutboxFile(freshDb())).toMatchObject({ ok: false, error: { code: 'sync:export.notEnrolled' } });
  });
});

describe('clock warning', () => {
  it('warns beyond 2 minutes either way, not within', () => {
    expect(clockWarning(null)).toBeNull();
    expect(clockWarning(CLOCK_TOLERANCE_MS)).toBeNull();
    expect(clockWarning(-CLOCK_TOLERANCE_MS)).toBeNull();
    expect(clockWarning(CLOCK_TOLERANCE_MS + 60_000)).toEqual({ direction: 'behind', minutes: 3 });
    expect(clockWarning(-3 * HOUR_MS - 25 * 60_000)).toEqual({ direction: 'ahead', minutes: 205 });
  });

  it('says it in Vietnamese, with hours when it is hours', () => {
    const t = createI18n('vi').t;
    const say = (ms: number) => {
      const w = clockWarning(ms);
      if (!w) return '';
      const m = clockWarningMessage(w);
      return t(m.key, m.params);
    };
    expect(say(5 * 60_000)).toMatch(/^Đồng hồ của thiết bị đang chậm 5 phút so với máy chủ/);
    expect(say(-(3 * HOUR_MS + 25 * 60_000))).toMatch(/^Đồng hồ của thiết bị đang nhanh 3 giờ 25 phút/);
  });
});

describe('cross-tab lock', () => {
  it('uses navigator.locks with ifAvailable, and skips when another tab holds it', async () => {
    const requests: { name: string; ifAvailable: boolean }[] = [];
    let free = true;
    const locks = {
      async request<T>(name: string, options: { ifAvailable: true }, cb: (lock: unknown) => Promise<T>): Promise<T> {
        requests.push({ name, ifAvailable: options.ifAvailable });
        return cb(free ? { name } : null);
      },
    };
    const lock = webLock(locks);
    expect(await lock(async () => 'ran')).toBe('ran');
    free = false;
    expect(await lock(async () => 'ran')).toBeNull();
    expect(requests).toEqual([
      { name: 'mot-cua-sync', ifAvailable: true },
      { name: 'mot-cua-sync', ifAvailable: true },
    ]);
  });
});
