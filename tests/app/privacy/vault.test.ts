import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { recordAction, recordIntake, type Actor } from '../../../src/app/db/record';
import { searchDossiers } from '../../../src/app/db/queue';
import { toRow } from '../../../src/app/db/projection';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import type { ReferenceUser } from '../../../src/protocol';
import { lockVault, resetVault, rowKeysNow, vaultState, VaultLockedError, vault } from '../../../src/app/privacy/vault';
import { BLIND_PREFIX, blindKey, chainKey, CHAIN_PREFIX, rowKeys, type RowKeys } from '../../../src/app/privacy/rowCrypto';
import fc from 'fast-check';
import { personalTerms } from '../../../src/app/privacy/personalFields';
import { codeSearchKeys } from '../../../src/domain/dossier/codes';
import { initVault, readDeviceVault, unlockForUser, forgetDataKey } from '../../../src/app/privacy/deviceKey';
import { sweepClearRows, sweepPending } from '../../../src/app/privacy/sweep';
import { counterCredentials } from '../../../src/server/credentials/counterPin';
import { DAY, receivedPayload, T0, TABLET_1 } from '../../support/builders';
import { dexieBefore } from '../../support/dexieBefore';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const device = TABLET_1;
const actor: Actor = { device, userId: 'can-bo-lan' };
let users: ReferenceUser[];
beforeAll(() => {
  users = [
    { id: 'can-bo-lan', name: 'Nguyễn Thị Lan', role: 'officer', active: true, ...counterCredentials('135790', 1000) },
    { id: 'can-bo-minh', name: 'Trần Văn Minh', role: 'officer', active: true, ...counterCredentials('246802', 1000) },
  ];
});

let n = 0;
const dbs: MotCuaDb[] = [];
function freshDb(): MotCuaDb {
  const db = openDb(`vault-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  resetVault();
  forgetDataKey();
  for (const db of dbs.splice(0)) await db.delete();
});

const APPLICANTS = [
  { name: 'Nguyễn Thị Đào', idType: 'cccd', idNumber: '001190012345', phone: '0912345678', address: 'Số 12 ngõ 5, Hà Nội' },
  { name: 'Trần Văn Hòa', idType: 'cccd', idNumber: '031085000111', phone: '0987654321' },
  { name: 'Lê Minh Hoàng Phương Thảo', idType: 'passport', idNumber: 'C1234567', phone: '+84901112233', organisation: 'Công ty TNHH Ánh Dương' },
] as const;

async function intakeAll(db: MotCuaDb) {
  const codes: string[] = [];
  for (const [i, a] of APPLICANTS.entries()) {
    const at = T0 + i * 60_000;
    const r = await recordIntake(db, cal, actor, receivedPayload({ applicant: a, note: `ghi chú riêng ${a.name}`, dueAt: at + 3 * DAY, clockStartAt: at }), at);
    if (!r.ok) throw new Error(r.error.message);
    codes.push(r.value.state.id);
  }
  return codes;
}

/** Every table's raw rows, read without the middleware (what a copy of the profile holds). */
async function rawDump(name: string): Promise<string> {
  const raw = new Dexie(name);
  await raw.open();
  let out = '';
  for (const t of raw.tables) {
    const rows = await t.toArray();
    out += JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes:${v.length}` : v));
  }
  raw.close();
  return out;
}

// Blind keys are '~' + base64url, never with a space: folded names are looked for with theirs.
const SECRETS = [
  'Đào',
  'nguyen thi dao',
  'thi dao',
  'Hòa',
  'tran van hoa',
  'Phương',
  'phuong thao',
  '001190012345',
  '0912345678',
  '0987654321',
  'C1234567',
  'c1234567',
  'Ánh Dương',
  'anh duong',
  'ghi chú',
  'Hà Nội',
];

