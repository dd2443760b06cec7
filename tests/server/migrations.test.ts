import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/server/migrations';
import { runMigrations } from '../../src/server/migrations/run';
import { openPglite, type Database } from '../../src/server/store/db';

const TABLES: Record<string, string[]> = {
  '001_communes_users': ['communes', 'users'],
  '002_devices_enrollment': ['devices', 'enrollment_codes'],
  '003_events': ['events'],
  '004_reference_docs': ['reference_docs'],
  '005_dossiers': ['dossiers'],
  '006_report_aggregates': ['report_aggregates', 'dossiers_commune_due'],
  '007_upstream_access': ['upstream_sessions', 'supervisor_communes'],
  '008_open_promised_index': ['dossiers_commune_open_promised'],
  '012_credentials_access_log': ['access_log', 'access_log_commune_actor'],
};

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

  MIGRATIONS.forEach((m, i) => {
    it(`${m.name}: creates ${TABLES[m.name]?.join(', ')}; applied once`, async () => {
      for (const t of TABLES[m.name]!) expect(await exists(t), `${t} before`).toBe(false);
      expect(await runMigrations(db, MIGRATIONS.slice(0, i + 1))).toEqual([m.name]);
      for (const t of TABLES[m.name]!) expect(await exists(t), `${t} after`).toBe(true);
      expect(await runMigrations(db, MIGRATIONS.slice(0, i + 1))).toEqual([]);
      const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      expect(recorded.map((r) => r.name)).toEqual(MIGRATIONS.slice(0, i + 1).map((x) => x.name));
    });
  });

  it('after all: the constraints hold (one slot per commune, one event per id)', async () => {
    await db.query(`INSERT INTO communes VALUES ('c1', 'Xã 1', '000.00.06.H56', 0)`);
    const device = (id: string, slot: number) => db.query(
      `INSERT INTO devices (id, commune_id, name, role, token_hash, code_slot, export_key, enrolled_at) VALUES ($1, 'c1', 'x', 'counter', $1, $2, 'k', 0)`, [id, slot]);
    await device('d1', 1);
    await expect(device('d2', 1)).rejects.toThrow();
    const event = () => db.query(
      `INSERT INTO events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)
       VALUES ('0190f0f0-0000-7000-8000-000000000001', 'c1', 'D', 'd1', 1, 'a', 'received', 0, 420, '{}', 0)`);
    await event();
    await expect(event()).rejects.toThrow();
  });
});
