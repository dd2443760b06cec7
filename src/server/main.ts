/**
 * `npm run server` (and `npm start`): the API and the PWA on one port. Storage: PostgreSQL when
 * DATABASE_URL is set, otherwise PGlite in PGLITE_DIR (.data/pglite). Seeds a demo commune on an
 * empty database and prints fresh one-time enrollment codes.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openFromEnv } from './store/db';
import { startServer } from './server';
import { DEMO_COMMUNE, DEMO_UPSTREAM_PASSWORD, DEMO_USERS, seedDemo, upgradeDemoUsers } from './seed';
import { connectorConfig } from './connector/config';
import { objectStoreFromEnv } from './files/objectStore';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
if (!process.env.DATABASE_URL) mkdirSync(process.env.PGLITE_DIR ?? '.data/pglite', { recursive: true });

const portal = connectorConfig(process.env);
if (portal.kind === 'invalid') {
  console.error(`The national portal connector is misconfigured:\n${portal.problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(2);
}

const db = await openFromEnv();
const objects = objectStoreFromEnv();
const server = await startServer({
  db, port, host, objects, ...(process.env.FILES_URL_SECRET ? { filesUrlSecret: process.env.FILES_URL_SECRET } : {}), distDir: resolve(process.env.DIST_DIR ?? 'dist'), trustProxy: process.env.TRUST_PROXY === '1',
  connector: portal.kind === 'on' ? portal.settings : null,
});
const seeded = await seedDemo(server.store, Date.now(), undefined, server.credentials);
const upgraded = seeded ? [] : await upgradeDemoUsers(server.store, server.credentials, Date.now());
const communes = await server.store.listCommunes();
const commune = communes.find((c) => c.id === DEMO_COMMUNE.id) ?? communes[0];

const lines = [`Một Cửa server: ${server.url}  (storage: ${db.engine}${db.engine === 'pglite' ? ` in ${process.env.PGLITE_DIR ?? '.data/pglite'}` : ''}; files: ${objects.kind === 's3' ? `S3 ${process.env.S3_ENDPOINT} bucket ${process.env.S3_BUCKET}` : process.env.FILES_DIR ?? '.data/files'})`];
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
  for (const [label, role] of [['counter tablet 1', 'counter'], ['counter tablet 2', 'counter'], ['kiosk', 'kiosk'], ['supervisor', 'supervisor']] as const) {
    lines.push(`  ${label.padEnd(17)} ${await server.core.issueCode(commune.id, role)}`);
  }
}
lines.push(portal.kind === 'on'
  ? `National portal connector: on (${portal.settings.portal.endpoint}, unit ${portal.settings.portal.madonvi})`
  : 'National portal connector: off (set PORTAL_ENDPOINT and the other PORTAL_* variables to turn it on)');
lines.push(`Open ${server.url} on the tablet and enter a code.`);
console.log(lines.join('\n'));

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
