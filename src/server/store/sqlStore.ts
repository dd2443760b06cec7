/** The Store on SQL: the same statements on PGlite and PostgreSQL. */
import type { DossierEvent } from '../../domain/dossier/events';
import { foldDossier } from '../../domain/dossier/fold';
import { canonicalize } from '../../protocol/canonicalJson';
import type { DeviceInfo, DeviceRole, DeviceStatus, KioskDossier, PulledEvent, PushResult } from '../../protocol/messages';
import type { ReferenceBodies, ReferenceUser } from '../../protocol/reference';
import type { DossierState, DossierStatus } from '../../domain/dossier/state';
import type { Database, Sql } from './db';
import { applyAggregates } from './aggregatesSql';
import { holdEvents, releaseHeld, storedIntakes } from './heldEvents';
import { intakesOf, planByIntake } from '../../domain/dossier/belongs';
import type { Device, NewUser, PublishableKind, Redeem, Store, StoredReference } from './port';

type EventRow = {
  id: string; server_seq: number; commune_id: string; dossier_id: string; device_id: string; device_seq: number;
  actor_id: string; type: string; at: number; tz_offset_min: number; payload: unknown;
};
type DeviceRow = { id: string; commune_id: string; name: string; role: DeviceRole; code_slot: number | null; export_key: string; revoked_at: number | null };

const EVENT_COLUMNS = 'id, server_seq, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload';

function eventOf(r: EventRow): DossierEvent {
  return {
    id: r.id, dossierId: r.dossier_id, communeId: r.commune_id, deviceId: r.device_id, actorId: r.actor_id,
    at: Number(r.at), tzOffsetMin: Number(r.tz_offset_min), deviceSeq: Number(r.device_seq), type: r.type, payload: r.payload,
  } as DossierEvent;
}

function deviceOf(r: DeviceRow): Device {
  return {
    id: r.id, communeId: r.commune_id, name: r.name, role: r.role, codeSlot: r.code_slot === null ? null : Number(r.code_slot),
    exportKey: r.export_key, revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Same id, same content: a retry, not a different event. */
function sameEvent(a: DossierEvent, b: DossierEvent): boolean {
  return canonicalize(a) === canonicalize(b);
}

/** Serialises the writers of one commune, so server_seq order is commit order within a commune. */
export const lockCommune = (tx: Sql, communeId: string) => tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`motcua:commune:${communeId}`]);

class NoSlot extends Error {}

