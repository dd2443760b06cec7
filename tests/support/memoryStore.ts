import { randomBytes } from 'node:crypto';
/**
 * The storage port (src/server/store/port.ts) in memory, for the in-memory test server: the real
 * sync core runs over it, so the server's rules exist once. It only keeps data; what to keep is
 * decided by the same domain functions the SQL store calls (fold, planByIntake, doesNotFitIntake).
 */
import { doesNotFitIntake, intakesOf, planByIntake } from '../../src/domain/dossier/belongs';
import type { DossierEvent, DossierEventOf } from '../../src/domain/dossier/events';
import { compareEvents, foldDossier } from '../../src/domain/dossier/fold';
import type { DossierState } from '../../src/domain/dossier/state';
import {
  canonicalize,
  type DeviceInfo,
  type DeviceStatus,
  type KioskDossier,
  type PushResult,
  type ReferenceBodies,
  type ReferenceUser,
} from '../../src/protocol';
import type { Commune, Device, NewUser, PublishableKind, Store, StoredReference } from '../../src/server/store/port';

type StoredEvent = { readonly seq: number; readonly communeId: string; readonly event: DossierEvent };
type Held = { communeId: string; event: DossierEvent; state: 'held' | 'released' | 'refused'; reason?: string };
type DeviceRow = Omit<Device, 'agencyCode'> & {
  tokenHash: string;
  enrolledAt: number;
  lastSeenAt: number | null;
  appVersion: string | null;
  status: DeviceStatus | null;
};
type UserRow = NewUser & { active: boolean; updatedAt: number };

/** JSON copies: what is kept is what would cross a wire or a database, never a shared object. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export type MemoryStore = Store & {
  /** Synchronous helpers for tests that set the scene. */
  issueCodeNow(codeHash: string, communeId: string, role: Device['role'], now: number, expiresAt: number): void;
  setUsersNow(communeId: string, users: readonly ReferenceUser[], now: number): void;
  heldCount(communeId: string): number;
  eventCountNow(communeId?: string): number;
};

