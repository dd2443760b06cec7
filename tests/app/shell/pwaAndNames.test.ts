import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { startUpdateChecks, UPDATE_CHECK_MS, watchForWaiting, type RegistrationLike } from '../../../src/app/shell/pwa';
import { DEVICE_NAMES_REFRESH_MS, refreshDeviceNames, rememberDeviceName } from '../../../src/app/shell/deviceNames';
import { getMeta, setMeta } from '../../../src/app/db/meta';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import type { DevicesResponse, Transport } from '../../../src/protocol';
import { T0 } from '../../support/builders';

describe('[12.12] a tablet left open checks for a new version', () => {
  it('every UPDATE_CHECK_MS and whenever the page is shown again, until stopped', () => {
    let tick: (() => void) | null = null;
    let cleared = false;
    const listeners = new Map<string, () => void>();
    const doc = {
      visibilityState: 'visible' as DocumentVisibilityState,
      addEventListener: (t: string, f: () => void) => {
        listeners.set(t, f);
      },
      removeEventListener: (t: string) => {
        listeners.delete(t);
      },
    };
    let checks = 0;
    let every = 0;
    const stop = startUpdateChecks(
      () => {
        checks++;
      },
      {
        timers: {
          setInterval: (fn, ms) => {
            tick = fn;
            every = ms;
            return 1;
          },
          clearInterval: () => {
            cleared = true;
          },
        },
        doc: doc as never,
      },
    );
    expect(every).toBe(UPDATE_CHECK_MS);
    expect(UPDATE_CHECK_MS).toBeLessThanOrEqual(60 * 60_000);
    tick!();
    tick!();
    expect(checks).toBe(2);
    listeners.get('visibilitychange')!();
    expect(checks).toBe(3);
    doc.visibilityState = 'hidden';
    listeners.get('visibilitychange')!();
    expect(checks).toBe(3);
    stop();
    expect(cleared).toBe(true);
    expect(listeners.size).toBe(0);
  });
});

describe('[12.12] every new version that installs is offered, the first of the day and the next', () => {
  class FakeWorker extends EventTarget {
    state: ServiceWorkerState = 'installing';
    move(to: ServiceWorkerState) {
      this.state = to;
      this.dispatchEvent(new Event('statechange'));
    }
  }
  const fakeRegistration = () => {
    const target = new EventTarget();
    const reg = {
      waiting: null as ServiceWorker | null,
      installing: null as ServiceWorker | null,
      addEventListener: target.addEventListener.bind(target),
      install(): FakeWorker {
        const sw = new FakeWorker();
        reg.installing = sw as unknown as ServiceWorker;
        target.dispatchEvent(new Event('updatefound'));
        return sw;
      },
      settle(sw: FakeWorker) {
        reg.installing = null;
        reg.waiting = sw as unknown as ServiceWorker;
        sw.move('installed');
      },
    };
    return reg;
  };

  it('offers one already waiting, then each one installed later, never the first install of the device', () => {
    const reg = fakeRegistration();
    const already = new FakeWorker();
    reg.waiting = already as unknown as ServiceWorker;
    let controlled = true;
    const offered: unknown[] = [];
    watchForWaiting(
      reg as RegistrationLike,
      () => controlled,
      (sw) => offered.push(sw),
    );
    expect(offered).toEqual([already]);
    const second = reg.install();
    expect(offered).toHaveLength(1);
    reg.settle(second);
    const third = reg.install();
    reg.settle(third);
    expect(offered).toEqual([already, second, third]);
    controlled = false;
    reg.settle(reg.install());
    expect(offered).toHaveLength(3);
  });

  it('does not offer a version that went straight on to activate', () => {
    const reg = fakeRegistration();
    const offered: unknown[] = [];
    watchForWaiting(
      reg as RegistrationLike,
      () => true,
      (sw) => offered.push(sw),
    );
    const sw = reg.install();
    sw.move('installed');
    expect(offered).toEqual([]);
  });
});

describe('[12.7] device names, never ids', () => {
  const dbs: MotCuaDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  const device = {
    deviceId: 'dev-1',
    token: 'tok',
    role: 'counter',
    communeId: 'xa-demo',
    communeName: 'Xã Demo',
    agencyCode: '000.00.06.H56',
    codeSlot: 1,
    exportKey: 'k',
    serverTime: T0,
  } as const;

  it('its own name from enrollment, the others from GET /devices, asked again only when stale', async () => {
    const db = openDb(`names-${Math.random()}`);
    dbs.push(db);
    await setMeta(db, 'device', device);
    await rememberDeviceName(db, 'dev-1', 'Máy quầy 1');
    let calls = 0;
    const answer: DevicesResponse = {
      serverTime: T0,
      devices: [
        {
          deviceId: 'dev-2',
          name: 'Máy quầy 2',
          role: 'counter',
          codeSlot: 2,
          enrolledAt: T0,
          revokedAt: null,
          lastSeenAt: T0,
          appVersion: null,
          status: null,
        },
      ],
    };
    const transport = {
      devices: async () => {
        calls++;
        return answer;
      },
    } as unknown as Transport;
    expect(await refreshDeviceNames(db, transport, T0)).toBe(true);
    expect((await getMeta(db, 'deviceNames'))?.names).toEqual({ 'dev-1': 'Máy quầy 1', 'dev-2': 'Máy quầy 2' });
    expect(await refreshDeviceNames(db, transport, T0 + DEVICE_NAMES_REFRESH_MS - 1)).toBe(false);
    expect(await refreshDeviceNames(db, transport, T0 + DEVICE_NAMES_REFRESH_MS)).toBe(true);
    expect(calls).toBe(2);
    // offline: the names it has stay
    const failing = {
      devices: async () => {
        throw new Error('offline');
      },
    } as unknown as Transport;
    expect(await refreshDeviceNames(db, failing, T0 + 3 * DEVICE_NAMES_REFRESH_MS)).toBe(false);
    expect((await getMeta(db, 'deviceNames'))?.names['dev-2']).toBe('Máy quầy 2');
  });
});
