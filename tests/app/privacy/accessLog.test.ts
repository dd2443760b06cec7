import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/app/db/migrations';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { setMeta } from '../../../src/app/db/meta';
import { forgetLastView, pushAccessLog, recordAccess, retryFailedAccess, unsyncedAccess } from '../../../src/app/privacy/accessLog';
import { createSyncEngine } from '../../../src/app/sync/engine';
import {
  accessCursor,
  codeMatches,
  dossierChunks,
  isRepeatView,
  MAX_DOSSIERS_PER_RECORD,
  parseAccessCursor,
  REPEAT_VIEW_MS,
} from '../../../src/domain/privacy/accessLog';
import {
  accessRecordSchema,
  parseAccessPush,
  PROTOCOL_VERSION,
  TransportError,
  type AccessPushRequest,
  type AccessPushResult,
  type AccessTransport,
} from '../../../src/protocol';
import { CODE, T0 } from '../../support/builders';
import { demoServer, enrolled } from '../sync/helpers';

const dbs: MotCuaDb[] = [];
const fresh = () => {
  const db = openDb(`access-${Math.random()}`);
  dbs.push(db);
  return db;
};
beforeEach(() => forgetLastView());
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const CODE2 = '000.00.06.H56-260302-1002';
const view = (at: number, o: Partial<{ actorId: string; dossierIds: string[]; kind: 'view' | 'print' }> = {}) => ({
  actorId: 'can-bo-lan',
  kind: 'view' as const,
  dossierIds: [CODE],
  detail: 'dossier',
  at,
  ...o,
});

/** A server in memory that answers like the real one: each record once, a chosen few refused. */
function fakeAccess(
  o: { refuse?: (id: string) => boolean; fail?: () => TransportError | null } = {},
): AccessTransport & { stored: Map<string, unknown>; calls: AccessPushRequest[] } {
  const stored = new Map<string, unknown>();
  const calls: AccessPushRequest[] = [];
  return {
    stored,
    calls,
    async pushAccess(_token, req) {
      calls.push(req);
      const f = o.fail?.();
      if (f) throw f;
      const results = req.records.map((r): AccessPushResult => {
        if (o.refuse?.(r.id)) return { id: r.id, outcome: 'rejected', reason: 'forbidden', message: `${r.actorId} is not a user of this device's commune` };
        const had = stored.has(r.id);
        stored.set(r.id, r);
        return { id: r.id, outcome: had ? 'duplicate' : 'accepted' };
      });
      return { serverTime: T0, results };
    },
    accessLog: () => Promise.reject(new Error('not used')),
    dossierEvents: () => Promise.reject(new Error('not used')),
  };
}

describe('[PD4c] a repeated view is one access; prints, exports and files always count', () => {
  it('the same person on the same dossiers within five minutes, to the millisecond', () => {
    expect(isRepeatView(view(T0), view(T0 + REPEAT_VIEW_MS - 1))).toBe(true);
    expect(isRepeatView(view(T0), view(T0 + REPEAT_VIEW_MS))).toBe(false);
    expect(isRepeatView(view(T0), view(T0 + 1000, { actorId: 'can-bo-minh' }))).toBe(false);
    expect(isRepeatView(view(T0), view(T0 + 1000, { dossierIds: [CODE2] }))).toBe(false);
    expect(isRepeatView(view(T0, { dossierIds: [CODE, CODE2] }), view(T0 + 1000, { dossierIds: [CODE2, CODE] }))).toBe(true);
    expect(isRepeatView(view(T0), view(T0 + 1000, { kind: 'print' }))).toBe(false);
    expect(isRepeatView(view(T0, { kind: 'print' }), view(T0 + 1000))).toBe(false);
    expect(isRepeatView(view(T0 + 1000), view(T0))).toBe(false); // the clock went back: recorded
    expect(isRepeatView(undefined, view(T0))).toBe(false);
  });

  it('on the tablet: a second view is not written, a print is, and a view of another person is', async () => {
    const db = fresh();
    const rec = (o: Parameters<typeof view>[1], at: number) => recordAccess(db, { ...view(at, o) }, at);
    expect(await rec({}, T0)).toHaveLength(1);
    expect(await rec({}, T0 + 60_000)).toHaveLength(0);
    expect(await rec({ kind: 'print' }, T0 + 61_000)).toHaveLength(1);
    expect(await rec({ kind: 'print' }, T0 + 62_000)).toHaveLength(1);
    expect(await rec({ actorId: 'can-bo-minh' }, T0 + 63_000)).toHaveLength(1);
    expect(await rec({}, T0 + 64_000)).toHaveLength(1); // Minh's view came between: Lan's is new again
    expect(await db.accessLog.count()).toBe(5);
  });
});

