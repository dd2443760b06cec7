import type { Database } from '../store/db';
import { MIGRATIONS, type Migration } from './index';

/**
 * Applies the migrations not yet recorded in schema_migrations, each in its own transaction with
 * its record, under an advisory lock so two instances starting together do not race.
 * Returns the names applied now.
 */
export async function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at bigint NOT NULL)`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('motcua:migrations'))`);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (seen.length > 0) return false;
      await tx.exec(m.up);
      if (m.then) await m.then(tx);
      await tx.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [m.name, Date.now()]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
