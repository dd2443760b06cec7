/**
 * An in-memory server speaking the sync protocol without HTTP, for client engine tests and as the
 * reference side of the contract suite (tests/contracts/sync.contract.ts). It follows the real
 * server's rules: strict parsing, one id once, per-event forbidden checks, kiosk views without
 * personal data, per-commune sequence order. Faults can be injected per request.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DossierEvent } from '../../src/domain/dossier/events';
import { foldDossier } from '../../src/domain/dossier/fold';
import {
  canonicalize, enrollRequestSchema, HTTP_STATUS, LIMITS, parseRequest, pullRequestSchema, pushRequestSchema, referenceKindSchema,
  TransportError, verifyOutboxFile,
  type CalendarBundle, type DeviceRole, type DeviceStatus, type KioskDossier, type OutboxFile, type PullResponse, type PushResult,
  type ReferenceResponse, type ReferenceUser, type Rejection, type SupervisorTransport,
} from '../../src/protocol';
import type { Catalog } from '../../src/domain/catalog/procedure';

type Device = { id: string; communeId: string; role: DeviceRole; name: string; codeSlot: number | null; exportKey: string; revoked: boolean; status: DeviceStatus | null; lastSeenAt: number | null; enrolledAt: number };
type Stored = { seq: number; event: DossierEvent };

export type InMemoryServer = {
  readonly transport: SupervisorTransport;
  createCommune(id: string, name?: string, agencyCode?: string): void;
  enrollCode(role: DeviceRole, communeId?: string): string;
  revoke(deviceId: string): void;
  eventCount(communeId?: string): number;
  publishCatalog(catalog: Catalog, communeId?: string): void;
  publishCalendar(bundle: CalendarBundle): void;
  setUsers(communeId: string, users: ReferenceUser[]): void;
  importOutbox(file: OutboxFile): Promise<PushResult[]>;
  /** The next request fails with this error before doing anything. */
  failNext(error: TransportError): void;
  /** The next request is carried out (committed) but its answer is lost: the caller sees a network error. */
  dropNextAnswer(): void;
  clock: { now: number | null };
};

const reject = (r: Rejection): never => {
  throw new TransportError(HTTP_STATUS[r.reason], r.reason, r.message, r.details ?? []);
};

