import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { searchDossiers } from '../../../src/app/db/queue';
import { recordIntake, type Actor } from '../../../src/app/db/record';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { codeSearchKeys } from '../../../src/domain/dossier/codes';
import { DAY, receivedPayload, T0, TABLET_1 } from '../../support/builders';
import { dexieBefore } from '../../support/dexieBefore';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const device = TABLET_1;
const actor: Actor = { device, userId: 'officer-lan' };
const dbs: MotCuaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
function freshDb(name = `code-${Math.random()}`): MotCuaDb {
  const db = openDb(name);
  dbs.push(db);
  return db;
}

describe('[SRCH1] a dossier is found by any part of its code a person types', () => {
  it('the keys of a code are the code and every tail after a dot or a dash', () => {
    expect(codeSearchKeys('000.00.06.H56-261201-1001')).toEqual([
      '000.00.06.h56-261201-1001',
      '00.06.h56-261201-1001',
      '06.h56-261201-1001',
      'h56-261201-1001',
      '261201-1001',
      '1001',
    ]);
  });

  it('full code, date and number, the date alone, the number alone; upper or lower case', async () => {
    const db = freshDb();
    const r = await recordIntake(db, cal, actor, receivedPayload({ dueAt: T0 + 3 * DAY, clockStartAt: T0 }), T0);
    if (!r.ok) throw new Error(r.error.message);
    const code = r.value.state.id;
    expect(code).toBe('000.00.06.H56-260302-1001');
    for (const q of [code, code.toLowerCase(), '260302-1001', '260302', '1001', 'H56-260302-1001', ' 260302-1001 ']) {
      expect(
        (await searchDossiers(db, q)).map((row) => row.id),
        q,
      ).toEqual([code]);
    }
    for (const q of ['260303', '1002', '260302-1002']) expect(await searchDossiers(db, q), q).toEqual([]);
  });

  it('migration 12 rebuilds the keys of dossiers stored before', async () => {
    const source = freshDb();
    const r = await recordIntake(source, cal, actor, receivedPayload({ dueAt: T0 + 3 * DAY, clockStartAt: T0 }), T0);
    if (!r.ok) throw new Error(r.error.message);
    // as the versions before 12 stored it: the full code and the number only
    const row = { ...(await source.dossiers.get(r.value.state.id))!, keys: ['000.00.06.h56-260302-1001', '1001'] };
    const name = `mig12-${Math.random()}`;
    const old = dexieBefore(12, name);
    await old.table('dossiers').put(row);
    old.close();
    const db = freshDb(name);
    expect((await searchDossiers(db, '260302')).map((x) => x.id)).toEqual([r.value.state.id]);
  });
});
