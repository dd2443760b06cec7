/**
 * The server without sockets or SQL, for client engine tests and as one side of the contract suite
 * (tests/contracts/sync.contract.ts): the real app (createApp: routes, parsing, answers) and the
 * real sync core (createSyncCore) over an in-memory store, called through the real HTTP transport
 * with `app.fetch` instead of the network. So the server's rules exist once. Faults can be
 * injected per request.
 */
import type { Catalog } from '../../src/domain/catalog/procedure';
import {
  createHttpTransport,
  TransportError,
  type CalendarBundle,
  type DeviceRole,
  type OutboxFile,
  type PushResult,
  type ReferenceUser,
  type SupervisorTransport,
} from '../../src/protocol';
import { createApp } from '../../src/server/app';
import { newEnrollmentCode, normaliseCode, sha256 } from '../../src/server/core/secrets';
import { createSyncCore, ENROLLMENT_CODE_TTL_MS } from '../../src/server/core/sync';
import { createMemoryStore, type MemoryStore } from './memoryStore';

export type InMemoryServer = {
  readonly transport: SupervisorTransport;
  readonly store: MemoryStore;
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
  /** The server's clock (null: the real one). */
  clock: { now: number | null };
};

export const DEFAULT_AGENCY = '000.00.06.H56';

export function createInMemoryServer(options: { communeId?: string } = {}): InMemoryServer {
  const defaultCommune = options.communeId ?? 'xa-demo';
  const clock = { now: null as number | null };
  const now = () => clock.now ?? Date.now();
  const store = createMemoryStore();
  const core = createSyncCore(store, now);
  const app = createApp({ core, enrollPerMinute: 1_000_000, log: () => undefined, logError: () => undefined });
  const http = createHttpTransport({ baseUrl: 'http://in-memory', fetch: async (input, init) => app.fetch(new Request(input, init)) });

  // The store's writes are synchronous under their promises; the scene-setting helpers rely on it.
  const communes = new Set<string>();
  function ensureCommune(id: string, name = id, agencyCode = DEFAULT_AGENCY): void {
    if (communes.has(id)) return;
    communes.add(id);
    void store.createCommune({ id, name, agencyCode }, now());
  }
  ensureCommune(defaultCommune, 'Xã Demo');

  let failure: TransportError | null = null;
  let dropAnswer = false;
  async function exchange<T>(call: () => Promise<T>): Promise<T> {
    if (failure) {
      const f = failure;
      failure = null;
      throw f;
    }
    const result = await call();
    if (dropAnswer) {
      dropAnswer = false;
      throw new TransportError(null, null, 'network: connection dropped after the server committed');
    }
    return result;
  }
  const transport: SupervisorTransport = {
    enroll: (req) => exchange(() => http.enroll(req)),
    push: (token, req) => exchange(() => http.push(token, req)),
    pull: (token, req) => exchange(() => http.pull(token, req)),
    reference: (token, kind) => exchange(() => http.reference(token, kind)),
    devices: (token) => exchange(() => http.devices(token)),
    // no connector on the in-memory server: the route answers 404, as on a server without one
    portal: (token, range) => exchange(() => http.portal(token, range)),
  };

  return {
    transport,
    store,
    clock,
    createCommune: (id, name, agencyCode) => ensureCommune(id, name, agencyCode),
    enrollCode(role, communeId = defaultCommune) {
      ensureCommune(communeId);
      const code = newEnrollmentCode();
      store.issueCodeNow(sha256(normaliseCode(code)), communeId, role, now(), now() + ENROLLMENT_CODE_TTL_MS);
      return code;
    },
    revoke(deviceId) {
      void store.revokeDevice(deviceId, now());
    },
    eventCount: (communeId) => store.eventCountNow(communeId),
    publishCatalog(catalog, communeId) {
      void store.publishReference(communeId ?? null, 'catalog', catalog.version, catalog, now());
    },
    publishCalendar(bundle) {
      void store.publishReference(null, 'calendar', bundle.calendars.map((c) => c.version).join('+'), bundle, now());
    },
    setUsers(communeId, list) {
      store.setUsersNow(communeId, list, now());
    },
    async importOutbox(file) {
      const r = await core.importOutbox(file);
      if (!r.ok) throw new Error(`outbox file refused: ${r.rejection.message}`);
      return r.value.results;
    },
    failNext(error) {
      failure = error;
    },
    dropNextAnswer() {
      dropAnswer = true;
    },
  };
}
