import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/app/db/schema';
import { T0 } from '../../support/builders';
import { dexieBefore } from '../../support/dexieBefore';

describe('Dexie migration 9 (digitised files)', () => {
  it('before: no file tables; after: files, fileBytes, captures exist, indexed, and the dossiers are untouched', async () => {
    const name = `mig9-${Math.random()}`;
    const before = dexieBefore(9, name);
    await before.open();
    expect(before.tables.map((t) => t.name)).not.toContain('files');
    await before.table('dossiers').put({ id: 'A', open: 1, due: 1, status: 'received', receivedAt: T0, keys: ['a'], conflict: 0, state: { receivedAt: T0 } });
    before.close();
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(9);
    expect(await db.dossiers.get('A')).toMatchObject({ id: 'A', status: 'received' });
    await db.files.put({
      sha256: 'a'.repeat(64),
      size: 1,
      type: 'application/pdf',
      pages: 1,
      name: 'x',
      dossierIds: ['A'],
      origin: 'local',
      upload: { kind: 'pending', attempts: 0 },
      uploadKind: 'pending',
      hasBytes: 1,
      thumb: null,
      createdAt: T0,
      lastOpenedAt: T0,
    });
    expect(await db.files.where('uploadKind').equals('pending').count()).toBe(1);
    expect(await db.files.where('dossierIds').equals('A').count()).toBe(1);
    expect(await db.captures.where('draftKey').equals('none').count()).toBe(0);
    await db.delete();
  });
});
