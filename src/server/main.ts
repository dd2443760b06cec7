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
import { DEMO_COMMUNE, DEMO_UPSTREAM_PASSWORD, DEMO_USERS, seedDemo, upgradeDemoUsers } from './seed';
import { connectorConfig } from './connector/config';
import { objectStoreFromEnv } from './files/objectStore';

const read = readConfig();
if (!read.ok) {
  console.error(`Một Cửa server: the configuration is wrong, not starting:\n${read.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(2);
}
const config = read.config;

const portal = connectorConfig(process.env);
if (portal.kind === 'invalid') {
  console.error(`The national portal connector is misconfigured:\n${portal.problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(2);
}

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

const objects = objectStoreFromEnv();
const server = await startServer({
  db,
  port: config.port,
  host: config.host,
  distDir: config.distDir,
  trustedProxyHops: config.trustedProxyHops,
  objects,
  ...(process.env.FILES_URL_SECRET ? { filesUrlSecret: process.env.FILES_URL_SECRET } : {}),
  connector: portal.kind === 'on' ? portal.settings : null,
});
const seeded = await seedDemo(server.store, Date.now(), undefined, server.credentials);
const upgraded = seeded ? [] : await upgradeDemoUsers(server.store, server.credentials, Date.now());
const communes = await server.store.listCommunes();
const commune = communes.find((c) => c.id === DEMO_COMMUNE.id) ?? communes[0];

const lines = [
  `Một Cửa server: ${server.url}  (storage: ${db.engine}${db.engine === 'pglite' ? ` in ${config.pgliteDir}` : ''}; files: ${objects.kind === 's3' ? `S3 ${process.env.S3_ENDPOINT} bucket ${process.env.S3_BUCKET}` : (process.env.FILES_DIR ?? '.data/files')})`,
];
if (seeded) {
  lines.push(`Seeded demo commune ${DEMO_COMMUNE.name} (${DEMO_COMMUNE.id}, agency ${DEMO_COMMUNE.agencyCode}). Users and PINs:`);
  for (const u of DEMO_USERS) lines.push(`  ${u.name.padEnd(16)} ${u.role.padEnd(10)} PIN ${u.pin}`);
}
if (seeded || upgraded.length > 0) {
  if (upgraded.length > 0) lines.push(`Demo users ${upgraded.join(', ')} moved to 6-digit PINs: ${DEMO_USERS.map((u) => `${u.id} ${u.pin}`).join(', ')}.`);
  lines.push(`Upstream office (/thuong-cap): ${DEMO_UPSTREAM_PASSWORD.userId}, password ${DEMO_UPSTREAM_PASSWORD.password}`);
}
if (commune) {
  lines.push(`One-time enrollment codes for ${commune.name} (valid 7 days):`);
  for (const [label, role] of [
    ['counter tablet 1', 'counter'],
    ['counter tablet 2', 'counter'],
    ['kiosk', 'kiosk'],
    ['supervisor', 'supervisor'],
  ] as const) {
    lines.push(`  ${label.padEnd(17)} ${await server.core.issueCode(commune.id, role)}`);
  }
}
lines.push(
  portal.kind === 'on'
    ? `National portal connector: on (${portal.settings.portal.endpoint}, unit ${portal.settings.portal.madonvi})`
    : 'National portal connector: off (set PORTAL_ENDPOINT and the other PORTAL_* variables to turn it on)',
);
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
