/**
 * `npm run server` (and `npm start`): the API and the PWA on one port. Configuration is read once
 * from the environment (config.ts); storage is PostgreSQL when DATABASE_URL is set, otherwise
 * PGlite in PGLITE_DIR (.data/pglite). Seeds a demo commune on an empty database and prints fresh
 * one-time enrollment codes. On SIGTERM or SIGINT: stop accepting, let requests under way finish
 * (SHUTDOWN_GRACE_MS), close the database, exit.
 */
import { mkdirSync } from 'node:fs';
import { readConfig } from './config';
import { openPglite, openPostgres } from './store/db';
import { startServer } from './server';
import { DEMO_COMMUNE, DEMO_USERS, seedDemo } from './seed';

const read = readConfig();
if (!read.ok) {
  console.error(`Một Cửa server: the configuration is wrong, not starting:\n${read.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(2);
}
const config = read.config;

let db;
try {
  if (config.databaseUrl) db = await openPostgres(config.databaseUrl);
  else {
    mkdirSync(config.pgliteDir, { recursive: true });
    db = await openPglite(config.pgliteDir);
  }
  await db.query('SELECT 1');
} catch (e) {
  const where = config.databaseUrl ? 'the PostgreSQL of DATABASE_URL' : `PGlite in ${config.pgliteDir}`;
  console.error(`Một Cửa server: cannot open ${where}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

const server = await startServer({ db, port: config.port, host: config.host, distDir: config.distDir, trustedProxyHops: config.trustedProxyHops });
const seeded = await seedDemo(server.store, Date.now());
const communes = await server.store.listCommunes();
const commune = communes.find((c) => c.id === DEMO_COMMUNE.id) ?? communes[0];

const lines = [`Một Cửa server: ${server.url}  (storage: ${db.engine}${db.engine === 'pglite' ? ` in ${config.pgliteDir}` : ''})`];
if (seeded) {
  lines.push(`Seeded demo commune ${DEMO_COMMUNE.name} (${DEMO_COMMUNE.id}, agency ${DEMO_COMMUNE.agencyCode}). Users and PINs:`);
  for (const u of DEMO_USERS) lines.push(`  ${u.name.padEnd(16)} ${u.role.padEnd(10)} PIN ${u.pin}`);
}
if (commune) {
  lines.push(`One-time enrollment codes for ${commune.name} (valid 7 days):`);
  for (const [label, role] of [['counter tablet 1', 'counter'], ['counter tablet 2', 'counter'], ['kiosk', 'kiosk'], ['supervisor', 'supervisor']] as const) {
    lines.push(`  ${label.padEnd(17)} ${await server.core.issueCode(commune.id, role)}`);
  }
}
lines.push(`Open ${server.url} on the tablet and enter a code.`);
console.log(lines.join('\n'));

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ at: new Date().toISOString(), event: 'shutdown', signal, graceMs: config.shutdownGraceMs }));
  const since = Date.now();
  server.close(config.shutdownGraceMs).then(
    () => {
      console.log(JSON.stringify({ at: new Date().toISOString(), event: 'stopped', ms: Date.now() - since }));
      process.exit(0);
    },
    (e: unknown) => {
      console.error('[server] shutdown failed', e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
