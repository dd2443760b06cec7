import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { setMeta } from '../../../src/app/db/meta';
import { openDb, type KioskDossierRow, type MotCuaDb } from '../../../src/app/db/schema';
import { recordKioskRating } from '../../../src/app/kiosk/recordRating';
import { RATING_REPEAT_WINDOW_MS } from '../../../src/domain/kiosk/kioskPolicy';
import { receiptCheckCode } from '../../../src/domain/kiosk/receiptCheck';
import { dossierEventSchema, type DeviceProfile } from '../../../src/protocol';
import { eventForbidden } from '../../../src/server/core/sync';
import { CODE, T0 } from '../../support/builders';
import { wireEvent } from '../../../src/app/sync/push';

const kiosk: DeviceProfile = {
  deviceId: 'kiosk-1',
  token: 't',
  role: 'kiosk',
  communeId: 'xa-demo',
  communeName: 'Xã Demo',
  agencyCode: '000.00.06.H56',
  codeSlot: null,
  exportKey: 'k',
  receiptKey: 'receipt-key-of-xa-demo-0000000000000000000',
  serverTime: T0,
};
const checkOf = (code: string) => receiptCheckCode(kiosk.receiptKey!, code);
const row = (o: Partial<KioskDossierRow> = {}): KioskDossierRow => ({
  code: CODE,
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  officerId: 'officer-lan',
  status: 'processing',
  receivedAt: T0,
  dueAt: T0 + 3e8,
  effectiveDueAt: T0 + 3e8,
  rated: 0,
  ...o,
});

