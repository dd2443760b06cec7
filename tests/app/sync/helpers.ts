/** Shared setup for the sync engine tests: fresh databases, an in-memory server with reference data, intakes. */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { openDb, type MotCuaDb } from '../../../src/app/db/schema';
import { recordAction, recordIntake, type Actor } from '../../../src/app/db/record';
import { enrollDevice } from '../../../src/app/sync/enroll';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { computeDue } from '../../../src/domain/calendar/dueDate';
import { DEMO_CATALOG } from '../../../src/domain/catalog/demoCatalog';
import { TransportError, type DeviceProfile, type DeviceRole, type Transport } from '../../../src/protocol';
import { createInMemoryServer, type InMemoryServer } from '../../support/inMemoryServer';
import { receivedPayload, T0 } from '../../support/builders';

export const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
export const PROCEDURE = DEMO_CATALOG.procedures.find((p) => p.processing.unit === 'workingDays') ?? DEMO_CATALOG.procedures[0]!;

const dbs: MotCuaDb[] = [];
let n = 0;
export function freshDb(): MotCuaDb {
  const db = openDb(`sync-${++n}-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

export const PIN = { salt: 'c2FsdA', iterations: 1, hash: 'aGFzaA' };

export function demoServer(): InMemoryServer {
  const server = createInMemoryServer();
  server.publishCatalog(DEMO_CATALOG);
  server.publishCalendar({ calendars: [OFFICIAL_CALENDAR_2026] });
  server.setUsers('xa-demo', [{ id: 'officer-lan', name: 'Nguyễn Thị Lan', role: 'officer', pin: PIN, active: true }]);
  return server;
}

export type Tablet = { readonly db: MotCuaDb; readonly profile: DeviceProfile; readonly actor: Actor };

/** A database enrolled on the server with a fresh code of that role. */
export async function enrolled(
  enrollCode: (role: DeviceRole) => string | Promise<string>,
  transport: Transport,
  role: DeviceRole = 'counter',
): Promise<Tablet> {
  const db = freshDb();
  const r = await enrollDevice(db, transport, { code: await enrollCode(role), deviceName: `test ${role}`, appVersion: 'test-1' });
  if (!r.ok) throw new Error(`enroll failed: ${r.error.code}`);
  return { db, profile: r.value, actor: { device: r.value, userId: 'officer-lan' } };
}

/** An accepted intake at `at`, due per the catalog procedure. Returns the dossier code. */
export async function intake(t: Tablet, at: number = T0, name = 'Nguyễn Thị Đào', actor: Actor = t.actor): Promise<string> {
  const due = computeDue(cal, { receivedAt: at, processing: PROCEDURE.processing, cutoff: PROCEDURE.cutoff });
  if (!due.ok) throw new Error(due.error.code);
  const r = await recordIntake(
    t.db,
    cal,
    actor,
    receivedPayload({
      procedureCode: PROCEDURE.code,
      procedureName: PROCEDURE.name,
      fieldCode: PROCEDURE.fieldCode,
      processing: PROCEDURE.processing,
      supplementPolicy: PROCEDURE.supplementPolicy,
      feeVnd: PROCEDURE.feeVnd,
      dueAt: due.value.dueAt,
      clockStartAt: due.value.clockStartAt,
      calendarVersion: OFFICIAL_CALENDAR_2026.version,
      applicant: { name, idType: 'cccd', idNumber: '001190012345', phone: '0912345678' },
    }),
    at,
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value.state.id;
}

export async function transfer(t: Tablet, dossierId: string, at: number): Promise<void> {
  const r = await recordAction(t.db, cal, t.actor, dossierId, 'transferred', { toUnit: 'Công chức Tư pháp - Hộ tịch' }, at);
  if (!r.ok) throw new Error(r.error.code);
}

export type Fault = { readonly before: TransportError } | { readonly dropAnswer: true } | null;
export type Method = 'enroll' | 'push' | 'pull' | 'reference';

/**
 * A transport wrapper injecting faults per call: `before` fails without reaching the server;
 * `dropAnswer` calls through (the server commits) and then throws a network error, as when the
 * connection drops before the device hears the answer. Records every request.
 */
export function faulty(inner: Transport, plan: (method: Method, nth: number) => Fault) {
  const calls: { method: Method; req: unknown }[] = [];
  async function go<R>(method: Method, req: unknown, call: () => Promise<R>): Promise<R> {
    calls.push({ method, req });
    const fault = plan(method, calls.filter((c) => c.method === method).length);
    if (fault && 'before' in fault) throw fault.before;
    const res = await call();
    if (fault && 'dropAnswer' in fault) throw new TransportError(null, null, 'network: connection reset after the server answered');
    return res;
  }
  const transport: Transport = {
    enroll: (req) => go('enroll', req, () => inner.enroll(req)),
    push: (token, req) => go('push', req, () => inner.push(token, req)),
    pull: (token, req) => go('pull', req, () => inner.pull(token, req)),
    reference: (token, kind) => go('reference', kind, () => inner.reference(token, kind)),
  };
  return { transport, calls };
}

export const HOUR_MS = 3_600_000;
