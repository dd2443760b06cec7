import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/server/migrations';
import { runMigrations } from '../../src/server/migrations/run';
import { openPglite, type Database } from '../../src/server/store/db';
import { keptAggregates } from '../../src/server/store/aggregatesSql';
import { foldDossier } from '../../src/domain/dossier/fold';
import type { DossierState } from '../../src/domain/dossier/state';
import { computeAggregates } from '../../src/domain/stats/bieu06Aggregates';
import { buildEvent, buildReceived, DAY, T0 } from '../support/builders';

const TABLES: Record<string, string[]> = {
  '001_communes_users': ['communes', 'users'],
  '002_devices_enrollment': ['devices', 'enrollment_codes'],
  '003_events': ['events'],
  '004_reference_docs': ['reference_docs'],
  '005_dossiers': ['dossiers'],
  '006_report_aggregates': ['report_aggregates', 'dossiers_commune_due'],
  '007_upstream_access': ['upstream_sessions', 'supervisor_communes'],
  '008_open_promised_index': ['dossiers_commune_open_promised'],
  '009_due_history_766': ['dossiers_commune_open_running'],
  '010_held_events': ['held_events', 'held_events_waiting'],
  '011_files': ['file_objects', 'file_uploads', 'file_chunks', 'events_commune_files'],
  '012_credentials_access_log': ['access_log', 'access_log_commune_actor'],
  '013_connector_outbox': ['connector_outbox', 'connector_attempts'],
  // a column, checked below
  '014_commune_receipt_keys': [],
  '015_access_log_dossiers': ['access_log_dossiers', 'access_log_dossiers_commune', 'access_log_commune_at'],
  // constraints dropped, checked below
  '016_ingest_without_commune_checks': [],
};

/** The commune checks 016 drops from the tables every push writes. */
const INGEST_COMMUNE_CHECKS = ['events_commune_id_fkey', 'dossiers_commune_id_fkey', 'connector_outbox_commune_id_fkey'];

describe('migrations, one at a time (before/after)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db.close();
  });
  const exists = async (table: string) => (await db.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [table]))[0]?.r !== null;

  it('every migration has a before/after check here, and names are unique and ordered', () => {
    expect(MIGRATIONS.map((m) => m.name)).toEqual(Object.keys(TABLES));
  });

  const checks = async () =>
    (await db.query<{ conname: string }>('SELECT conname FROM pg_constraint WHERE conname = ANY($1::text[]) ORDER BY conname', [INGEST_COMMUNE_CHECKS])).map(
      (r) => r.conname,
    );

  MIGRATIONS.forEach((m, i) => {
    it(`${m.name}: creates ${TABLES[m.name]?.join(', ')}; applied once`, async () => {
      for (const t of TABLES[m.name]!) expect(await exists(t), `${t} before`).toBe(false);
      if (m.name.startsWith('016')) expect(await checks()).toEqual([...INGEST_COMMUNE_CHECKS].sort());
      expect(await runMigrations(db, MIGRATIONS.slice(0, i + 1))).toEqual([m.name]);
      if (m.name.startsWith('016')) expect(await checks()).toEqual([]);
      for (const t of TABLES[m.name]!) expect(await exists(t), `${t} after`).toBe(true);
      expect(await runMigrations(db, MIGRATIONS.slice(0, i + 1))).toEqual([]);
      const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      expect(recorded.map((r) => r.name)).toEqual(MIGRATIONS.slice(0, i + 1).map((x) => x.name));
    });
  });

  it('after all: the constraints hold (one slot per commune, one event per id)', async () => {
    await db.query(`INSERT INTO communes VALUES ('c1', 'Xã 1', '000.00.06.H56', 0)`);
    const device = (id: string, slot: number) =>
      db.query(
        `INSERT INTO devices (id, commune_id, name, role, token_hash, code_slot, export_key, enrolled_at) VALUES ($1, 'c1', 'x', 'counter', $1, $2, 'k', 0)`,
        [id, slot],
      );
    await device('d1', 1);
    await expect(device('d2', 1)).rejects.toThrow();
    const event = () =>
      db.query(
        `INSERT INTO events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)
       VALUES ('0190f0f0-0000-7000-8000-000000000001', 'c1', 'D', 'd1', 1, 'a', 'received', 0, 420, '{}', 0)`,
      );
    await event();
    await expect(event()).rejects.toThrow();
  });
});