export function createMemoryStore(): MemoryStore {
  const communes = new Map<string, Commune>();
  const users = new Map<string, UserRow>();
  const codes = new Map<string, { communeId: string; role: Device['role']; expiresAt: number; usedAt: number | null }>();
  const devices = new Map<string, DeviceRow>();
  const events = new Map<string, StoredEvent>();
  const log: StoredEvent[] = [];
  const held = new Map<string, Held>();
  const dossiers = new Map<string, { state: DossierState; lastSeq: number }>(); // by commune + code
  const receiptKeys = new Map<string, string>(); // as migration 014: a random key per commune
  const references: { communeId: string | null; kind: PublishableKind; version: string; body: unknown; publishedAt: number }[] = [];
  let seq = 0;

  const key = (communeId: string, code: string) => `${communeId}\u0001${code}`;
  const pub = (d: DeviceRow): Device => ({
    id: d.id,
    communeId: d.communeId,
    agencyCode: communes.get(d.communeId)?.agencyCode ?? '',
    name: d.name,
    role: d.role,
    codeSlot: d.codeSlot,
    exportKey: d.exportKey,
    revokedAt: d.revokedAt,
  });

  function intakeOf(communeId: string, dossierId: string): DossierEventOf<'received'> | undefined {
    return intakesOf(log.filter((s) => s.communeId === communeId && s.event.dossierId === dossierId).map((s) => s.event)).get(dossierId);
  }

  function insert(communeId: string, list: readonly DossierEvent[]): Map<string, number> {
    const accepted = new Map<string, number>();
    for (const e of list) {
      if (events.has(e.id)) continue;
      const s = { seq: ++seq, communeId, event: copy(e) };
      events.set(e.id, s);
      log.push(s);
      accepted.set(e.id, s.seq);
    }
    return accepted;
  }

  function refold(communeId: string, codes: Iterable<string>): void {
    for (const code of new Set(codes)) {
      const mine = log.filter((s) => s.communeId === communeId && s.event.dossierId === code);
      const state = foldDossier(mine.map((s) => s.event));
      if (state) dossiers.set(key(communeId, code), { state, lastSeq: Math.max(...mine.map((s) => s.seq)) });
    }
  }

  function usersOf(communeId: string): UserRow[] {
    return [...users.values()].filter((u) => u.communeId === communeId).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  const store: MemoryStore = {
    async isEmpty() {
      return communes.size === 0;
    },
    async createCommune(c) {
      if (communes.has(c.id)) throw new Error(`commune ${c.id} exists`);
      communes.set(c.id, { ...c });
      receiptKeys.set(c.id, randomBytes(32).toString('hex'));
    },
    async receiptKey(communeId) {
      return receiptKeys.get(communeId) ?? null;
    },
    async intakeTimes(communeId, codes) {
      const out = new Map<string, number>();
      for (const code of codes) {
        const d = dossiers.get(key(communeId, code));
        if (d) out.set(code, d.state.receivedAt);
      }
      return out;
    },
    async commune(id) {
      return communes.get(id) ?? null;
    },
    async listCommunes() {
      return [...communes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async upsertUser(u, now) {
      const had = users.get(u.id);
      if (had && had.communeId !== u.communeId) return;
      users.set(u.id, { ...u, active: true, updatedAt: now });
    },
    async setUserActive(id, active, now) {
      const u = users.get(id);
      if (!u) return false;
      users.set(id, { ...u, active, updatedAt: now });
      return true;
    },

    async issueEnrollmentCode(c) {
      store.issueCodeNow(c.codeHash, c.communeId, c.role, c.now, c.expiresAt);
    },
    issueCodeNow(codeHash, communeId, role, _now, expiresAt) {
      codes.set(codeHash, { communeId, role, expiresAt, usedAt: null });
    },
    async redeemEnrollmentCode(r) {
      const code = codes.get(r.codeHash);
      if (!code || code.usedAt !== null || code.expiresAt <= r.now) return 'noCode';
      let slot: number | null = null;
      if (code.role !== 'kiosk') {
        const taken = new Set([...devices.values()].filter((d) => d.communeId === code.communeId).map((d) => d.codeSlot));
        for (let s = 1; s <= 99 && slot === null; s++) if (!taken.has(s)) slot = s;
        if (slot === null) return 'noSlot';
      }
      code.usedAt = r.now;
      const d: DeviceRow = {
        id: r.deviceId,
        communeId: code.communeId,
        name: r.deviceName,
        role: code.role,
        codeSlot: slot,
        exportKey: r.exportKey,
        revokedAt: null,
        tokenHash: r.tokenHash,
        enrolledAt: r.now,
        lastSeenAt: null,
        appVersion: r.appVersion,
        status: null,
      };
      devices.set(d.id, d);
      return pub(d);
    },
    async deviceByTokenHash(tokenHash) {
      const d = [...devices.values()].find((x) => x.tokenHash === tokenHash);
      return d ? pub(d) : null;
    },
    async device(id) {
      const d = devices.get(id);
      return d ? pub(d) : null;
    },
    async revokeDevice(id, now) {
      const d = devices.get(id);
      if (!d) return false;
      devices.set(id, { ...d, revokedAt: d.revokedAt ?? now });
      return true;
    },
    async recordStatus(deviceId, status, now) {
      const d = devices.get(deviceId);
      if (d) devices.set(deviceId, { ...d, status: copy(status), lastSeenAt: now, appVersion: status.appVersion });
    },
    async listDevices(communeId): Promise<DeviceInfo[]> {
      return [...devices.values()]
        .filter((d) => d.communeId === communeId)
        .sort((a, b) => a.enrolledAt - b.enrolledAt || (a.id < b.id ? -1 : 1))
        .map((d) => ({
          deviceId: d.id,
          name: d.name,
          role: d.role,
          codeSlot: d.codeSlot,
          enrolledAt: d.enrolledAt,
          revokedAt: d.revokedAt,
          lastSeenAt: d.lastSeenAt,
          appVersion: d.appVersion,
          status: d.status,
        }));
    },

    async appendEvents(communeId, batch, _now) {
      const first = new Map<string, DossierEvent>();
      for (const e of batch) if (!first.has(e.id)) first.set(e.id, e);
      const unique = [...first.values()];
      const stored = new Map<string, DossierEventOf<'received'>>();
      for (const e of unique) {
        const intake = e.type === 'received' ? undefined : intakeOf(communeId, e.dossierId);
        if (intake) stored.set(e.dossierId, intake);
      }
      const plan = planByIntake(unique, stored);
      const holdNow = plan.hold.filter((e) => !events.has(e.id));
      const heldResult = new Map<string, 'held' | 'conflict'>();
      for (const e of holdNow) {
        const had = held.get(e.id);
        if (!had) held.set(e.id, { communeId, event: copy(e), state: 'held' });
        const h = held.get(e.id)!;
        heldResult.set(e.id, h.state === 'held' && canonicalize(h.event) === canonicalize(e) ? 'held' : 'conflict');
      }
      const accepted = insert(communeId, [...plan.store, ...plan.hold.filter((e) => events.has(e.id))]);
      // the intakes that arrived now release what waited for them
      const newIntakes = intakesOf(plan.store.filter((e) => accepted.has(e.id)));
      const release: DossierEvent[] = [];
      for (const h of [...held.values()].filter((x) => x.communeId === communeId && x.state === 'held')) {
        const intake = newIntakes.get(h.event.dossierId);
        if (!intake) continue;
        const why = doesNotFitIntake(intake, h.event);
        if (why) Object.assign(h, { state: 'refused', reason: why });
        else {
          h.state = 'released';
          release.push(h.event);
        }
      }
      for (const [id, s] of insert(communeId, release.sort(compareEvents))) accepted.set(id, s);
      refold(
        communeId,
        [...unique, ...release].filter((e) => accepted.has(e.id)).map((e) => e.dossierId),
      );

      const seen = new Set<string>();
      return batch.map((e): PushResult => {
        const firstTime = !seen.has(e.id);
        seen.add(e.id);
        const refusal = plan.refuse.get(e.id);
        if (refusal !== undefined) return { id: e.id, outcome: 'rejected', reason: 'invalid', message: refusal };
        const h = heldResult.get(e.id);
        if (h === 'held' && canonicalize(first.get(e.id)) === canonicalize(e)) return { id: e.id, outcome: 'held' };
        const s = events.get(e.id);
        if (h !== undefined || !s || canonicalize(s.event) !== canonicalize(e)) {
          return { id: e.id, outcome: 'rejected', reason: 'conflict', message: 'this event id is already used by a different event' };
        }
        return accepted.has(e.id) && firstTime ? { id: e.id, outcome: 'accepted', serverSeq: s.seq } : { id: e.id, outcome: 'duplicate', serverSeq: s.seq };
      });
    },
    async eventsAfter(communeId, after, limit) {
      return log
        .filter((s) => s.communeId === communeId && s.seq > after)
        .slice(0, limit)
        .map((s) => ({ serverSeq: s.seq, event: copy(s.event) }));
    },
    async kioskDossiersAfter(communeId, after, limit) {
      const rows: { serverSeq: number; dossier: KioskDossier }[] = [];
      for (const { state: st, lastSeq } of dossiers.values()) {
        if (st.communeId !== communeId || lastSeq <= after) continue;
        rows.push({
          serverSeq: lastSeq,
          dossier: {
            code: st.code,
            procedureCode: st.procedureCode,
            procedureName: st.procedureName,
            officerId: st.receivedBy,
            status: st.status,
            receivedAt: st.receivedAt,
            dueAt: st.dueAt,
            effectiveDueAt: st.effectiveDueAt,
            rated: st.rating !== null,
            supplementRequestedAt: st.status === 'supplementRequested' ? (st.supplements.at(-1)?.requestedAt ?? null) : null,
          },
        });
      }
      return rows.sort((a, b) => a.serverSeq - b.serverSeq).slice(0, limit);
    },
    async countEvents(communeId) {
      return store.eventCountNow(communeId);
    },
    eventCountNow: (communeId) => log.filter((s) => communeId === undefined || s.communeId === communeId).length,
    heldCount: (communeId) => [...held.values()].filter((h) => h.communeId === communeId && h.state === 'held').length,

    async publishReference(communeId, kind, version, body, now) {
      references.push({ communeId, kind, version, body: copy(body), publishedAt: now });
    },
    async reference<K extends PublishableKind>(communeId: string, kind: K): Promise<StoredReference<K> | null> {
      const r = references.filter((x) => x.kind === kind && (x.communeId === communeId || x.communeId === null)).at(-1);
      return r ? { version: r.version, publishedAt: r.publishedAt, body: copy(r.body) as ReferenceBodies[K] } : null;
    },
    async usersDoc(communeId) {
      const all = usersOf(communeId);
      if (all.length === 0) return null;
      const publishedAt = Math.max(...all.map((u) => u.updatedAt));
      // as the SQL store: only users who work on the commune's tablets (a PIN set, active)
      const rows = all.flatMap((u) =>
        u.pin !== null && u.active ? [{ id: u.id, name: u.name, role: u.role, pin: u.pin, active: u.active, ...(u.vault ? { vault: u.vault } : {}) }] : [],
      );
      return { version: `users-${publishedAt}-${all.length}`, publishedAt, body: { users: rows } };
    },
    setUsersNow(communeId, list, now) {
      // a new version every time, even twice in one millisecond
      const at = Math.max(now, ...usersOf(communeId).map((u) => u.updatedAt + 1));
      for (const u of usersOf(communeId)) users.delete(u.id);
      for (const u of list) users.set(u.id, { id: u.id, communeId, name: u.name, role: u.role, pin: u.pin, active: u.active, updatedAt: at });
    },
    async referenceVersions(communeId, withUsers) {
      const of = (k: PublishableKind) => references.filter((x) => x.kind === k && (x.communeId === communeId || x.communeId === null)).at(-1)?.version ?? null;
      const u = usersOf(communeId);
      return {
        catalog: of('catalog'),
        calendar: of('calendar'),
        users: withUsers && u.length > 0 ? `users-${Math.max(...u.map((x) => x.updatedAt))}-${u.length}` : null,
      };
    },
    async close() {},
  };
  return store;
}