const dbs: MotCuaDb[] = [];
async function kioskDb(rows: KioskDossierRow[] = []): Promise<MotCuaDb> {
  const db = openDb(`kiosk-${dbs.length}-${Math.random()}`);
  dbs.push(db);
  await setMeta(db, 'device', kiosk);
  if (rows.length) await db.kioskDossiers.bulkPut(rows);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function snapshot(db: MotCuaDb) {
  return {
    events: await db.events.toArray(),
    outbox: await db.outbox.toArray(),
    kiosk: await db.kioskDossiers.toArray(),
    seq: (await db.meta.get('deviceSeq'))?.value,
  };
}

describe('kiosk recorder', () => {
  it('[SAT1] writes the rated event, its outbox item and the rated flag together; the server would accept it', async () => {
    const db = await kioskDb([row()]);
    const r = await recordKioskRating(db, { code: CODE, level: 'satisfied', officerId: 'officer-lan', procedureCode: '1.001193' }, T0);
    expect(r).toMatchObject({ ok: true, value: { kind: 'recorded', known: true } });
    const [event] = await db.events.toArray();
    expect(event).toMatchObject({
      type: 'rated',
      dossierId: CODE,
      deviceId: 'kiosk-1',
      communeId: 'xa-demo',
      actorId: 'kiosk-1',
      deviceSeq: 1,
      ownSeq: 1,
      payload: { level: 'satisfied', officerId: 'officer-lan', procedureCode: '1.001193' },
    });
    expect(await db.outbox.toArray()).toMatchObject([{ eventId: event?.id, deviceSeq: 1, dossierId: CODE, state: 'pending' }]);
    expect((await db.kioskDossiers.get(CODE))?.rated).toBe(1);
    expect(dossierEventSchema.safeParse(wireEvent(event!)).success).toBe(true);
    expect(eventForbidden({ id: 'kiosk-1', communeId: 'xa-demo', role: 'kiosk' }, '000.00.06.H56', event!)).toBeNull();
    expect(await db.dossiers.count()).toBe(0);
  });

  it('[SAT1] a second rating is refused while the first is still in the outbox, and nothing changes', async () => {
    const db = await kioskDb();
    expect((await recordKioskRating(db, { code: CODE, level: 'verySatisfied', checkCode: await checkOf(CODE) }, T0)).ok).toBe(true);
    const before = await snapshot(db);
    const again = await recordKioskRating(db, { code: CODE, level: 'dissatisfied', checkCode: await checkOf(CODE) }, T0 + RATING_REPEAT_WINDOW_MS + 1);
    expect(again).toMatchObject({ ok: false, error: { code: 'kiosk.alreadyRated' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('[SAT1] a rating the server reports (kioskDossiers.rated=1, another kiosk) refuses this one', async () => {
    const db = await kioskDb([row({ rated: 1 })]);
    const r = await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0);
    expect(r).toMatchObject({ ok: false, error: { code: 'kiosk.alreadyRated' } });
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('[SAT1] a pull that still says rated=0 after this kiosk rated does not reopen the dossier', async () => {
    const db = await kioskDb([row()]);
    await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0);
    await db.kioskDossiers.put(row({ rated: 0 }));
    const r = await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0 + 60_000);
    expect(r).toMatchObject({ ok: false, error: { code: 'kiosk.alreadyRated' } });
  });

  it('[SAT1] repeated presses within a few seconds count once', async () => {
    const db = await kioskDb([row()]);
    const first = await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0);
    const second = await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0 + 800);
    const third = await recordKioskRating(db, { code: CODE, level: 'verySatisfied' }, T0 + 1_500);
    expect(first.ok && first.value.kind).toBe('recorded');
    expect(second.ok && second.value).toMatchObject({ kind: 'repeat', eventId: first.ok ? first.value.eventId : null });
    expect(third.ok && third.value.kind).toBe('repeat');
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it.each(['000.00.06.H56-261345-1001', 'MOTCUA1|x', 'Nguyễn Thị Đào', ''])(
    '[LIF5] a code not in the dossier format (%s) is refused and nothing changes',
    async (code) => {
      const db = await kioskDb([row()]);
      const before = await snapshot(db);
      const r = await recordKioskRating(db, { code, level: 'satisfied' }, T0);
      expect(r).toMatchObject({ ok: false, error: { code: 'kiosk.badCode' } });
      expect(await snapshot(db)).toEqual(before);
    },
  );

  it('[SAT3] a code the kiosk has not synced, with its receipt check code, is accepted and queued, marked unknown; the fold attributes it', async () => {
    const db = await kioskDb();
    const code = '000.00.06.H56-260302-1002';
    const checkCode = await checkOf(code);
    const r = await recordKioskRating(db, { code, level: 'dissatisfied', reasons: ['waitedLong', 'not-a-reason'], comment: '  quá lâu  ', checkCode }, T0);
    expect(r).toMatchObject({ ok: true, value: { kind: 'recorded', known: false } });
    const [event] = await db.events.toArray();
    // no officer named: the fold's receivedBy attributes it (satisfaction.ts ratingOfficer)
    expect(event?.payload).toEqual({ level: 'dissatisfied', reasons: ['waitedLong'], comment: 'quá lâu', checkCode });
    expect(await db.outbox.count()).toBe(1);
    expect(await db.kioskDossiers.count()).toBe(0);
  });

  it('[SAT1] a typed code takes the officer and procedure from the synced summary', async () => {
    const db = await kioskDb([row({ officerId: 'officer-minh', procedureCode: '2.000001' })]);
    await recordKioskRating(db, { code: CODE.toLowerCase(), level: 'verySatisfied' }, T0);
    const [event] = await db.events.toArray();
    expect(event?.dossierId).toBe(CODE);
    expect(event?.payload).toMatchObject({ officerId: 'officer-minh', procedureCode: '2.000001' });
  });

  it("numbers this device's events in sequence across ratings", async () => {
    const db = await kioskDb([row(), row({ code: '000.00.06.H56-260302-1002' })]);
    await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0);
    await recordKioskRating(db, { code: '000.00.06.H56-260302-1002', level: 'satisfied' }, T0 + 1);
    expect((await db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.deviceSeq)).toEqual([1, 2]);
  });

  it('[SAT3] a number the kiosk has not synced is refused without a check code, or with a wrong one, and nothing changes', async () => {
    const db = await kioskDb();
    const before = await snapshot(db);
    expect(await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0)).toMatchObject({ ok: false, error: { code: 'kiosk.unbound' } });
    const wrong = String((Number(await checkOf(CODE)) + 1) % 10_000).padStart(4, '0');
    expect(await recordKioskRating(db, { code: CODE, level: 'satisfied', checkCode: wrong }, T0)).toMatchObject({
      ok: false,
      error: { code: 'kiosk.wrongCheck' },
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('[SAT4] a rating dated before the synced intake is refused', async () => {
    const db = await kioskDb([row({ receivedAt: T0 })]);
    expect(await recordKioskRating(db, { code: CODE, level: 'satisfied' }, T0 - 1)).toMatchObject({ ok: false, error: { code: 'kiosk.beforeIntake' } });
    expect(await db.events.count()).toBe(0);
  });
});
