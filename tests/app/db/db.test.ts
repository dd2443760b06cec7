import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { MIGRATIONS } from '../../../src/app/db/migrations';
import { recordAction, recordIntake, type Actor } from '../../../src/app/db/record';
import { applyPulledBatch } from '../../../src/app/db/applyRemote';
import { keptAggregateRowsUpTo, keptOpenDaysBefore, settleKeptChanges } from '../../../src/app/db/keptJournal';
import { setMeta } from '../../../src/app/db/meta';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { queueCounts, queuePage, searchDossiers } from '../../../src/app/db/queue';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { computeAggregates } from '../../../src/domain/stats/bieu06Aggregates';
import { computeOpenDays } from '../../../src/domain/timeliness/openByDay';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent, buildReceived, DAY, receivedPayload, T0, TABLET_1 } from '../../support/builders';
import { dexieBefore } from '../../support/dexieBefore';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const device = TABLET_1;
const actor: Actor = { device, userId: 'officer-lan' };
let n = 0;
const dbs: MotCuaDb[] = [];
function freshDb(): MotCuaDb {
  const db = openDb(`test-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const intake = (db: MotCuaDb, name: string, at = T0, dueAt = at + 3 * DAY) =>
  recordIntake(
    db,
    cal,
    actor,
    receivedPayload({ applicant: { name, idType: 'cccd', idNumber: '001190012345', phone: '0912345678' }, dueAt, clockStartAt: at }),
    at,
  );

describe('migrations', () => {
  it('v1 data survives the upgrade to the latest version, and v2 indexes it', async () => {
    const name = `mig-${Math.random()}`;
    const v1 = new Dexie(name);
    const first = MIGRATIONS[0];
    if (!first) throw new Error('no migrations');
    v1.version(first.version).stores(first.stores);
    const state = { receivedAt: T0 };
    await v1.table('dossiers').put({ id: 'A', open: 0, due: 1, status: 'returned', receivedAt: T0, keys: ['a'], conflict: 0, state });
    await v1
      .table('outbox')
      .put({ eventId: 'e1', deviceSeq: 1, dossierId: 'A', createdAt: T0, state: 'pending', attempts: 0, lastError: null, permanent: false });
    v1.close();
    const db = openDb(name);
    dbs.push(db);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.dossiers.where('[open+receivedAt+id]').between([0, -Infinity, Dexie.minKey], [0, Infinity, Dexie.maxKey]).count()).toBe(1);
    expect(db.verno).toBe(MIGRATIONS.at(-1)?.version);
  });
  it('every migration has a name and versions increase', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.name.length).toBeGreaterThan(3);
      if (i > 0) expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]?.version ?? 0);
    });
  });
});

describe('recording', () => {
  it('intake writes the event, the projection and the outbox together, with the next code of the slot', async () => {
    const db = freshDb();
    const a = await intake(db, 'Nguyễn Thị Đào');
    const b = await intake(db, 'Trần Văn Bình');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.state.code).toBe('000.00.06.H56-260302-1001');
    expect(b.value.state.code).toBe('000.00.06.H56-260302-1002');
    expect(await db.events.count()).toBe(2);
    expect(await db.dossiers.count()).toBe(2);
    expect((await db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.dossierId)).toEqual([a.value.state.id, b.value.state.id]);
  });
  it('an action writes its event, the new state and an outbox entry together', async () => {
    const db = freshDb();
    const a = await intake(db, 'Nguyễn Thị Đào');
    if (!a.ok) throw new Error('intake');
    const b = await recordAction(db, cal, actor, a.value.state.id, 'supplementRequested', { missing: ['Giấy chứng sinh'] }, T0 + 1000);
    expect(b.ok).toBe(true);
    expect((await db.dossiers.get(a.value.state.id))?.status).toBe('supplementRequested');
    expect(await db.events.count()).toBe(2);
    expect((await db.outbox.orderBy('deviceSeq').last())?.deviceSeq).toBe(2);
  });
  it('an action the lifecycle refuses changes nothing', async () => {
    const db = freshDb();
    const a = await intake(db, 'Nguyễn Thị Đào');
    if (!a.ok) throw new Error('intake');
    const bad = await recordAction(
      db,
      cal,
      actor,
      a.value.state.id,
      'supplementReceived',
      { dueAt: T0 + 9 * DAY, clockStartAt: T0, calendarVersion: 'x' },
      T0 + DAY,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('dossier.notAllowed');
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
  it('bad intake (no name) changes nothing and uses no code', async () => {
    const db = freshDb();
    const bad = await intake(db, '  ');
    expect(bad.ok).toBe(false);
    expect(await db.events.count()).toBe(0);
    const good = await intake(db, 'Lê Văn Cường');
    expect(good.ok && good.value.state.code.endsWith('-1001')).toBe(true);
  });
  it('a failure inside the transaction rolls back every table', async () => {
    const db = freshDb();
    const a = await intake(db, 'Nguyễn Thị Đào');
    if (!a.ok) throw new Error('intake');
    const dup = db.transaction('rw', [db.events, db.dossiers], async () => {
      const row = await db.dossiers.get(a.value.state.id);
      if (row) await db.dossiers.put({ ...row, status: 'returned' });
      await db.events.add(a.value.event); // same id: ConstraintError
    });
    await expect(dup).rejects.toThrow();
    expect((await db.dossiers.get(a.value.state.id))?.status).toBe('received');
  });
});

describe('queue and search', () => {
  it('pages by keyset in due order without gaps or repeats, and counts per tab', async () => {
    const db = freshDb();
    for (let i = 0; i < 23; i++) await intake(db, `Người ${i}`, T0 + i * 60_000, T0 + ((i * 7) % 23) * DAY + DAY);
    const seen: string[] = [];
    let after = null;
    do {
      const page: Awaited<ReturnType<typeof queuePage>> = await queuePage(db, 'open', { now: T0, cal, after, limit: 5 });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    const dues = await Promise.all(seen.map(async (id) => (await db.dossiers.get(id))?.due ?? 0));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    const counts = await queueCounts(db, { now: T0 + 2.5 * DAY, cal });
    expect(counts.open).toBe(23);
    expect(counts.overdue).toBe(dues.filter((d) => d < T0 + 2.5 * DAY).length);
  });
  it('finds a name without diacritics, by any word, by code, ID and phone', async () => {
    const db = freshDb();
    await intake(db, 'Nguyễn Thị Đào');
    await intake(db, 'Đặng Văn Hùng');
    expect((await searchDossiers(db, 'nguyen thi dao')).map((r) => r.state.applicant.name)).toEqual(['Nguyễn Thị Đào']);
    expect((await searchDossiers(db, 'dao')).length).toBe(1);
    expect((await searchDossiers(db, 'DANG hung')).map((r) => r.state.applicant.name)).toEqual(['Đặng Văn Hùng']);
    expect((await searchDossiers(db, 'ng th d')).length).toBe(1);
    expect((await searchDossiers(db, '1002')).length).toBe(1);
    expect((await searchDossiers(db, '000.00.06.h56-260302-1001')).length).toBe(1);
    expect((await searchDossiers(db, '0912345')).length).toBe(2);
    expect(await searchDossiers(db, 'xyz')).toEqual([]);
  });
  it('the at-risk tab holds open dossiers due by the end of the next working day', async () => {
    const db = freshDb();
    const fri = vnInstant(2026, 3, 6, 9, 0);
    await intake(db, 'A', fri, vnInstant(2026, 3, 9, 16, 0)); // Monday: next working day
    await intake(db, 'B', fri, vnInstant(2026, 3, 10, 9, 0)); // Tuesday: not yet
    const page = await queuePage(db, 'atRisk', { now: fri + 3_600_000, cal });
    expect(page.rows.map((r) => r.state.applicant.name)).toEqual(['A']);
  });
});

describe('applying pulled events', () => {
  it('stores each event once, folds, moves the checkpoint and takes echoed events off the outbox', async () => {
    const db = freshDb();
    const mine = await intake(db, 'Nguyễn Thị Đào');
    if (!mine.ok) throw new Error('intake');
    const theirs = buildReceived({}, { dossierId: '000.00.06.H56-260302-2001', deviceId: 'tablet-2' });
    const transfer = buildEvent('transferred', { toUnit: 'Công chức Tư pháp' }, { dossierId: theirs.dossierId, at: T0 + 3_600_000, deviceId: 'tablet-2' });
    const batch = [
      { serverSeq: 1, event: mine.value.event },
      { serverSeq: 2, event: theirs },
      { serverSeq: 3, event: transfer },
    ];
    await applyPulledBatch(db, batch, 3);
    await applyPulledBatch(db, batch, 3);
    expect(await db.events.count()).toBe(3);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.dossiers.get(theirs.dossierId))?.status).toBe('processing');
    expect((await db.events.get(theirs.id))?.serverSeq).toBe(2);
    expect(await db.events.get(mine.value.event.id)).toEqual({ ...mine.value.event, ownSeq: mine.value.event.deviceSeq }); // this device's own: off the outbox, not written again
    expect((await db.meta.get('checkpoint'))?.value).toBe(3);
  });

  it('[SYNC9] folds on from the stored projection, refolds when an event sorts earlier, and keeps events that came before their intake', async () => {
    const db = freshDb();
    const code = '000.00.06.H56-260302-2001';
    const theirs = buildReceived({}, { dossierId: code, deviceId: 'tablet-2' });
    const transfer = buildEvent('transferred', { toUnit: 'Công chức Tư pháp' }, { dossierId: code, at: T0 + 3_600_000, deviceId: 'tablet-2' });
    const resolved = buildEvent('resolved', {}, { dossierId: code, at: T0 + 2 * DAY, deviceId: 'tablet-2' });
    // an earlier supplement request from a third tablet, pulled after the resolution
    const earlier = buildEvent('supplementRequested', { missing: ['Giấy chứng sinh'] }, { dossierId: code, at: T0 + 1_800_000, deviceId: 'tablet-3' });
    await applyPulledBatch(db, [{ serverSeq: 1, event: transfer }], 1); // came without its intake
    expect(await db.dossiers.get(code)).toBeUndefined();
    expect((await db.meta.get('eventsWithoutIntake'))?.value).toEqual([code]);
    await applyPulledBatch(db, [{ serverSeq: 2, event: theirs }], 2);
    expect((await db.dossiers.get(code))!.state).toEqual(foldDossier([theirs, transfer]));
    expect((await db.meta.get('eventsWithoutIntake'))?.value).toEqual([]);
    await applyPulledBatch(db, [{ serverSeq: 3, event: resolved }], 3); // folded on
    expect((await db.dossiers.get(code))!.state).toEqual(foldDossier([theirs, transfer, resolved]));
    await applyPulledBatch(db, [{ serverSeq: 4, event: earlier }], 4); // sorts before the last one: all folded again
    expect((await db.dossiers.get(code))!.state).toEqual(foldDossier([theirs, transfer, resolved, earlier]));
    expect(await db.events.count()).toBe(4);
  });
});

describe('[REP1] kept Biểu 06 aggregates', () => {
  // what the actions left in the journal folded in first (keptJournal.ts)
  const kept = async (db: MotCuaDb) => {
    await settleKeptChanges(db);
    return (await db.reportAggregates.toArray()).sort((a, b) => (a.key < b.key ? -1 : 1));
  };
  const rebuilt = async (db: MotCuaDb) =>
    [...computeAggregates((await db.dossiers.toArray()).map((r) => r.state)).values()].sort((a, b) => (a.key < b.key ? -1 : 1));

  it('recording and pulling keep them equal to a rebuild from the dossiers', async () => {
    const db = freshDb();
    const a = await intake(db, 'Nguyễn Thị Đào');
    const b = await intake(db, 'Trần Văn Sơn', T0 + 60_000);
    if (!a.ok || !b.ok) throw new Error('intake');
    await recordAction(db, cal, actor, a.value.state.id, 'supplementRequested', { missing: ['Giấy chứng sinh'] }, T0 + 1000);
    await recordAction(db, cal, actor, b.value.state.id, 'resolved', {}, T0 + 5 * DAY);
    const theirs = buildReceived({}, { dossierId: '000.00.06.H56-260302-2001', deviceId: 'tablet-2' });
    const transfer = buildEvent('transferred', { toUnit: 'Công chức Tư pháp' }, { dossierId: theirs.dossierId, at: T0 + 3_600_000, deviceId: 'tablet-2' });
    // several dossiers of one field and month in one batch: their changes to a row must add up
    const more = [2002, 2003, 2004].map((k) => buildReceived({}, { dossierId: `000.00.06.H56-260302-${k}`, deviceId: 'tablet-2', at: T0 + k }));
    await applyPulledBatch(
      db,
      [theirs, transfer, ...more].map((event, i) => ({ serverSeq: i + 1, event })),
      5,
    );
    const rows = await kept(db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(await rebuilt(db));
    // and the open dossiers per promised day, for the late list
    const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
    const openDays = (await db.openDays.toArray()).sort(byKey);
    expect(openDays.length).toBeGreaterThan(0);
    expect(openDays).toEqual(computeOpenDays((await db.dossiers.toArray()).map((r) => r.state)).sort(byKey));
  });

  it('an action appends one journal row and writes no kept row; readers add the journal, and folding it in gives the same rows', async () => {
    const db = freshDb();
    const a = await intake(db, 'Nguyễn Thị Đào');
    const b = await intake(db, 'Trần Văn Sơn', T0 + 60_000);
    if (!a.ok || !b.ok) throw new Error('intake');
    await recordAction(db, cal, actor, b.value.state.id, 'resolved', {}, T0 + 5 * DAY);
    expect(await db.keptChanges.count()).toBe(3);
    expect(await db.reportAggregates.count()).toBe(0);
    expect(await db.openDays.count()).toBe(0);
    const byKey = (x: { key: string }, y: { key: string }) => (x.key < y.key ? -1 : 1);
    const states = (await db.dossiers.toArray()).map((r) => r.state);
    const everyMonth = 9999 * 12;
    const expectedCalendar = (await rebuilt(db)).filter((r) => r.mode === 'calendar');
    expect(expectedCalendar.length).toBeGreaterThan(0);
    expect((await keptAggregateRowsUpTo(db, 'calendar', everyMonth)).sort(byKey)).toEqual(expectedCalendar);
    expect((await keptOpenDaysBefore(db, '9999-12-31')).sort(byKey)).toEqual(computeOpenDays(states).sort(byKey));
    await settleKeptChanges(db);
    expect(await db.keptChanges.count()).toBe(0);
    expect((await db.reportAggregates.toArray()).sort(byKey)).toEqual(await rebuilt(db));
    expect((await keptAggregateRowsUpTo(db, 'calendar', everyMonth)).sort(byKey)).toEqual(expectedCalendar);
    // a dossier resolved after the fold: the rows hold the old counts, the journal the change
    await recordAction(db, cal, actor, a.value.state.id, 'resolved', {}, T0 + 6 * DAY);
    expect((await keptAggregateRowsUpTo(db, 'calendar', everyMonth)).sort(byKey)).toEqual((await rebuilt(db)).filter((r) => r.mode === 'calendar'));
    expect(await keptOpenDaysBefore(db, '9999-12-31')).toEqual([]);
  });

  it('every 64 actions of a tab the journal is folded into the rows, apart from the actions', async () => {
    const db = freshDb();
    for (let i = 0; i < 64; i++) if (!(await intake(db, `Người ${i}`, T0 + i * 1000)).ok) throw new Error('intake');
    await vi.waitFor(async () => expect(await db.keptChanges.count()).toBe(0));
    expect((await db.reportAggregates.toArray()).sort((x, y) => (x.key < y.key ? -1 : 1))).toEqual(await rebuilt(db));
  });

  it('migrations 4, 5 and 6 build them (and the rated index) from the dossiers stored before', async () => {
    const source = freshDb();
    await intake(source, 'Nguyễn Thị Đào');
    const tam = await intake(source, 'Lê Văn Tám', T0 + 2 * DAY);
    if (!tam.ok) throw new Error('intake');
    await recordAction(source, cal, actor, tam.value.state.id, 'rated', { level: 'satisfied' }, T0 + 2 * DAY + 60_000);
    // as version 3 stored them: no ratedAt
    const dossiers = (await source.dossiers.toArray()).map(({ ratedAt: _r, ...row }) => row);
    const expected = await rebuilt(source);
    const name = `mig4-${Math.random()}`;
    const v3 = dexieBefore(4, name);
    await v3.table('dossiers').bulkPut(dossiers);
    v3.close();
    const db = openDb(name);
    dbs.push(db);
    expect(await kept(db)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect((await db.openDays.toArray()).reduce((n, r) => n + r.n, 0)).toBe(2);
    expect(await db.dossiers.where('ratedAt').aboveOrEqual(-Infinity).primaryKeys()).toEqual([tam.value.state.id]);
  });
});

describe('migration 13', () => {
  it('keeps every event and its serverSeq, without the serverSeq index', async () => {
    const source = freshDb();
    await intake(source, 'Nguyễn Thị Đào');
    const events = (await source.events.toArray()).map((e, i) => ({ ...e, serverSeq: i + 1 }));
    const name = `mig13-${Math.random()}`;
    const before = dexieBefore(13, name);
    await before.open();
    expect(before.table('events').schema.idxByName.serverSeq).toBeDefined();
    await before.table('events').bulkPut(events);
    before.close();
    const db = openDb(name);
    dbs.push(db);
    await db.open();
    expect(db.events.schema.idxByName.serverSeq).toBeUndefined();
    expect(await db.events.toArray()).toEqual(events);
    expect(await db.events.where('dossierId').equals(events[0]!.dossierId).count()).toBe(events.length);
  });
});

describe('migration 16', () => {
  it('keeps the kept rows as they were, with an empty journal that the next action appends to', async () => {
    const source = freshDb();
    const a = await intake(source, 'Nguyễn Thị Đào');
    if (!a.ok) throw new Error('intake');
    await settleKeptChanges(source);
    const [dossiers, events, aggregates, openDays] = await Promise.all([
      source.dossiers.toArray(),
      source.events.toArray(),
      source.reportAggregates.toArray(),
      source.openDays.toArray(),
    ]);
    expect(aggregates.length).toBeGreaterThan(0);
    const name = `mig16-${Math.random()}`;
    const before = dexieBefore(16, name);
    await before.open();
    await Promise.all([
      before.table('dossiers').bulkPut(dossiers),
      before.table('events').bulkPut(events),
      before.table('reportAggregates').bulkPut(aggregates),
      before.table('openDays').bulkPut(openDays),
    ]);
    before.close();
    const db = openDb(name);
    dbs.push(db);
    await db.open();
    expect(await db.keptChanges.count()).toBe(0);
    expect(await db.reportAggregates.toArray()).toEqual(aggregates);
    expect(await db.openDays.toArray()).toEqual(openDays);
    await recordAction(db, cal, actor, a.value.state.id, 'resolved', {}, T0 + DAY);
    expect(await db.keptChanges.count()).toBe(1);
    await settleKeptChanges(db);
    expect((await db.reportAggregates.toArray()).sort((x, y) => (x.key < y.key ? -1 : 1))).toEqual(
      [...computeAggregates((await db.dossiers.toArray()).map((r) => r.state)).values()].sort((x, y) => (x.key < y.key ? -1 : 1)),
    );
  });
});

describe('migration 17', () => {
  it('indexes the events this device records from then on by ownSeq; the ones recorded before stay as they were, outside the index', async () => {
    const name = `mig17-${Math.random()}`;
    const before = dexieBefore(17, name);
    await before.open();
    const old = buildReceived({}, { deviceId: device.deviceId, deviceSeq: 1 });
    await before.table('events').add(old);
    before.close();
    const db = openDb(name);
    dbs.push(db);
    await db.open();
    expect(await db.events.get(old.id)).toEqual(old);
    const a = await intake(db, 'Nguyễn Thị Đào');
    if (!a.ok) throw new Error('intake');
    const indexed = await db.events.where('ownSeq').above(0).toArray();
    expect(indexed.map((e) => e.id)).toEqual([a.value.event.id]);
    expect(indexed[0]?.ownSeq).toBe(a.value.event.deviceSeq);
  });
});

describe('[LIF5] dossier codes of this device', () => {
  it('never repeat after the date went back and forth (counter of another day, codes of today stored)', async () => {
    const db = freshDb();
    const today = T0;
    const a = await intake(db, 'Một', today);
    const back = await intake(db, 'Hai', today - 8 * DAY); // the counter now names another day
    const b = await intake(db, 'Ba', today + 60_000);
    if (!a.ok || !back.ok || !b.ok) throw new Error('intake');
    expect(b.value.state.id).not.toBe(a.value.state.id);
    expect(b.value.state.id.slice(-4)).toBe('1002');
    expect(await db.dossiers.count()).toBe(3);
  });

  it("consecutive intakes of a day write from the last one's reads: one transaction each, none aborted", async () => {
    const db = freshDb();
    let transactions = 0;
    const transaction = db.transaction.bind(db) as (...a: unknown[]) => Promise<unknown>;
    (db as unknown as { transaction: typeof transaction }).transaction = (...a: unknown[]) => {
      transactions++;
      return transaction(...a);
    };
    for (let i = 0; i < 6; i++) expect((await intake(db, `Người ${i}`, T0 + i * 1000, T0 + 3 * DAY)).ok).toBe(true);
    expect(transactions).toBe(6);
    await setMeta(db, 'deviceSeq', 40); // as another tab would: the next guess is out of date
    const next = await intake(db, 'Người 7', T0 + 7000, T0 + 3 * DAY);
    expect(next.ok && next.value.event.deviceSeq).toBe(41);
    expect(transactions).toBe(8); // the aborted one and the plain one
  });

  it("an intake written from the last one's reads sees what another tab, a pull or an action wrote since: no code or deviceSeq twice, kept rows equal a rebuild", async () => {
    const db = freshDb();
    const other = openDb(db.name); // a second tab on the same database
    dbs.push(other);
    const seqs: number[] = [];
    const codes: string[] = [];
    const keep = (r: Awaited<ReturnType<typeof intake>>) => {
      if (!r.ok) throw new Error(r.error.message);
      seqs.push(r.value.event.deviceSeq);
      codes.push(r.value.state.id);
      return r.value.state.id;
    };
    keep(await intake(db, 'Một', T0));
    keep(await intake(db, 'Hai', T0 + 1000)); // from the guess
    keep(await intake(other, 'Ba', T0 + 2000)); // the other tab: this tab's guess is now out of date
    keep(await intake(db, 'Bốn', T0 + 3000));
    const first = codes[0]!;
    expect((await recordAction(db, cal, actor, first, 'resolved', {}, T0 + DAY)).ok).toBe(true); // an action moves the counters and the kept rows
    keep(await intake(db, 'Năm', T0 + 4000, T0 + 5 * DAY));
    const theirs = buildReceived({}, { dossierId: '000.00.06.H56-260302-2001', deviceId: 'tablet-2' });
    await applyPulledBatch(db, [{ serverSeq: 1, event: theirs }], 1); // a pull changes the kept rows
    keep(await intake(db, 'Sáu', T0 + 5000));
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect((await db.meta.get('deviceSeq'))?.value).toBe(codes.length + 1); // six intakes and the action, each its own
    const states = (await db.dossiers.toArray()).map((r) => r.state);
    await settleKeptChanges(db);
    const kept = (await db.reportAggregates.toArray()).sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(kept).toEqual([...computeAggregates(states).values()].sort((a, b) => (a.key < b.key ? -1 : 1)));
    expect((await db.openDays.toArray()).sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual(computeOpenDays(states).sort((a, b) => (a.key < b.key ? -1 : 1)));
    expect(await db.outbox.count()).toBe(codes.length + 1);
  });
});
