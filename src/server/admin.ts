/**
 * `npm run admin -- <command> [args]`: the upstream office's tools, on the same database as the
 * server (DATABASE_URL or PGLITE_DIR). Stop a PGlite server first: PGlite has one writer.
 */
import { readFileSync } from 'node:fs';
import { openFromEnv } from './store/db';
import { runMigrations } from './migrations/run';
import { createSqlStore } from './store/sqlStore';
import { createSyncCore } from './core/sync';
import { createUpstreamStore } from './store/upstreamStore';
import { counterCredentials, PIN_PATTERN } from './credentials/counterPin';
import { createCredentialStore } from './credentials/credentialStore';
import { hashPassword, PASSWORD_PROBLEM_TEXT, passwordProblem } from './credentials/password';
import { upgradeDemoUsers } from './seed';
import { catalogSchema, officialCalendarSchema } from '../protocol/reference';
import { outboxFileSchema } from '../protocol/outboxFile';
import { deviceRoleSchema } from '../protocol/messages';
import { detailsOf } from '../protocol/errors';
import type { OfficialCalendar } from '../domain/calendar/types';
import { checkPortal } from './connector/check';
import { connectorConfig } from './connector/config';
import { createOutboundQueue } from './connector/queue';

const USAGE = `Usage: npm run admin -- <command>
  create-commune <id> <name> <agencyCode>
  create-user <communeId> <userId> <name> <officer|supervisor> <pin|->   (PIN: 6-12 digits, for the tablets; - : upstream only)
  set-pin <userId> <pin>                        (a new tablet PIN, 6-12 digits; the tablets get it at their next sync)
  set-password <userId>                         (the upstream password, read from standard input; supervisors only)
  upgrade-demo-users                            (demo users still on 4-digit PINs get the 6-digit ones of the README)
  set-retention <communeId> <days>              (closed, confirmed dossiers leave the tablets after that many days; default 30)
  issue-code <counter|kiosk|supervisor> <communeId>
  revoke-device <deviceId>
  publish-catalog <file.json> [communeId]      (no communeId: every commune)
  publish-calendar <file.json>                 (an OfficialCalendar; replaces the one for the same years)
  import-outbox <file.json>
  list-devices <communeId>
  grant-commune <supervisorUserId> <communeId>  (the supervisor also oversees that commune upstream)
  rebuild-aggregates [communeId]               (recompute the kept report aggregates from the dossiers)
  portal-status [communeId]                    (national portal connector: synced, pending, refused with the portal's message)
  portal-retry <communeId> <dossierCode>       (send a refused dossier again)
  portal-check                                 (the connector's configuration from PORTAL_*, and one call: does the portal sign us in?)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

/** The first line of standard input (a password is not put on the command line, where history keeps it). */
async function readStdinLine(): Promise<string> {
  if (process.stdin.isTTY) process.stdout.write('password: ');
  let data = '';
  for await (const chunk of process.stdin) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  return data.split('\n')[0] ?? '';
}

const [command, ...args] = process.argv.slice(2);
if (!command || command === 'help' || command === '--help') {
  console.log(USAGE);
  process.exit(0);
}

const db = await openFromEnv();
await runMigrations(db);
const store = createSqlStore(db);
const core = createSyncCore(store);
const now = Date.now();
/** A user as stored, with the commune and role upsertUser needs. */
async function findUser(id: string): Promise<{ id: string; communeId: string; name: string; role: 'officer' | 'supervisor' } | null> {
  const [r] = await db.query<{ id: string; commune_id: string; name: string; role: 'officer' | 'supervisor' }>(
    'SELECT id, commune_id, name, role FROM users WHERE id = $1',
    [id],
  );
  return r ? { id: r.id, communeId: r.commune_id, name: r.name, role: r.role } : null;
}
const need = (n: number) => {
  if (args.length < n) fail(USAGE);
};

try {
  switch (command) {
    case 'create-commune': {
      need(3);
      await store.createCommune({ id: args[0]!, name: args[1]!.normalize('NFC'), agencyCode: args[2]! }, now);
      console.log(`commune ${args[0]} created`);
      break;
    }
    case 'create-user': {
      need(5);
      const role = args[3];
      if (role !== 'officer' && role !== 'supervisor') fail('role: officer or supervisor');
      const pin = args[4]!;
      if (pin !== '-' && !PIN_PATTERN.test(pin)) fail('PIN: 6 to 12 digits (or - for an upstream-only supervisor)');
      if (pin === '-' && role !== 'supervisor') fail('an officer needs a PIN');
      if (!(await store.commune(args[0]!))) fail(`no commune ${args[0]}`);
      const creds = pin === '-' ? { pin: null, vault: null } : counterCredentials(pin);
      await store.upsertUser({ communeId: args[0]!, id: args[1]!, name: args[2]!.normalize('NFC'), role, ...creds }, now);
      console.log(`user ${args[1]} saved${role === 'supervisor' ? '; set the upstream password with set-password' : ''}`);
      break;
    }
    case 'set-pin': {
      need(2);
      if (!PIN_PATTERN.test(args[1]!)) fail('PIN: 6 to 12 digits');
      const held = await findUser(args[0]!);
      if (!held) fail(`no user ${args[0]}`);
      await store.upsertUser({ ...held, ...counterCredentials(args[1]!) }, now);
      console.log(`PIN of ${args[0]} changed`);
      break;
    }
    case 'set-password': {
      need(1);
      const credentials = createCredentialStore(db);
      const held = await findUser(args[0]!);
      if (!held) fail(`no user ${args[0]}`);
      if (held.role !== 'supervisor') fail('only a supervisor signs in upstream');
      const password = (await readStdinLine()).replace(/\r?\n$/, '');
      const problem = passwordProblem(password, held);
      if (problem) fail(`password refused: ${PASSWORD_PROBLEM_TEXT[problem]}`);
      await credentials.setPassword(held.id, await hashPassword(password), now);
      console.log(`upstream password of ${held.id} set`);
      break;
    }
    case 'set-retention': {
      need(2);
      const days = Number(args[1]);
      if (!Number.isInteger(days) || days < 1 || days > 3650) fail('days: 1 to 3650');
      const rows = await db.query('UPDATE communes SET retention_days = $2 WHERE id = $1 RETURNING id', [args[0]!, days]);
      if (rows.length === 0) fail(`no commune ${args[0]}`);
      // the setting travels in the users reference: a new version makes the tablets fetch it
      await db.query('UPDATE users SET updated_at = $2 WHERE commune_id = $1', [args[0]!, now]);
      console.log(`tablets of ${args[0]} keep closed dossiers' personal data ${days} days`);
      break;
    }
    case 'upgrade-demo-users': {
      const ids = await upgradeDemoUsers(store, createCredentialStore(db), now);
      console.log(ids.length ? `upgraded: ${ids.join(', ')}` : 'nothing to upgrade');
      break;
    }
    case 'issue-code': {
      need(2);
      const role = deviceRoleSchema.safeParse(args[0]);
      if (!role.success) fail('role: counter, kiosk or supervisor');
      if (!(await store.commune(args[1]!))) fail(`no commune ${args[1]}`);
      console.log(await core.issueCode(args[1]!, role.data));
      break;
    }
    case 'revoke-device': {
      need(1);
      if (!(await store.revokeDevice(args[0]!, now))) fail(`no device ${args[0]}`);
      console.log(`device ${args[0]} revoked: its next request is refused`);
      break;
    }
    case 'publish-catalog': {
      need(1);
      const parsed = catalogSchema.safeParse(readJson(args[0]!));
      if (!parsed.success)
        fail(
          `invalid catalog:\n${detailsOf(parsed.error)
            .map((d) => `  ${d.path}: ${d.message}`)
            .join('\n')}`,
        );
      await store.publishReference(args[1] ?? null, 'catalog', parsed.data.version, parsed.data, now);
      console.log(`catalog ${parsed.data.version} published (${parsed.data.procedures.length} procedures)`);
      const missing = parsed.data.procedures.filter((p) => !p.portalCode).map((p) => p.code);
      if (missing.length > 0) console.log(`  without a national portal code (MaTTHC), their dossiers are held: ${missing.join(', ')}`);
      // dossiers held for a missing portal code get another chance with the new catalog
      const requeued = await createOutboundQueue(db).retryAll('noPortalCode');
      if (requeued > 0) console.log(`  ${requeued} dossier(s) held for a missing portal code are queued again`);
      break;
    }
    case 'publish-calendar': {
      need(1);
      const parsed = officialCalendarSchema.safeParse(readJson(args[0]!));
      if (!parsed.success)
        fail(
          `invalid calendar:\n${detailsOf(parsed.error)
            .map((d) => `  ${d.path}: ${d.message}`)
            .join('\n')}`,
        );
      const cal: OfficialCalendar = parsed.data;
      const communes = await store.listCommunes();
      const previous = communes[0] ? await store.reference(communes[0].id, 'calendar') : null;
      const kept = (previous?.body.calendars ?? []).filter((c) => !c.years.some((y) => cal.years.includes(y)));
      const calendars = [...kept, cal].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      await store.publishReference(null, 'calendar', calendars.map((c) => c.version).join('+'), { calendars }, now);
      console.log(`calendar ${cal.version} published (${calendars.length} document(s) in force)`);
      break;
    }
    case 'import-outbox': {
      need(1);
      const parsed = outboxFileSchema.safeParse(readJson(args[0]!));
      if (!parsed.success)
        fail(
          `not a valid outbox file:\n${detailsOf(parsed.error)
            .map((d) => `  ${d.path}: ${d.message}`)
            .join('\n')}`,
        );
      const r = await core.importOutbox(parsed.data);
      if (!r.ok) fail(`refused (${r.rejection.reason}): ${r.rejection.message}`);
      const count = (o: string) => r.value.results.filter((x) => x.outcome === o).length;
      console.log(`imported: ${count('accepted')} accepted, ${count('duplicate')} already had, ${count('rejected')} rejected`);
      for (const x of r.value.results) if (x.outcome === 'rejected') console.log(`  rejected ${x.id}: ${x.reason} ${x.message}`);
      break;
    }
    case 'list-devices': {
      need(1);
      for (const d of await store.listDevices(args[0]!)) {
        const seen = d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : 'never';
        console.log(
          [
            d.deviceId,
            d.role.padEnd(10),
            `slot ${d.codeSlot ?? '-'}`,
            d.name,
            `seen ${seen}`,
            `app ${d.appVersion ?? '-'}`,
            `pending ${d.status?.pendingCount ?? '-'}`,
            d.revokedAt ? 'REVOKED' : '',
          ].join('  '),
        );
      }
      break;
    }
    case 'grant-commune': {
      need(2);
      if (!(await store.commune(args[1]!))) fail(`no commune ${args[1]}`);
      await createUpstreamStore(db).grantCommune(args[0]!, args[1]!);
      console.log(`${args[0]} now supervises ${args[1]} upstream (only if their role is supervisor)`);
      break;
    }
    case 'rebuild-aggregates': {
      const upstream = createUpstreamStore(db);
      const ids = args[0] ? [args[0]] : (await store.listCommunes()).map((c) => c.id);
      for (const id of ids) console.log(`${id}: ${await upstream.rebuildAggregates(id)} rows`);
      break;
    }
    case 'portal-status': {
      const queue = createOutboundQueue(db);
      const ids = args[0] ? [args[0]] : (await store.listCommunes()).map((c) => c.id);
      for (const [id, c] of await queue.counts(ids)) console.log(`${id}: ${c.synced} synced, ${c.pending} pending, ${c.refused} refused`);
      for (const r of await queue.refused(ids, 100)) console.log(`  refused ${r.communeId} ${r.code} (${r.errorCode ?? '-'}): ${r.message ?? ''}`);
      break;
    }
    case 'portal-check': {
      const check = await checkPortal(connectorConfig(process.env));
      for (const line of check.lines) console.log(line);
      if (!check.ok) process.exitCode = 1;
      break;
    }
    case 'portal-retry': {
      need(2);
      if (!(await createOutboundQueue(db).retry(args[0]!, args[1]!))) fail(`no refused dossier ${args[1]} in ${args[0]}`);
      console.log(`${args[1]} queued to be sent again`);
      break;
    }
    default:
      fail(USAGE);
  }
} finally {
  await store.close();
}