describe('[PD4b] what a record holds, on the tablet and on the wire', () => {
  it('who, when, which dossiers, what kind; a list longer than one record is several records', async () => {
    const db = fresh();
    const ids = Array.from({ length: MAX_DOSSIERS_PER_RECORD * 2 + 10 }, (_, i) => `000.00.06.H56-260302-${String(i).padStart(5, '0')}`);
    const written = await recordAccess(db, { actorId: 'lanh-dao-hoa', kind: 'export', dossierIds: [...ids, ids[0]!], detail: 'logbook.xlsx' }, T0);
    expect(written).toHaveLength(3);
    const rows = await db.accessLog.bulkGet(written);
    expect(rows.map((r) => r!.dossierIds.length)).toEqual([MAX_DOSSIERS_PER_RECORD, MAX_DOSSIERS_PER_RECORD, 10]);
    expect(new Set(rows.flatMap((r) => r!.dossierIds)).size).toBe(ids.length);
    expect(rows[0]).toMatchObject({ at: T0, actorId: 'lanh-dao-hoa', kind: 'export', detail: 'logbook.xlsx', state: 'pending' });
    expect(await recordAccess(db, { actorId: 'x', kind: 'export', dossierIds: [], detail: 'logbook.csv' }, T0)).toEqual([]);
  });

  it('the detail is a code, never a name: the schema refuses text with spaces or diacritics', () => {
    const base = { id: '0190f0f0-0000-7000-8000-000000000001', at: T0, actorId: 'can-bo-lan', kind: 'view', dossierIds: [CODE] };
    expect(accessRecordSchema.safeParse({ ...base, detail: 'receipt' }).success).toBe(true);
    expect(accessRecordSchema.safeParse({ ...base, detail: 'a'.repeat(64) }).success).toBe(true);
    for (const detail of ['Nguyễn Thị Đào', 'nguyen thi dao', '', 'x'.repeat(101)])
      expect(accessRecordSchema.safeParse({ ...base, detail }).success, detail).toBe(false);
    expect(accessRecordSchema.safeParse({ ...base, detail: null, name: 'Đào' }).success).toBe(false); // no field beyond the record's
    expect(accessRecordSchema.safeParse({ ...base, detail: null, dossierIds: [] }).success).toBe(false);
    const parsed = parseAccessPush({
      protocolVersion: PROTOCOL_VERSION,
      records: [
        { ...base, detail: null },
        { ...base, id: 'bad', kind: 'peek', detail: null },
        { ...base, actorId: 'a\u0000b', detail: null },
      ],
    });
    expect(parsed.ok && parsed.value.records.map((r) => 'refused' in r)).toEqual([false, true, true]);
  });

  it('[SRCH1] the dossier filter: the code or any tail after a dot or a dash; the cursor round-trips', () => {
    expect(codeMatches(CODE, '260302-1001')).toBe(true);
    expect(codeMatches(CODE, '1001')).toBe(true);
    expect(codeMatches(CODE, 'h56-26')).toBe(true);
    expect(codeMatches(CODE, '001')).toBe(false);
    expect(codeMatches(CODE, '')).toBe(true);
    expect(dossierChunks(['a', 'b', 'a', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
    const id = '0190f0f0-0000-7000-8000-000000000001';
    expect(parseAccessCursor(accessCursor(T0, id))).toEqual({ at: T0, id });
    expect(parseAccessCursor('yesterday')).toBeNull();
  });
});

describe('[PD4b] none is lost: a record leaves the tablet only when the server has it', () => {
  it('accepted and duplicate leave; a refused one stays failed with the reason until retried; a network failure leaves all pending', async () => {
    const db = fresh();
    const a = (await recordAccess(db, { actorId: 'can-bo-lan', kind: 'print', dossierIds: [CODE], detail: 'receipt' }, T0))[0]!;
    const b = (await recordAccess(db, { actorId: 'ghost', kind: 'print', dossierIds: [CODE], detail: 'receipt' }, T0 + 1))[0]!;
    let down = true;
    const server = fakeAccess({ refuse: (id) => id === b, fail: () => (down ? new TransportError(null, null, 'network: offline') : null) });
    await expect(pushAccessLog(db, server, 't')).rejects.toThrow('offline');
    expect((await db.accessLog.toArray()).map((r) => r.state)).toEqual(['pending', 'pending']);
    down = false;
    expect(await pushAccessLog(db, server, 't')).toEqual({ sent: 1, rejected: 1 });
    expect(await db.accessLog.get(a)).toBeUndefined();
    expect(await db.accessLog.get(b)).toMatchObject({
      state: 'failed',
      lastError: 'errors:server.forbidden',
      lastErrorParams: { detail: expect.stringContaining('ghost') },
    });
    expect(await pushAccessLog(db, server, 't')).toEqual({ sent: 0, rejected: 0 }); // a failed one is not resent by itself
    expect((await unsyncedAccess(db)).map((r) => r.id)).toEqual([b]);
    expect(await retryFailedAccess(db)).toBe(1);
    expect((await db.accessLog.get(b))?.state).toBe('pending');
  });

  it('an answer lost after the server stored the batch: sent again, the server says duplicate, the tablet is done', async () => {
    const db = fresh();
    const id = (await recordAccess(db, { actorId: 'can-bo-lan', kind: 'file', dossierIds: [CODE], detail: 'a'.repeat(64) }, T0))[0]!;
    const server = fakeAccess();
    const lossy: AccessTransport = {
      ...server,
      pushAccess: async (tk, req) => {
        await server.pushAccess(tk, req);
        throw new TransportError(null, null, 'network: dropped');
      },
    };
    await expect(pushAccessLog(db, lossy, 't')).rejects.toThrow('dropped');
    expect(await db.accessLog.get(id)).toBeDefined();
    await pushAccessLog(db, server, 't');
    expect(await db.accessLog.count()).toBe(0);
    expect(server.stored.size).toBe(1);
  });

  it('a batch refused whole as invalid is sent one by one: only the culprit is set aside', async () => {
    const db = fresh();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(...(await recordAccess(db, { actorId: 'can-bo-lan', kind: 'print', dossierIds: [CODE], detail: 'receipt' }, T0 + i)));
    const server = fakeAccess();
    const picky: AccessTransport = {
      ...server,
      pushAccess: async (tk, req) => {
        if (req.records.some((r) => r.id === ids[1])) throw new TransportError(400, 'invalid', 'the request does not match the protocol');
        return server.pushAccess(tk, req);
      },
    };
    expect(await pushAccessLog(db, picky, 't')).toEqual({ sent: 2, rejected: 1 });
    expect((await db.accessLog.toArray()).map((r) => [r.id, r.state])).toEqual([[ids[1], 'failed']]);
  });

  it('the sync run sends the records after the outbox, and a new record triggers a run', async () => {
    const server = demoServer();
    const tablet = await enrolled((r) => server.enrollCode(r), server.transport);
    const access = fakeAccess();
    const engine = createSyncEngine({ db: tablet.db, transport: server.transport, access, appVersion: 'test', soonMs: 10, intervalMs: 60_000 });
    await recordAccess(tablet.db, { actorId: 'officer-lan', kind: 'view', dossierIds: [CODE], detail: 'dossier' }, T0);
    expect((await engine.runOnce()).kind).toBe('synced');
    expect(access.stored.size).toBe(1);
    expect(await tablet.db.accessLog.count()).toBe(0);
    engine.start();
    try {
      // the start's own run is over and the next one is a minute away: only the new record can bring it sooner
      await expect
        .poll(() => {
          const st = engine.state.getState();
          return !st.running && st.nextRunAt !== null && st.nextRunAt - Date.now() > 30_000;
        })
        .toBe(true);
      await recordAccess(tablet.db, { actorId: 'officer-lan', kind: 'print', dossierIds: [CODE], detail: 'receipt' }, T0 + 1);
      await expect.poll(() => access.stored.size, { timeout: 5000 }).toBe(2);
    } finally {
      engine.stop();
    }
  });
});

describe('Dexie migration 14 (access log), before and after', () => {
  it('a version 13 database keeps its rows and gains the access log', async () => {
    const name = `mig14-${Math.random()}`;
    const before = new Dexie(name);
    for (const m of MIGRATIONS.filter((x) => x.version <= 13)) before.version(m.version).stores(m.stores);
    await before.open();
    await before.table('meta').put({ key: 'deviceSeq', value: 7 });
    expect(before.tables.map((t) => t.name)).not.toContain('accessLog');
    before.close();
    const db = openDb(name);
    dbs.push(db);
    await db.open();
    expect(db.verno).toBe(MIGRATIONS.at(-1)?.version);
    expect((await db.meta.get('deviceSeq'))?.value).toBe(7);
    await setMeta(db, 'checkpoint', 3);
    expect(await recordAccess(db, { actorId: 'can-bo-lan', kind: 'print', dossierIds: [CODE], detail: 'receipt' }, T0)).toHaveLength(1);
    expect(await db.accessLog.where('state').equals('pending').count()).toBe(1);
  });
});