export function createSqlStore(db: Database): Store {
  async function refold(tx: Sql, communeId: string, dossierIds: readonly string[]): Promise<void> {
    if (dossierIds.length === 0) return;
    const rows = await tx.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND dossier_id = ANY($2::text[]) ORDER BY server_seq`, [communeId, dossierIds]);
    const byDossier = new Map<string, { events: DossierEvent[]; lastSeq: number }>();
    for (const r of rows) {
      const entry = byDossier.get(r.dossier_id) ?? { events: [], lastSeq: 0 };
      entry.events.push(eventOf(r));
      entry.lastSeq = Math.max(entry.lastSeq, Number(r.server_seq));
      byDossier.set(r.dossier_id, entry);
    }
    const previous = new Map((await tx.query<{ code: string; state: DossierState }>(
      'SELECT code, state FROM dossiers WHERE commune_id = $1 AND code = ANY($2::text[])', [communeId, [...byDossier.keys()]])).map((r) => [r.code, r.state]));
    const pairs: { before: DossierState | null; after: DossierState }[] = [];
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], []];
    for (const [code, { events, lastSeq }] of byDossier) {
      const s = foldDossier(events);
      if (!s) continue; // no intake yet: the projection appears with the `received` event
      pairs.push({ before: previous.get(code) ?? null, after: s });
      const values = [code, s.status, s.receivedAt, s.dueAt, s.effectiveDueAt, s.fieldCode, s.procedureCode, s.receivedBy,
        s.rating !== null, s.conflicts.length, lastSeq, JSON.stringify(s)];
      values.forEach((v, i) => cols[i]!.push(v));
    }
    if (cols[0]!.length === 0) return;
    await tx.query(
      `INSERT INTO dossiers (commune_id, code, status, received_at, due_at, effective_due_at, field_code, procedure_code, received_by, rated, conflict_count, last_seq, state)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::int[], $12::bigint[], $13::jsonb[])
       ON CONFLICT (commune_id, code) DO UPDATE SET status = EXCLUDED.status, received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at,
         effective_due_at = EXCLUDED.effective_due_at, field_code = EXCLUDED.field_code, procedure_code = EXCLUDED.procedure_code,
         received_by = EXCLUDED.received_by, rated = EXCLUDED.rated, conflict_count = EXCLUDED.conflict_count,
         last_seq = EXCLUDED.last_seq, state = EXCLUDED.state`,
      [communeId, ...cols]);
    await applyAggregates(tx, communeId, pairs); // same transaction: the report never lags the projection
  }

  /** Inserts the events not stored yet; the serverSeq of each new one, and the stored copy of each other. */
  async function insertEvents(tx: Sql, communeId: string, list: readonly DossierEvent[], now: number) {
    const acceptedSeq = new Map<string, number>();
    const existing = new Map<string, { seq: number; event: DossierEvent }>();
    if (list.length === 0) return { acceptedSeq, existing, events: list };
    const inserted = await tx.query<{ id: string; server_seq: number }>(
      `INSERT INTO events (id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload, received_at)
       SELECT id, $1, dossier_id, device_id, device_seq, actor_id, type, at, tz, payload, $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[], $10::int[], $11::jsonb[])
         AS t(id, dossier_id, device_id, device_seq, actor_id, type, at, tz, payload)
       ON CONFLICT (id) DO NOTHING RETURNING id, server_seq`,
      [communeId, now, list.map((e) => e.id), list.map((e) => e.dossierId), list.map((e) => e.deviceId),
        list.map((e) => e.deviceSeq), list.map((e) => e.actorId), list.map((e) => e.type), list.map((e) => e.at),
        list.map((e) => e.tzOffsetMin), list.map((e) => JSON.stringify(e.payload))]);
    for (const r of inserted) acceptedSeq.set(r.id, Number(r.server_seq));
    const already = list.filter((e) => !acceptedSeq.has(e.id)).map((e) => e.id);
    if (already.length > 0) {
      const rows = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::uuid[])`, [already]);
      for (const r of rows) existing.set(r.id, { seq: Number(r.server_seq), event: eventOf(r) });
    }
    return { acceptedSeq, existing, events: list };
  }

  const store: Store = {
    async isEmpty() {
      const rows = await db.query('SELECT 1 FROM communes LIMIT 1');
      return rows.length === 0;
    },

    async createCommune(c, now) {
      await db.query('INSERT INTO communes (id, name, agency_code, created_at) VALUES ($1, $2, $3, $4)', [c.id, c.name, c.agencyCode, now]);
    },

    async commune(id) {
      const [r] = await db.query<{ id: string; name: string; agency_code: string }>('SELECT id, name, agency_code FROM communes WHERE id = $1', [id]);
      return r ? { id: r.id, name: r.name, agencyCode: r.agency_code } : null;
    },

    async listCommunes() {
      const rows = await db.query<{ id: string; name: string; agency_code: string }>('SELECT id, name, agency_code FROM communes ORDER BY id');
      return rows.map((r) => ({ id: r.id, name: r.name, agencyCode: r.agency_code }));
    },

    async upsertUser(u: NewUser, now) {
      await db.query(
        `INSERT INTO users (id, commune_id, name, role, pin, active, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, true, $6)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, pin = EXCLUDED.pin, active = true, updated_at = EXCLUDED.updated_at
         WHERE users.commune_id = EXCLUDED.commune_id`,
        [u.id, u.communeId, u.name, u.role, JSON.stringify(u.pin), now]);
    },

    async setUserActive(id, active, now) {
      const rows = await db.query('UPDATE users SET active = $2, updated_at = $3 WHERE id = $1 RETURNING id', [id, active, now]);
      return rows.length > 0;
    },

    async issueEnrollmentCode(c) {
      await db.query('INSERT INTO enrollment_codes (code_hash, commune_id, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [c.codeHash, c.communeId, c.role, c.now, c.expiresAt]);
    },

    async redeemEnrollmentCode(r: Redeem) {
      try {
        return await db.transaction(async (tx) => {
          const [code] = await tx.query<{ commune_id: string; role: DeviceRole }>(
            `UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING commune_id, role`,
            [r.codeHash, r.now, r.deviceId]);
          if (!code) return 'noCode' as const;
          await lockCommune(tx, code.commune_id);
          let slot: number | null = null;
          if (code.role !== 'kiosk') {
            const taken = new Set((await tx.query<{ code_slot: number }>(
              'SELECT code_slot FROM devices WHERE commune_id = $1 AND code_slot IS NOT NULL', [code.commune_id])).map((x) => Number(x.code_slot)));
            for (let s = 1; s <= 99 && slot === null; s++) if (!taken.has(s)) slot = s;
            if (slot === null) throw new NoSlot();
          }
          const [row] = await tx.query<DeviceRow>(
            `INSERT INTO devices (id, commune_id, name, role, token_hash, code_slot, export_key, enrolled_at, app_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, commune_id, name, role, code_slot, export_key, revoked_at`,
            [r.deviceId, code.commune_id, r.deviceName, code.role, r.tokenHash, slot, r.exportKey, r.now, r.appVersion]);
          return deviceOf(row!);
        });
      } catch (e) {
        if (e instanceof NoSlot) return 'noSlot';
        throw e;
      }
    },

    async deviceByTokenHash(tokenHash) {
      const [r] = await db.query<DeviceRow>('SELECT id, commune_id, name, role, code_slot, export_key, revoked_at FROM devices WHERE token_hash = $1', [tokenHash]);
      return r ? deviceOf(r) : null;
    },

    async device(id) {
      const [r] = await db.query<DeviceRow>('SELECT id, commune_id, name, role, code_slot, export_key, revoked_at FROM devices WHERE id = $1', [id]);
      return r ? deviceOf(r) : null;
    },

    async revokeDevice(id, now) {
      const rows = await db.query('UPDATE devices SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id', [id, now]);
      return rows.length > 0;
    },

    async recordStatus(deviceId, status: DeviceStatus, now) {
      await db.query('UPDATE devices SET last_status = $2::jsonb, last_seen_at = $3, app_version = $4 WHERE id = $1',
        [deviceId, JSON.stringify(status), now, status.appVersion]);
    },

    async listDevices(communeId): Promise<DeviceInfo[]> {
      const rows = await db.query<DeviceRow & { enrolled_at: number; last_seen_at: number | null; app_version: string | null; last_status: DeviceStatus | null }>(
        `SELECT id, commune_id, name, role, code_slot, export_key, revoked_at, enrolled_at, last_seen_at, app_version, last_status
         FROM devices WHERE commune_id = $1 ORDER BY enrolled_at, id`, [communeId]);
      return rows.map((r) => ({
        deviceId: r.id, name: r.name, role: r.role, codeSlot: num(r.code_slot), enrolledAt: Number(r.enrolled_at),
        revokedAt: num(r.revoked_at), lastSeenAt: num(r.last_seen_at), appVersion: r.app_version, status: r.last_status,
      }));
    },

    async appendEvents(communeId, events, now) {
      if (events.length === 0) return [];
      return db.transaction(async (tx) => {
        await lockCommune(tx, communeId);
        const first = new Map<string, DossierEvent>();
        for (const e of events) if (!first.has(e.id)) first.set(e.id, e);
        const unique = [...first.values()];
        // SYNC4: an action on a dossier whose intake is not here yet is held apart, and released when it comes
        const actions = unique.filter((e) => e.type !== 'received').map((e) => e.dossierId);
        const plan = planByIntake(unique, await storedIntakes(tx, communeId, actions));
        const alreadyStored = plan.hold.length === 0 ? new Set<string>()
          : new Set((await tx.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1::uuid[])', [plan.hold.map((e) => e.id)])).map((r) => r.id));
        const held = await holdEvents(tx, communeId, plan.hold.filter((e) => !alreadyStored.has(e.id)), now);
        const direct = await insertEvents(tx, communeId, [...plan.store, ...plan.hold.filter((e) => alreadyStored.has(e.id))], now);
        const newIntakes = intakesOf(plan.store.filter((e) => direct.acceptedSeq.has(e.id)));
        const released = await insertEvents(tx, communeId, await releaseHeld(tx, communeId, newIntakes, now), now);
        const acceptedSeq = new Map([...direct.acceptedSeq, ...released.acceptedSeq]);
        const existing = direct.existing;
        await refold(tx, communeId, [...new Set([...first.values(), ...released.events].filter((e) => acceptedSeq.has(e.id)).map((e) => e.dossierId))]);

        const seen = new Set<string>();
        return events.map((e): PushResult => {
          const firstTime = !seen.has(e.id);
          seen.add(e.id);
          const refusal = plan.refuse.get(e.id);
          if (refusal !== undefined) return { id: e.id, outcome: 'rejected', reason: 'invalid', message: refusal };
          const hold = held.get(e.id);
          if (hold === 'held' && sameEvent(first.get(e.id)!, e)) return { id: e.id, outcome: 'held' };
          const seq = acceptedSeq.get(e.id);
          const stored = seq !== undefined ? { seq, event: first.get(e.id)! } : existing.get(e.id);
          if (hold !== undefined || !stored || !sameEvent(stored.event, e)) {
            return { id: e.id, outcome: 'rejected', reason: 'conflict', message: 'this event id is already used by a different event' };
          }
          if (seq !== undefined && firstTime) return { id: e.id, outcome: 'accepted', serverSeq: seq };
          return { id: e.id, outcome: 'duplicate', serverSeq: stored.seq };
        });
      });
    },

    async eventsAfter(communeId, after, limit): Promise<PulledEvent[]> {
      const rows = await db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND server_seq > $2 ORDER BY server_seq LIMIT $3`, [communeId, after, limit]);
      return rows.map((r) => ({ serverSeq: Number(r.server_seq), event: eventOf(r) }));
    },

    async kioskDossiersAfter(communeId, after, limit) {
      const rows = await db.query<{
        code: string; procedure_code: string; procedure_name: string; received_by: string; status: DossierStatus;
        received_at: number; due_at: number | null; effective_due_at: number | null; rated: boolean; last_seq: number;
      }>(
        `SELECT code, procedure_code, state->>'procedureName' AS procedure_name, received_by, status, received_at, due_at, effective_due_at, rated, last_seq
         FROM dossiers WHERE commune_id = $1 AND last_seq > $2 ORDER BY last_seq LIMIT $3`, [communeId, after, limit]);
      return rows.map((r) => {
        const dossier: KioskDossier = {
          code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name, officerId: r.received_by, status: r.status,
          receivedAt: Number(r.received_at), dueAt: num(r.due_at), effectiveDueAt: num(r.effective_due_at), rated: r.rated,
        };
        return { serverSeq: Number(r.last_seq), dossier };
      });
    },

    async countEvents(communeId) {
      const [r] = communeId
        ? await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE commune_id = $1', [communeId])
        : await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      return Number(r?.n ?? 0);
    },

    async publishReference(communeId, kind, version, body, now) {
      await db.query('INSERT INTO reference_docs (commune_id, kind, version, body, published_at) VALUES ($1, $2, $3, $4::jsonb, $5)',
        [communeId, kind, version, JSON.stringify(body), now]);
    },

    async reference<K extends PublishableKind>(communeId: string, kind: K): Promise<StoredReference<K> | null> {
      const [r] = await db.query<{ version: string; published_at: number; body: ReferenceBodies[K] }>(
        `SELECT version, published_at, body FROM reference_docs WHERE kind = $2 AND (commune_id = $1 OR commune_id IS NULL) ORDER BY id DESC LIMIT 1`,
        [communeId, kind]);
      return r ? { version: r.version, publishedAt: Number(r.published_at), body: r.body } : null;
    },

    async usersDoc(communeId) {
      const rows = await db.query<{ id: string; name: string; role: ReferenceUser['role']; pin: ReferenceUser['pin']; active: boolean; updated_at: number }>(
        'SELECT id, name, role, pin, active, updated_at FROM users WHERE commune_id = $1 ORDER BY id', [communeId]);
      if (rows.length === 0) return null;
      const publishedAt = Math.max(...rows.map((r) => Number(r.updated_at)));
      return {
        version: `users-${publishedAt}-${rows.length}`,
        publishedAt,
        body: { users: rows.map((r) => ({ id: r.id, name: r.name, role: r.role, pin: r.pin, active: r.active })) },
      };
    },

    async referenceVersions(communeId, withUsers) {
      const rows = await db.query<{ kind: PublishableKind; version: string }>(
        `SELECT DISTINCT ON (kind) kind, version FROM reference_docs WHERE commune_id = $1 OR commune_id IS NULL ORDER BY kind, id DESC`, [communeId]);
      const of = (k: PublishableKind) => rows.find((r) => r.kind === k)?.version ?? null;
      let users: string | null = null;
      if (withUsers) {
        const [u] = await db.query<{ m: number | null; n: number }>('SELECT max(updated_at) AS m, count(*)::int AS n FROM users WHERE commune_id = $1', [communeId]);
        users = u && Number(u.n) > 0 ? `users-${Number(u.m)}-${Number(u.n)}` : null;
      }
      return { catalog: of('catalog'), calendar: of('calendar'), users };
    },

    close: () => db.close(),
  };
  return store;
}