describe('[REP1a][DUE4] 009 refolds the stored states and rebuilds the kept numbers', () => {
  it('a state stored before 009 (rounds without their due dates) is refolded from its events; kept rows equal a rebuild', async () => {
    const db = await openPglite();
    await runMigrations(
      db,
      MIGRATIONS.filter((m) => m.name < '009'),
    );
    await db.query(`INSERT INTO communes VALUES ('xa-demo', 'Xã Demo', '000.00.06.H56', 0)`);
    const id = '000.00.06.H56-260302-1001';
    const events = [
      buildReceived({}, { dossierId: id, at: T0 }),
      buildEvent('supplementRequested', { missing: ['Tờ khai'] }, { dossierId: id, at: T0 + DAY }),
      buildEvent('supplementReceived', { dueAt: T0 + 9 * DAY, clockStartAt: T0, calendarVersion: 'v' }, { dossierId: id, at: T0 + 3 * DAY }),
    ];
    for (const [i, e] of events.entries()) {
      await db.query(
        `INSERT INTO events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)
        VALUES ($1, 'xa-demo', $2, 'd1', $3, 'a', $4, $5, 420, $6::jsonb, 0)`,
        [e.id, id, i + 1, e.type, e.at, JSON.stringify(e.payload)],
      );
    }
    const now = foldDossier(events)!;
    const old = { ...now, supplements: now.supplements.map(({ dueAtBefore: _b, dueAtAfter: _a, ...r }) => r) };
    await db.query(
      `INSERT INTO dossiers (commune_id, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state)
      VALUES ('xa-demo', $1, $2, $3, $4, $4, 'HT', 'p', 'a', false, 0, 3, $5::jsonb)`,
      [id, old.status, old.receivedAt, old.dueAt, JSON.stringify(old)],
    );
    expect(
      await runMigrations(
        db,
        MIGRATIONS.filter((m) => m.name < '010'),
      ),
    ).toEqual(['009_due_history_766']);
    const [row] = await db.query<{ state: DossierState; running_due_at: unknown }>(`SELECT state, running_due_at FROM dossiers WHERE code = $1`, [id]);
    expect(row!.state.supplements).toEqual(now.supplements);
    expect(Number(row!.running_due_at)).toBe(T0 + 9 * DAY);
    const kept = await keptAggregates(db, 'xa-demo');
    expect(kept).toEqual([...computeAggregates([now]).values()].sort((a, b) => (a.key < b.key ? -1 : 1)));
    expect(kept.length).toBeGreaterThan(0);
    await db.close();
  }, 120_000);
});

describe('014_commune_receipt_keys (before/after)', () => {
  it('[SAT3] gives every existing commune its own random receipt key, and every new one too', async () => {
    const db = await openPglite();
    try {
      const at = MIGRATIONS.findIndex((m) => m.name === '014_commune_receipt_keys');
      await runMigrations(db, MIGRATIONS.slice(0, at));
      await db.query(`INSERT INTO communes VALUES ('c1', 'Xã 1', '000.00.06.H56', 0), ('c2', 'Xã 2', '000.00.06.H57', 0)`);
      expect(await runMigrations(db, MIGRATIONS.slice(0, at + 1))).toEqual(['014_commune_receipt_keys']);
      await db.query(`INSERT INTO communes (id, name, agency_code, created_at) VALUES ('c3', 'Xã 3', '000.00.06.H58', 0)`);
      const keys = (await db.query<{ receipt_key: string }>('SELECT receipt_key FROM communes ORDER BY id')).map((r) => r.receipt_key);
      expect(keys).toHaveLength(3);
      for (const k of keys) expect(k).toMatch(/^[0-9a-f]{64}$/);
      expect(new Set(keys).size).toBe(3);
    } finally {
      await db.close();
    }
  }, 120_000);
});
