import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { recordAction, recordIntake, type Actor } from '../../../src/app/db/record';
import { applyRetention, type PurgedRow } from '../../../src/app/privacy/retention';
import { settleKeptChanges } from '../../../src/app/db/keptJournal';
import { unlockForUser, forgetDataKey } from '../../../src/app/privacy/deviceKey';
import { resetVault } from '../../../src/app/privacy/vault';
import { closedAt, retentionDue, withoutPersonalData } from '../../../src/domain/privacy/retention';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { ReferenceUser } from '../../../src/protocol';
import { counterCredentials } from '../../../src/server/credentials/counterPin';
import { buildEvent, buildReceived, DAY, receivedPayload, T0, TABLET_1 } from '../../support/builders';
import type { StoredFile } from '../../../src/app/files/storeTypes';
import { INITIAL_UPLOAD } from '../../../src/domain/files/uploadState';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const device = TABLET_1;
const actor: Actor = { device, userId: 'can-bo-lan' };
let user: ReferenceUser;
beforeAll(() => {
  user = { id: 'can-bo-lan', name: 'Nguyễn Thị Lan', role: 'officer', active: true, ...counterCredentials('135790', 1000) };
});

const dbs: MotCuaDb[] = [];
afterEach(async () => {
  resetVault();
  forgetDataKey();
  for (const db of dbs.splice(0)) await db.delete();
});

/** The server confirmed every event of the dossier: it has a sequence, the outbox item is gone. */
async function confirm(db: MotCuaDb, dossierId: string) {
  let seq = 1;
  for (const e of await db.events.where('dossierId').equals(dossierId).toArray()) await db.events.put({ ...e, serverSeq: seq++ });
  await db.outbox
    .where('eventId')
    .anyOf(await db.events.where('dossierId').equals(dossierId).primaryKeys())
    .delete();
}

async function dossier(db: MotCuaDb, name: string, at: number, close: 'returned' | 'withdrawn' | 'open') {
  const r = await recordIntake(
    db,
    cal,
    actor,
    receivedPayload({
      applicant: { name, idType: 'cccd', idNumber: '001190012345', phone: '0912345678' },
      note: `ghi chú ${name}`,
      dueAt: at + 10 * DAY,
      clockStartAt: at,
    }),
    at,
  );
  if (!r.ok) throw new Error(r.error.message);
  const id = r.value.state.id;
  if (close === 'returned') {
    expect((await recordAction(db, cal, actor, id, 'resolved', {}, at + DAY)).ok).toBe(true);
    expect((await recordAction(db, cal, actor, id, 'resultReturned', { note: `trả cho ${name}` }, at + 2 * DAY)).ok).toBe(true);
  }
  if (close === 'withdrawn') expect((await recordAction(db, cal, actor, id, 'withdrawn', { reason: `${name} xin rút` }, at + DAY)).ok).toBe(true);
  return id;
}

describe('[RET1] closed, confirmed dossiers lose their personal data on the tablet after the period', () => {
  it('the rule: closed statuses only, from the day it closed, only when confirmed', () => {
    const rec = buildReceived({}, { at: T0 });
    const open = foldDossier([rec])!;
    expect(closedAt(open)).toBeNull();
    const returned = foldDossier([rec, buildEvent('resolved', {}, { at: T0 + DAY }), buildEvent('resultReturned', {}, { at: T0 + 2 * DAY })])!;
    expect(closedAt(returned)).toBe(T0 + 2 * DAY);
    expect(retentionDue(returned, true, T0 + 2 * DAY + 30 * DAY - 1, 30)).toBe(false);
    expect(retentionDue(returned, true, T0 + 32 * DAY, 30)).toBe(true);
    expect(retentionDue(returned, false, T0 + 400 * DAY, 30)).toBe(false);
    const resolvedOnly = foldDossier([rec, buildEvent('resolved', {}, { at: T0 + DAY })])!;
    expect(retentionDue(resolvedOnly, true, T0 + 400 * DAY, 30)).toBe(false); // not yet returned to the citizen
    const stripped = withoutPersonalData(rec);
    expect(stripped.type === 'received' && stripped.payload.applicant).toEqual({ name: '', idType: rec.payload.applicant.idType });
  });

  it('with a fake clock: nothing before the period, exactly the closed and confirmed ones after it, reports unchanged', async () => {
    const db = openDb(`ret-${Math.random()}`);
    dbs.push(db);
    await unlockForUser(db, user, '135790', [user], T0);
    const returned = await dossier(db, 'Nguyễn Thị Đào', T0, 'returned');
    const withdrawn = await dossier(db, 'Trần Văn Hòa', T0 + 60_000, 'withdrawn');
    const unconfirmed = await dossier(db, 'Lê Văn Chưa', T0 + 120_000, 'returned');
    const stillOpen = await dossier(db, 'Phạm Thị Mở', T0 + 180_000, 'open');
    for (const id of [returned, withdrawn, stillOpen]) await confirm(db, id);
    await settleKeptChanges(db);
    const aggregatesBefore = await db.reportAggregates.toArray();
    const before = await db.dossiers.get(returned);

    expect(await applyRetention(db, T0 + 30 * DAY, 30)).toEqual([]); // both closed less than 30 days ago
    expect(await applyRetention(db, T0 + DAY + 60_000 + 30 * DAY, 30)).toEqual([withdrawn]); // 30 days after the withdrawal, to the ms
    expect((await db.dossiers.get(returned))!.state.applicant.name).toBe('Nguyễn Thị Đào');

    const purged = await applyRetention(db, T0 + 40 * DAY, 30);
    expect(purged).toEqual([returned]); // the withdrawn one went in the run before
    const row = (await db.dossiers.get(returned)) as PurgedRow;
    expect(row.purgedAt).toBe(T0 + 40 * DAY);
    expect(row.state.applicant).toEqual({ name: '', idType: 'cccd' });
    expect(row.state.note).toBeUndefined();
    // what reports need is kept
    for (const k of ['code', 'procedureCode', 'fieldCode', 'status', 'receivedAt', 'receivedBy', 'dueAt', 'returnedAt', 'endedAt'] as const)
      expect(row.state[k]).toEqual(before!.state[k]);
    expect((await db.dossiers.get(withdrawn))!.state.closingReason).toBe('');
    expect(await db.reportAggregates.toArray()).toEqual(aggregatesBefore);
    // RET2: the unconfirmed and the open ones keep everything
    expect((await db.dossiers.get(unconfirmed))!.state.applicant.name).toBe('Lê Văn Chưa');
    expect((await db.dossiers.get(stillOpen))!.state.applicant.name).toBe('Phạm Thị Mở');
    expect(await applyRetention(db, T0 + 41 * DAY, 30)).toEqual([]); // a second run has nothing to do

    // not even in the sealed blobs or the events: with the key, nothing of them is left
    const all = JSON.stringify([await db.events.toArray(), await db.dossiers.toArray()]);
    for (const s of ['Nguyễn Thị Đào', 'Trần Văn Hòa', 'trả cho Nguyễn', 'Hòa xin rút']) expect(all, s).not.toContain(s);
    expect(all).toContain('Lê Văn Chưa');
    const raw = new Dexie(db.name);
    await raw.open();
    expect(JSON.stringify(await raw.table('dossiers').toArray())).not.toContain('Đào');
    raw.close();
  });
});

