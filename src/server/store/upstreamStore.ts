/**
 * Storage for the upstream office: supervisor sign-in (sessions stored as token hashes), the
 * communes a supervisor oversees (their own and those granted in supervisor_communes), and the
 * report's reads (aggregatesSql.ts). Scope is read on every request, so deactivating a user or a
 * grant takes effect at once.
 */
import type { AggregateRow } from '../../domain/stats/bieu06Aggregates';
import type { DossierState } from '../../domain/dossier/state';
import type { PeriodMode } from '../../domain/stats/periods';
import type { OfficialCalendar } from '../../domain/calendar/types';
import type { PinHash, UserRole } from '../../protocol/reference';
import { keptAggregates, rebuildAggregates, reportRows, statesDueBetween } from './aggregatesSql';
import type { Database } from './db';
import type { Commune } from './port';
import { lockCommune } from './sql/rows';

export type LoginUser = {
  readonly id: string;
  readonly communeId: string;
  readonly name: string;
  readonly role: UserRole;
  readonly pin: PinHash;
  readonly active: boolean;
};
export type SessionUser = { readonly id: string; readonly name: string; readonly expiresAt: number };

export type UpstreamStore = {
  user(id: string): Promise<LoginUser | null>;
  createSession(s: { tokenHash: string; userId: string; now: number; expiresAt: number }): Promise<void>;
  /** The active supervisor behind an unexpired session, or null. */
  sessionUser(tokenHash: string, now: number): Promise<SessionUser | null>;
  /** The communes the user supervises (own commune and grants), by id. */
  scope(userId: string): Promise<Commune[]>;
  grantCommune(userId: string, communeId: string): Promise<void>;
  reportRows(communeIds: readonly string[], mode: PeriodMode, first: number, last: number): Promise<Map<string, AggregateRow[]>>;
  /** Dossiers with a legal due date in [from, to): those judged differently now than at the period's end. */
  statesDueBetween(communeIds: readonly string[], from: number, to: number): Promise<Map<string, DossierState[]>>;
  /** Field codes and names from the newest catalog of each commune (or the one for every commune). */
  fieldNames(communeIds: readonly string[]): Promise<{ code: string; name: string }[]>;
  /** The official calendars in force for each commune (its own newest, else the one for every commune). */
  calendars(communeIds: readonly string[]): Promise<Map<string, OfficialCalendar[]>>;
  /**
   * Open dossiers for the late list, with the receiving officer's name: per commune the `limit`
   * most overdue (promised before `now`) and every one promised in [now, horizon); and how many
   * are overdue in all, so the list stays bounded however many there are.
   */
  lateCandidates(
    communeIds: readonly string[],
    now: number,
    horizon: number,
    limit: number,
  ): Promise<{
    rows: { communeId: string; state: DossierState; officerName: string }[];
    overdue: Map<string, number>;
  }>;
  keptAggregates(communeId: string): Promise<AggregateRow[]>;
  rebuildAggregates(communeId: string): Promise<number>;
  /** After migration 006 on a database that already had dossiers: rebuild every commune once. */
  ensureAggregates(): Promise<number>;
};

type CommuneRow = { id: string; name: string; agency_code: string };
const communeOf = (r: CommuneRow): Commune => ({ id: r.id, name: r.name, agencyCode: r.agency_code });