export function createInMemoryServer(options: { communeId?: string } = {}): InMemoryServer {
  const defaultCommune = options.communeId ?? 'xa-demo';
  const communes = new Map<string, { name: string; agencyCode: string }>([[defaultCommune, { name: 'Xã Demo', agencyCode: '000.00.06.H56' }]]);
  const codes = new Map<string, { communeId: string; role: DeviceRole; used: boolean }>();
  const devices = new Map<string, Device>();
  const tokens = new Map<string, string>();
  const events = new Map<string, Stored & { communeId: string }>();
  const log: (Stored & { communeId: string })[] = [];
  const catalogs = new Map<string | null, Catalog>();
  let calendar: CalendarBundle | null = null;
  const users = new Map<string, ReferenceUser[]>();
  let seq = 0;
  let failure: TransportError | null = null;
  let dropAnswer = false;
  const clock = { now: null as number | null };
  const now = () => clock.now ?? Date.now();

  /** JSON round trip: the fake sees exactly what would cross the wire. */
  const wire = <T>(v: T): unknown => JSON.parse(JSON.stringify(v)) as unknown;

  async function exchange<T>(work: () => T | Promise<T>): Promise<T> {
    if (failure) {
      const f = failure;
      failure = null;
      throw f;
    }
    const result = await work();
    if (dropAnswer) {
      dropAnswer = false;
      throw new TransportError(null, null, 'network: connection dropped after the server committed');
    }
    return wire(result) as T;
  }

  function auth(token: string): Device {
    const id = tokens.get(token);
    const d = id ? devices.get(id) : undefined;
    if (!d) return reject({ reason: 'unknownDevice', message: 'unknown token' });
    if (d.revoked) return reject({ reason: 'revoked', message: 'revoked' });
    return d;
  }

  function parse<T>(schema: Parameters<typeof parseRequest<T>>[0], body: unknown): T {
    const r = parseRequest(schema, wire(body));
    return r.ok ? r.value : reject(r.rejection);
  }

  function ingest(d: Device, batch: readonly DossierEvent[]): PushResult[] {
    return batch.map((e): PushResult => {
      if (e.communeId !== d.communeId) return { id: e.id, outcome: 'rejected', reason: 'forbidden', message: 'another commune' };
      if (e.deviceId !== d.id) return { id: e.id, outcome: 'rejected', reason: 'forbidden', message: 'another device' };
      if (d.role === 'kiosk' && e.type !== 'rated') return { id: e.id, outcome: 'rejected', reason: 'forbidden', message: 'a kiosk may only push ratings' };
      const had = events.get(e.id);
      if (had) {
        return canonicalize(had.event) === canonicalize(e)
          ? { id: e.id, outcome: 'duplicate', serverSeq: had.seq }
          : { id: e.id, outcome: 'rejected', reason: 'conflict', message: 'id used by a different event' };
      }
      const stored = { seq: ++seq, event: e, communeId: d.communeId };
      events.set(e.id, stored);
      log.push(stored);
      return { id: e.id, outcome: 'accepted', serverSeq: stored.seq };
    });
  }

  function kioskView(communeId: string, after: number, limit: number) {
    const byDossier = new Map<string, Stored[]>();
    for (const s of log) if (s.communeId === communeId) byDossier.set(s.event.dossierId, [...(byDossier.get(s.event.dossierId) ?? []), s]);
    const rows: { seq: number; dossier: KioskDossier }[] = [];
    for (const list of byDossier.values()) {
      const st = foldDossier(list.map((s) => s.event));
      if (!st) continue;
      const last = Math.max(...list.map((s) => s.seq));
      if (last <= after) continue;
      rows.push({ seq: last, dossier: {
        code: st.code, procedureCode: st.procedureCode, procedureName: st.procedureName, officerId: st.receivedBy, status: st.status,
        receivedAt: st.receivedAt, dueAt: st.dueAt, effectiveDueAt: st.effectiveDueAt, rated: st.rating !== null,
      } });
    }
    return rows.sort((a, b) => a.seq - b.seq).slice(0, limit + 1);
  }

  const versions = (d: Device) => {
    const u = users.get(d.communeId);
    return {
      catalog: (catalogs.get(d.communeId) ?? catalogs.get(null))?.version ?? null,
      calendar: calendar ? calendar.calendars.map((c) => c.version).join('+') : null,
      users: d.role === 'kiosk' || !u ? null : `users-${u.length}-${canonicalize(u).length}`,
    };
  };

  const transport: SupervisorTransport = {
    enroll: (req) => exchange(() => {
      const r = parse(enrollRequestSchema, req);
      const key = r.code.toUpperCase().replace(/[^A-Z0-9]/g, '');
      const code = codes.get(key);
      if (!code || code.used) return reject({ reason: 'forbidden', message: 'unknown or used code' });
      const taken = new Set([...devices.values()].filter((x) => x.communeId === code.communeId).map((x) => x.codeSlot));
      let slot: number | null = null;
      if (code.role !== 'kiosk') for (let s = 1; s <= 99 && slot === null; s++) if (!taken.has(s)) slot = s;
      if (code.role !== 'kiosk' && slot === null) return reject({ reason: 'conflict', message: 'no free slot' });
      code.used = true;
      const d: Device = { id: randomUUID(), communeId: code.communeId, role: code.role, name: r.deviceName, codeSlot: slot,
        exportKey: randomBytes(32).toString('base64url'), revoked: false, status: null, lastSeenAt: null, enrolledAt: now() };
      const token = randomBytes(32).toString('base64url');
      devices.set(d.id, d);
      tokens.set(token, d.id);
      const c = communes.get(d.communeId)!;
      return { deviceId: d.id, token, role: d.role, communeId: d.communeId, communeName: c.name, agencyCode: c.agencyCode, codeSlot: slot, exportKey: d.exportKey, serverTime: now() };
    }),
    push: (token, req) => exchange(() => {
      const d = auth(token);
      const r = parse(pushRequestSchema, req);
      const results = ingest(d, r.events);
      d.status = r.status;
      d.lastSeenAt = now();
      return { serverTime: now(), results };
    }),
    pull: (token, req) => exchange((): PullResponse => {
      const d = auth(token);
      const r = parse(pullRequestSchema, req);
      d.status = r.status;
      d.lastSeenAt = now();
      if (d.role === 'kiosk') {
        const rows = kioskView(d.communeId, r.after, r.limit);
        const page = rows.slice(0, r.limit);
        return { kind: 'kiosk', serverTime: now(), kioskDossiers: page.map((x) => x.dossier), next: page.at(-1)?.seq ?? r.after, hasMore: rows.length > r.limit, reference: versions(d) };
      }
      const rows = log.filter((s) => s.communeId === d.communeId && s.seq > r.after).slice(0, r.limit + 1);
      const page = rows.slice(0, r.limit);
      return { kind: 'events', serverTime: now(), events: page.map((s) => ({ serverSeq: s.seq, event: s.event })), next: page.at(-1)?.seq ?? r.after, hasMore: rows.length > r.limit, reference: versions(d) };
    }),
    reference: (token, kind) => exchange((): ReferenceResponse => {
      const d = auth(token);
      const k = referenceKindSchema.safeParse(kind);
      if (!k.success) return reject({ reason: 'invalid', message: 'unknown kind' });
      const v = versions(d);
      if (k.data === 'users') {
        if (d.role === 'kiosk') return reject({ reason: 'forbidden', message: 'a kiosk reads nothing personal' });
        return { serverTime: now(), kind: 'users', version: v.users ?? 'users-0-0', publishedAt: 0, body: { users: users.get(d.communeId) ?? [] } };
      }
      if (k.data === 'catalog') {
        const c = catalogs.get(d.communeId) ?? catalogs.get(null);
        if (!c) return reject({ reason: 'invalid', message: 'no catalog published' });
        return { serverTime: now(), kind: 'catalog', version: c.version, publishedAt: 0, body: c };
      }
      if (!calendar) return reject({ reason: 'invalid', message: 'no calendar published' });
      return { serverTime: now(), kind: 'calendar', version: v.calendar!, publishedAt: 0, body: calendar };
    }),
    devices: (token) => exchange(() => {
      const d = auth(token);
      if (d.role === 'kiosk') return reject({ reason: 'forbidden', message: 'a kiosk does not list devices' });
      return { serverTime: now(), devices: [...devices.values()].filter((x) => x.communeId === d.communeId).map((x) => ({
        deviceId: x.id, name: x.name, role: x.role, codeSlot: x.codeSlot, enrolledAt: x.enrolledAt, revokedAt: x.revoked ? x.enrolledAt : null,
        lastSeenAt: x.lastSeenAt, appVersion: x.status?.appVersion ?? null, status: x.status,
      })) };
    }),
  };

  return {
    transport,
    clock,
    createCommune(id, name = id, agencyCode = '000.00.06.H56') {
      communes.set(id, { name, agencyCode });
    },
    enrollCode(role, communeId = defaultCommune) {
      if (!communes.has(communeId)) communes.set(communeId, { name: communeId, agencyCode: '000.00.06.H56' });
      const code = randomBytes(5).toString('hex').toUpperCase();
      codes.set(code, { communeId, role, used: false });
      return code;
    },
    revoke(deviceId) {
      const d = devices.get(deviceId);
      if (d) d.revoked = true;
    },
    eventCount: (communeId) => log.filter((s) => communeId === undefined || s.communeId === communeId).length,
    publishCatalog(catalog, communeId) {
      catalogs.set(communeId ?? null, catalog);
    },
    publishCalendar(bundle) {
      calendar = bundle;
    },
    setUsers(communeId, list) {
      users.set(communeId, list);
    },
    async importOutbox(file) {
      const d = devices.get(file.deviceId);
      if (!d || d.communeId !== file.communeId || !(await verifyOutboxFile(d.exportKey, file))) throw new Error('outbox file refused');
      const results: PushResult[] = [];
      for (let i = 0; i < file.events.length; i += LIMITS.maxEventsPerPush) results.push(...ingest(d, file.events.slice(i, i + LIMITS.maxEventsPerPush)));
      return results;
    },
    failNext(error) {
      failure = error;
    },
    dropNextAnswer() {
      dropAnswer = true;
    },
  };
}