describe("[RET4] a purged dossier's digitised files lose their bytes and thumbnails, only what the server confirmed", () => {
  it('confirmed files of purged dossiers only; an unconfirmed one and one shared with a kept dossier stay', async () => {
    const db = openDb(`ret4-${Math.random()}`);
    dbs.push(db);
    await unlockForUser(db, user, '135790', [user], T0);
    const returned = await dossier(db, 'Nguyễn Thị Đào', T0, 'returned');
    const stillOpen = await dossier(db, 'Phạm Thị Mở', T0 + 60_000, 'open');
    for (const id of [returned, stillOpen]) await confirm(db, id);
    const file = (sha: string, dossierIds: string[], confirmed: boolean): StoredFile => ({
      sha256: sha.repeat(64),
      size: 10,
      type: 'application/pdf',
      pages: 1,
      name: 'Giấy chứng sinh',
      dossierIds,
      origin: 'local',
      upload: confirmed ? { kind: 'confirmed', at: T0 } : INITIAL_UPLOAD,
      uploadKind: confirmed ? 'confirmed' : INITIAL_UPLOAD.kind,
      hasBytes: 1,
      thumb: new Uint8Array([1, 2, 3]),
      createdAt: T0,
      lastOpenedAt: T0,
    });
    await db.files.bulkPut([file('a', [returned], true), file('b', [returned], false), file('c', [returned, stillOpen], true), file('d', [stillOpen], true)]);
    await db.fileBytes.bulkPut(['a', 'b', 'c', 'd'].map((x) => ({ sha256: x.repeat(64), sealed: new Uint8Array([9]) })));

    expect(await applyRetention(db, T0 + 20 * DAY, 30)).toEqual([]);
    expect(await db.fileBytes.count()).toBe(4); // nothing before the period
    expect(await applyRetention(db, T0 + 40 * DAY, 30)).toEqual([returned]);
    const after = new Map((await db.files.toArray()).map((f) => [f.sha256[0], f]));
    expect(after.get('a')).toMatchObject({ hasBytes: 0, thumb: null, name: 'Giấy chứng sinh' });
    expect(after.get('b')).toMatchObject({ hasBytes: 1 }); // RET2: not confirmed
    expect(after.get('b')!.thumb).not.toBeNull();
    expect(after.get('c')).toMatchObject({ hasBytes: 1 }); // the open dossier still holds it
    expect(after.get('d')).toMatchObject({ hasBytes: 1 });
    expect((await db.fileBytes.toArray()).map((r) => r.sha256[0]).sort()).toEqual(['b', 'c', 'd']);
    // the next run (the dossier already purged) still drops a file confirmed since
    await db.files.update('b'.repeat(64), { upload: { kind: 'confirmed', at: T0 + 41 * DAY }, uploadKind: 'confirmed' });
    expect(await applyRetention(db, T0 + 42 * DAY, 30)).toEqual([]);
    expect((await db.fileBytes.toArray()).map((r) => r.sha256[0]).sort()).toEqual(['c', 'd']);
  });
});