describe('[PD4] personal data sealed at rest on the tablet', () => {
  it('a wrong PIN opens nothing; the right one makes and wraps the data key for every counter user', async () => {
    const db = freshDb();
    expect(await unlockForUser(db, users[0]!, '000000', users, T0)).toBe('wrongPin');
    expect(vaultState()).toBe('none');
    expect(await unlockForUser(db, users[0]!, '135790', users, T0)).toBe('open');
    const held = await readDeviceVault(db);
    expect(Object.keys(held!.wraps).sort()).toEqual(['can-bo-lan', 'can-bo-minh']);
    lockVault();
    // the colleague opens the same key with their own PIN, offline
    expect(await unlockForUser(db, users[1]!, '246802', users, T0)).toBe('open');
    expect((await readDeviceVault(db))!.wraps).toEqual(held!.wraps);
  });

  it('names, ID numbers, phones, addresses and notes are not in the clear in any table; reads give back the same state', async () => {
    const db = freshDb();
    await unlockForUser(db, users[0]!, '135790', users, T0);
    const codes = await intakeAll(db);
    const done = await recordAction(db, cal, actor, codes[1]!, 'withdrawn', { reason: 'Bà Hòa xin rút vì chuyển nhà' }, T0 + DAY);
    expect(done.ok).toBe(true);
    const dump = await rawDump(db.name);
    for (const s of SECRETS) expect(dump, s).not.toContain(s);
    expect(dump).toContain(codes[0]!); // codes, dates and status stay clear for indexes and reports

    const events = await db.events.where('dossierId').equals(codes[0]!).toArray();
    const row = await db.dossiers.get(codes[0]!);
    expect(row!.state).toEqual(foldDossier(events));
    expect(row!.state.applicant.name).toBe('Nguyễn Thị Đào');
    expect(row!.state.note).toBe('ghi chú riêng Nguyễn Thị Đào');
    expect((await db.dossiers.get(codes[1]!))!.state.closingReason).toBe('Bà Hòa xin rút vì chuyển nhà');
  });

  it('search answers the same queries through the blind index as with clear keys', async () => {
    const clearDb = freshDb(); // no vault: the clear keys of today
    const clearCodes = await intakeAll(clearDb);
    const sealedDb = freshDb();
    expect(await searchDossiers(clearDb, 'dao')).toHaveLength(1);
    await unlockForUser(sealedDb, users[0]!, '135790', users, T0);
    const sealedCodes = await intakeAll(sealedDb);
    expect(sealedCodes).toEqual(clearCodes);
    const queries = [
      'dao',
      'Nguyễn Thị Đào',
      'nguyen thi',
      'thi dao',
      'hoa',
      'hòa',
      'tran van hoa',
      'le minh hoang phuong thao',
      'phuong thao',
      'ng th dao',
      '001190',
      '001190012345',
      '0912',
      '0987654321',
      'c123',
      'anh duong',
      'cong ty tnhh anh',
      'xyz',
      '260302',
      clearCodes[2]!,
    ];
    for (const q of queries) {
      const want = (await searchDossiers(clearDb, q)).map((r) => r.id).sort();
      const got = (await searchDossiers(sealedDb, q)).map((r) => r.id).sort();
      expect(got, q).toEqual(want);
    }
    expect((await searchDossiers(sealedDb, 'dao')).length).toBe(1);
  });

  it('after sign-out the rows cannot be read or written until a PIN opens the vault again; a reload starts locked', async () => {
    const db = freshDb();
    await unlockForUser(db, users[0]!, '135790', users, T0);
    const [code] = await intakeAll(db);
    lockVault();
    await expect(db.dossiers.get(code!)).rejects.toBeInstanceOf(VaultLockedError);
    await expect(db.events.toArray()).rejects.toBeInstanceOf(VaultLockedError);
    await expect(recordIntake(db, cal, actor, receivedPayload(), T0 + DAY)).rejects.toBeInstanceOf(VaultLockedError);
    await expect(vault().sealBytes(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(VaultLockedError);
    expect(await db.outbox.count()).toBe(3); // what needs no key still reads (the pending count)
    resetVault(); // a reload: module state gone
    await initVault(db);
    expect(vaultState()).toBe('locked');
    await unlockForUser(db, users[1]!, '246802', users, T0);
    expect((await db.dossiers.get(code!))!.state.applicant.name).toBe('Nguyễn Thị Đào');
  });

  it('file bytes are sealed with WebCrypto AES-GCM and open again; a changed byte is refused', async () => {
    const db = freshDb();
    await unlockForUser(db, users[0]!, '135790', users, T0);
    const plain = new TextEncoder().encode('ảnh CCCD của Nguyễn Thị Đào');
    const sealed = await vault().sealBytes(plain);
    expect(new TextDecoder().decode(sealed)).not.toContain('Đào');
    expect(await vault().openBytes(sealed)).toEqual(plain);
    sealed[sealed.length - 1]! ^= 1;
    await expect(vault().openBytes(sealed)).rejects.toThrow();
  });
});

describe('Dexie migration 10: clear rows of older versions are encrypted after the next sign-in', () => {
  it('before: clear rows at version 6; after: the same rows sealed, nothing lost, search and states unchanged', async () => {
    const name = `mig10-${Math.random()}`;
    // version 6 (the one before), written without the middleware as the old app did
    const old = dexieBefore(7, name);
    const clear = freshDb();
    const codes = await intakeAll(clear);
    const events = await clear.events.toArray();
    const rows = await clear.dossiers.toArray();
    await old.open();
    await old.table('events').bulkPut(events);
    await old.table('dossiers').bulkPut(rows);
    await old.table('drafts').put({ id: 'd1', userId: 'can-bo-lan', updatedAt: T0, data: { applicantName: 'Nguyễn Thị Đào' } });
    for (let i = 0; i < 450; i++) {
      const s = { ...rows[0]!.state, id: `old-${String(i).padStart(4, '0')}`, code: `old-${i}` };
      await old.table('dossiers').put(toRow(s));
    }
    old.close();
    expect(await rawDump(name)).toContain('001190012345');

    const db = openDb(name);
    dbs.push(db);
    await db.open();
    expect(await sweepPending(db)).toBe(true);
    expect((await db.dossiers.get(codes[0]!))!.state.applicant.name).toBe('Nguyễn Thị Đào'); // readable before the sweep
    await unlockForUser(db, users[0]!, '135790', users, T0);
    expect(await sweepClearRows(db, 100)).toBe(events.length + rows.length + 450 + 1);
    expect(await sweepPending(db)).toBe(false);
    const dump = await rawDump(name);
    for (const s of SECRETS) expect(dump, s).not.toContain(s);
    expect(await db.dossiers.count()).toBe(rows.length + 450);
    expect(await db.events.toArray()).toEqual(events);
    for (const r of rows) expect((await db.dossiers.get(r.id))!.state).toEqual(r.state);
    expect((await db.drafts.get('d1'))!.data).toEqual({ applicantName: 'Nguyễn Thị Đào' });
    expect((await searchDossiers(db, 'dao', 1000)).length).toBe(451);
    expect(await sweepClearRows(db)).toBe(0); // a second sweep has nothing left to do
  });
});

describe('[PD4] chained blind keys: one index key per personal term answers every prefix', () => {
  it('a sealed dossier carries its clear code keys and one chained key per term, none per prefix', async () => {
    const db = freshDb();
    await unlockForUser(db, users[0]!, '135790', users, T0);
    const [code] = await intakeAll(db);
    const raw = new Dexie(db.name);
    await raw.open();
    const row = (await raw.table('dossiers').get(code!)) as { keys: string[] };
    raw.close();
    const opened = (await db.dossiers.get(code!))!;
    const terms = personalTerms(opened.state);
    expect(terms.length).toBeGreaterThanOrEqual(5); // three words of the name from each one on, ID number, phone
    expect(row.keys.filter((k) => k.startsWith(CHAIN_PREFIX))).toHaveLength(terms.length);
    expect(row.keys.filter((k) => !k.startsWith(CHAIN_PREFIX)).sort()).toEqual(codeSearchKeys(code!).sort());
    const k = rowKeysNow()!;
    // every prefix's chained key starts the term's own key
    for (const t of terms) for (let n = 1; n <= t.length; n++) expect(chainKey(k, t).startsWith(chainKey(k, t.slice(0, n))), t.slice(0, n)).toBe(true);
    expect(chainKey(k, 'nguyen thi dao').startsWith(chainKey(k, 'nguyen thx'))).toBe(false);
  });
});

describe('chained blind keys, by their definition', () => {
  it('property: link i is the first 3 bytes, base64url, of the blind HMAC of the first i characters (up to 12), for any text', () => {
    const k = rowKeys(new Uint8Array(32).fill(9));
    const utf8 = new TextEncoder();
    const reference = (t: string) =>
      CHAIN_PREFIX +
      [...Array(Math.min(t.length, 12)).keys()]
        .map((i) =>
          Buffer.from(
            k.mac
              .clone()
              .update(utf8.encode(t.slice(0, i + 1)))
              .digest()
              .subarray(0, 3),
          ).toString('base64url'),
        )
        .join('');
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('nguyen thi dao', 'đặng văn', '0910001728')),
        (t) => {
          expect(chainKey(k, t)).toBe(reference(t));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('Dexie migration 15: blind keys of one key per prefix are re-sealed as chained keys after the next sign-in', () => {
  /** Every prefix of every term up to 12 characters, each its own key: the format before migration 15. */
  const legacyKeys = (k: RowKeys, terms: readonly string[]) => [
    ...new Set(terms.flatMap((t) => [...Array(Math.min(t.length, 12)).keys()].map((i) => blindKey(k, t.slice(0, i + 1))))),
  ];

  it('before: sealed rows at version 11 with keys per prefix (migration 12 keeps them); search finds them until the sweep; after: chained keys, same rows, same answers', async () => {
    const name = `mig15-${Math.random()}`;
    const sealedNow = freshDb();
    await unlockForUser(sealedNow, users[0]!, '135790', users, T0);
    const codes = await intakeAll(sealedNow);
    const k = rowKeysNow()!;
    const vaultMeta = await sealedNow.meta.get('privacy.vault');
    const states = await Promise.all(codes.map(async (c) => (await sealedNow.dossiers.get(c))!.state));
    const raw = new Dexie(sealedNow.name);
    await raw.open();
    const rows = (await raw.table('dossiers').toArray()) as { id: string; keys: string[] }[];
    const events = await raw.table('events').toArray();
    raw.close();
    // the same rows as versions 10 to 14 stored them: keys per prefix
    const old = dexieBefore(12, name);
    await old.open();
    await old.table('meta').put(vaultMeta!);
    await old.table('events').bulkPut(events);
    await old
      .table('dossiers')
      .bulkPut(rows.map((r, i) => ({ ...r, keys: [...r.keys.filter((x) => !x.startsWith(CHAIN_PREFIX)), ...legacyKeys(k, personalTerms(states[i]!))] })));
    old.close();
    resetVault();
    forgetDataKey();

    const db = openDb(name);
    dbs.push(db);
    await db.open();
    expect(await sweepPending(db)).toBe(true);
    await unlockForUser(db, users[0]!, '135790', users, T0);
    const queries = [
      'dao',
      'nguyen thi',
      'thi dao',
      'tran van hoa',
      'le minh hoang phuong thao',
      'ng th dao',
      '001190',
      '0912',
      'c123',
      'cong ty tnhh anh',
      'xyz',
    ];
    const answers = async () =>
      Object.fromEntries(await Promise.all(queries.map(async (q) => [q, (await searchDossiers(db, q)).map((r) => r.id).sort()] as const)));
    const before = await answers();
    expect(before['dao']).toEqual([codes[0]]);
    expect(before['0912']).toEqual([codes[0]]);
    expect(before['cong ty tnhh anh']).toEqual([codes[2]]);

    expect(await sweepClearRows(db)).toBe(rows.length);
    expect(await sweepPending(db)).toBe(false);
    const after = new Dexie(name);
    await after.open();
    const resealed = (await after.table('dossiers').toArray()) as { id: string; keys: string[] }[];
    after.close();
    for (const r of resealed) {
      expect(
        r.keys.some((x) => x.startsWith(BLIND_PREFIX)),
        r.id,
      ).toBe(false);
      expect(r.keys.filter((x) => x.startsWith(CHAIN_PREFIX)).length, r.id).toBeGreaterThan(0);
    }
    for (const [i, c] of codes.entries()) expect((await db.dossiers.get(c))!.state).toEqual(states[i]);
    expect(await answers()).toEqual(before);
    expect(await rawDump(name)).not.toContain('Đào');
  });
});
