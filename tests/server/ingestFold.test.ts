import { describe, expect, it } from 'vitest';
import { foldAll } from '../../src/domain/dossier/fold';
import type { DossierState } from '../../src/domain/dossier/state';
import { runMigrations } from '../../src/server/migrations/run';
import { openPglite } from '../../src/server/store/db';
import { createSqlStore } from '../../src/server/store/sqlStore';
import { DAY } from '../support/builders';
import { rng } from '../app/supervisor/fixtures';
import { historiesFor } from './upstream/helpers';

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('[SYNC9] the stored dossier states on ingest', () => {
  it('equal the domain fold of all their events, whether batches come in order (continued) or not (refolded)', async () => {
    const db = await openPglite();
    await runMigrations(db);
    const store = createSqlStore(db);
    const now = Date.now();
    await store.createCommune({ id: 'xa-f', name: 'Xã F', agencyCode: '000.00.06.H56' }, now);
    const events = historiesFor(77, 120, now - 200 * DAY, 180, 'xa-f', 'dev-f', now).flatMap((h) => h.events);
    const r = rng(9);
    // mostly in their order (the usual push), with one event in five moved later (a tablet that synced late)
    const late = events.filter(() => r() < 0.2);
    const lateIds = new Set(late.map((e) => e.id));
    const queue = [...events.filter((e) => !lateIds.has(e.id)).sort((a, b) => a.at - b.at), ...late];
    for (let i = 0; i < queue.length;) {
      const n = 1 + Math.floor(r() * 40);
      await store.appendEvents('xa-f', queue.slice(i, i + n), now);
      i += n;
    }
    const stored = await db.query<{ code: string; state: DossierState; conflict_count: number }>(
      'SELECT code, state, conflict_count FROM dossiers WHERE commune_id = $1',
      ['xa-f'],
    );
    const expected = foldAll(events);
    expect(stored.length).toBe(expected.size);
    for (const row of stored) {
      expect(json(row.state), row.code).toEqual(json(expected.get(row.code)));
      expect(row.conflict_count).toBe(expected.get(row.code)!.conflicts.length);
    }
    await db.close();
  }, 120_000);
});
