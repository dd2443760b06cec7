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
import { hashPin } from './core/secrets';
import { catalogSchema, officialCalendarSchema } from '../protocol/reference';
import { outboxFileSchema } from '../protocol/outboxFile';
import { deviceRoleSchema } from '../protocol/messages';
import { detailsOf } from '../protocol/errors';
import type { OfficialCalendar } from '../domain/calendar/types';
import { createOutboundQueue } from './connector/queue';

const USAGE = `Usage: npm run admin -- <command>
  create-commune <id> <name> <agencyCode>
  create-user <communeId> <userId> <name> <officer|supervisor> <pin>
  issue-code <counter|kiosk|supervisor> <communeId>
  revoke-device <deviceId>
  publish-catalog <file.json> [communeId]      (no communeId: every commune)
  publish-calendar <file.json>                 (an OfficialCalendar; replaces the one for the same years)
  import-outbox <file.json>
  list-devices <communeId>
  grant-commune <supervisorUserId> <communeId>  (the supervisor also oversees that commune upstream)
  rebuild-aggregates [communeId]               (recompute the kept report aggregates from the dossiers)
  portal-status [communeId]                    (national portal connector: synced, pending, refused with the portal's message)
  portal-retry <communeId> <dossierCode>       (send a refused dossier again)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

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
      if (!/^\d{4,8}$/.test(args[4]!)) fail('PIN: 4 to 8 digits');
      if (!(await store.commune(args[0]!))) fail(`no commune ${args[0]}`);
      await store.upsertUser({ communeId: args[0]!, id: args[1]!, name: args[2]!.normalize('NFC'), role, pin: hashPin(args[4]!) }, now);
      console.log(`user ${args[1]} saved`);
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
      if (!parsed.success) fail(`invalid catalog:\n${detailsOf(parsed.error).map((d) => `  ${d.path}: ${d.message}`).join('\n')}`);
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
      if (!parsed.success) fail(`invalid calendar:\n${detailsOf(parsed.error).map((d) => `  ${d.path}: ${d.message}`).join('\n')}`);
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
      if (!parsed.success) fail(`not a valid outbox file:\n${detailsOf(parsed.error).map((d) => `  ${d.path}: ${d.message}`).join('\n')}`);
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
        console.log([d.deviceId, d.role.padEnd(10), `slot ${d.codeSlot ?? '-'}`, d.name, `seen ${seen}`, `app ${d.appVersion ?? '-'}`,
          `pending ${d.status?.pendingCount ?? '-'}`, d.revokedAt ? 'REVOKED' : ''].join('  '));
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