export function createUpstreamStore(db: Database): UpstreamStore {
  const rebuild = (communeId: string) =>
    db.transaction(async (tx) => {
      await lockCommune(tx, communeId);
      return rebuildAggregates(tx, communeId);
    });
  return {
    async user(id) {
      const [r] = await db.query<{ id: string; commune_id: string; name: string; role: UserRole; pin: PinHash; active: boolean }>(
        'SELECT id, commune_id, name, role, pin, active FROM users WHERE id = $1',
        [id],
      );
      return r ? { id: r.id, communeId: r.commune_id, name: r.name, role: r.role, pin: r.pin, active: r.active } : null;
    },

    async createSession(s) {
      await db.query('DELETE FROM upstream_sessions WHERE expires_at <= $1', [s.now]);
      await db.query('INSERT INTO upstream_sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        s.tokenHash,
        s.userId,
        s.now,
        s.expiresAt,
      ]);
    },

    async sessionUser(tokenHash, now) {
      const [r] = await db.query<{ id: string; name: string; expires_at: number }>(
        `SELECT u.id, u.name, s.expires_at FROM upstream_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active AND u.role = 'supervisor'`,
        [tokenHash, now],
      );
      return r ? { id: r.id, name: r.name, expiresAt: Number(r.expires_at) } : null;
    },

    async scope(userId) {
      const rows = await db.query<CommuneRow>(
        `SELECT c.id, c.name, c.agency_code FROM communes c
         WHERE c.id IN (SELECT commune_id FROM users WHERE id = $1 UNION SELECT commune_id FROM supervisor_communes WHERE user_id = $1)
         ORDER BY c.id`,
        [userId],
      );
      return rows.map(communeOf);
    },

    async grantCommune(userId, communeId) {
      await db.query('INSERT INTO supervisor_communes (user_id, commune_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, communeId]);
    },

    reportRows: (ids, mode, first, last) => reportRows(db, ids, mode, first, last),
    statesDueBetween: (ids, from, to) => statesDueBetween(db, ids, from, to),
    async fieldNames(ids) {
      const rows = await db.query<{ fields: { code: string; name: string }[] | null }>(
        `SELECT DISTINCT ON (commune_id) body->'fields' AS fields FROM reference_docs
         WHERE kind = 'catalog' AND (commune_id = ANY($1::text[]) OR commune_id IS NULL) ORDER BY commune_id, id DESC`,
        [ids],
      );
      const names = new Map<string, string>();
      for (const r of rows) for (const f of r.fields ?? []) if (!names.has(f.code)) names.set(f.code, f.name);
      return [...names].map(([code, name]) => ({ code, name })).sort((a, b) => (a.code < b.code ? -1 : 1));
    },
    async calendars(ids) {
      const rows = await db.query<{ commune_id: string | null; body: { calendars: OfficialCalendar[] } }>(
        `SELECT DISTINCT ON (commune_id) commune_id, body FROM reference_docs
         WHERE kind = 'calendar' AND (commune_id = ANY($1::text[]) OR commune_id IS NULL) ORDER BY commune_id, id DESC`,
        [ids],
      );
      const of = (id: string | null) => rows.find((r) => r.commune_id === id)?.body.calendars;
      return new Map(ids.map((id) => [id, of(id) ?? of(null) ?? []]));
    },

    async lateCandidates(ids, now, horizon, limit) {
      const open = `(d.state->>'endedAt') IS NULL`; // the partial index dossiers_commune_open_running (migration 009: judge.ts runningDueAt)
      const rows = await db.query<{ commune_id: string; state: DossierState; officer_name: string | null }>(
        `SELECT x.commune_id, x.state, u.name AS officer_name FROM unnest($1::text[]) AS c(id)
         CROSS JOIN LATERAL (
           (SELECT d.commune_id, d.state, d.received_by, d.running_due_at, d.code FROM dossiers d
            WHERE d.commune_id = c.id AND ${open} AND d.running_due_at < $2 ORDER BY d.running_due_at, d.code LIMIT $4)
           UNION ALL
           (SELECT d.commune_id, d.state, d.received_by, d.running_due_at, d.code FROM dossiers d
            WHERE d.commune_id = c.id AND ${open} AND d.running_due_at >= $2 AND d.running_due_at < $3)
         ) x LEFT JOIN users u ON u.id = x.received_by
         ORDER BY x.commune_id, x.running_due_at, x.code`,
        [ids, now, horizon, limit],
      );
      const counts = await db.query<{ commune_id: string; n: number }>(
        `SELECT d.commune_id, count(*)::int AS n FROM dossiers d WHERE d.commune_id = ANY($1::text[]) AND ${open} AND d.running_due_at < $2 GROUP BY d.commune_id`,
        [ids, now],
      );
      return {
        rows: rows.map((r) => ({ communeId: r.commune_id, state: r.state, officerName: r.officer_name ?? r.state.receivedBy })),
        overdue: new Map(counts.map((c) => [c.commune_id, Number(c.n)])),
      };
    },
    keptAggregates: (communeId) => keptAggregates(db, communeId),
    rebuildAggregates: rebuild,

    async ensureAggregates() {
      const [kept] = await db.query('SELECT 1 FROM report_aggregates LIMIT 1');
      if (kept) return 0;
      const communes = await db.query<{ commune_id: string }>('SELECT DISTINCT commune_id FROM dossiers');
      for (const c of communes) await rebuild(c.commune_id);
      return communes.length;
    },
  };
}
