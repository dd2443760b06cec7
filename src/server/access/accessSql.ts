/**
 * The access log's storage (tables access_log and access_log_dossiers, migrations 012 and 015).
 * Every read takes the commune ids it may see: no query crosses the caller's scope.
 */
import type { AccessKind } from '../../domain/privacy/accessLog';
import type { AccessLogEntry, AccessLogUser, AccessRecord } from '../../protocol/access';
import { ACCESS_LISTED_IDS } from '../../protocol/access';
import type { PulledEvent } from '../../protocol/messages';
import type { Database } from '../store/db';
import { EVENT_COLUMNS, eventOf, type EventRow } from '../store/sql/rows';

/** A whole LIF5 code (agency, date, number), in any case: codes are stored upper case. */
const FULL_CODE = /^[0-9a-z]+(?:\.[0-9a-z]+)*-\d{6}-\d{4,}$/i;

export type StoredOutcome = 'accepted' | 'duplicate' | 'conflict';

export type AccessFilter = {
  readonly communeIds: readonly string[];
  /** Lower case: a code or a tail of it after a dot or a dash (SRCH1). */
  readonly dossier?: string | undefined;
  readonly actorId?: string | undefined;
  readonly before?: { readonly at: number; readonly id: string } | undefined;
  readonly limit: number;
};

type LogRow = {
  id: string;
  commune_id: string;
  device_id: string;
  actor_id: string;
  kind: AccessKind;
  at: number;
  detail: string | null;
  received_at: number;
  dossier_count: number;
  actor_name: string | null;
  device_name: string | null;
  dossier_ids: string[] | null;
};

const sameRecord = (
  a: AccessRecord,
  b: { communeId: string; deviceId: string },
  row: { commune_id: string; device_id: string; actor_id: string; kind: string; at: number; detail: string | null; ids: string[] },
) =>
  row.commune_id === b.communeId &&
  row.device_id === b.deviceId &&
  row.actor_id === a.actorId &&
  row.kind === a.kind &&
  Number(row.at) === a.at &&
  row.detail === a.detail &&
  [...row.ids].sort().join('\n') === [...new Set(a.dossierIds)].sort().join('\n');

export type AccessSql = ReturnType<typeof createAccessSql>;

export function createAccessSql(db: Database) {
  return {
    /** The ids among `ids` that are users of the commune (active or not: an access made before a user left still counts). */
    async communeUsers(communeId: string, ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE commune_id = $1 AND id = ANY($2::text[])', [communeId, [...ids]]);
      return new Set(rows.map((r) => r.id));
    },

    async usersOf(communeIds: readonly string[]): Promise<AccessLogUser[]> {
      const rows = await db.query<{ id: string; name: string; commune_id: string }>(
        'SELECT id, name, commune_id FROM users WHERE commune_id = ANY($1::text[]) ORDER BY name, id',
        [[...communeIds]],
      );
      return rows.map((r) => ({ id: r.id, name: r.name, communeId: r.commune_id }));
    },

    /** Stores each record once, in one transaction: a repeat of the same record is `duplicate`, another record under a taken id `conflict`. */
    async append(who: { communeId: string; deviceId: string }, records: readonly AccessRecord[], now: number): Promise<StoredOutcome[]> {
      if (records.length === 0) return [];
      return db.transaction(async (tx) => {
        const out: StoredOutcome[] = [];
        for (const r of records) {
          const ids = [...new Set(r.dossierIds)];
          const inserted = await tx.query<{ id: string }>(
            `INSERT INTO access_log (id, commune_id, device_id, actor_id, dossier_id, kind, at, detail, received_at, dossier_count)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
            [r.id, who.communeId, who.deviceId, r.actorId, ids.length === 1 ? ids[0] : null, r.kind, r.at, r.detail, now, ids.length],
          );
          if (inserted.length === 1) {
            await tx.query('INSERT INTO access_log_dossiers (access_id, commune_id, dossier_id, at) SELECT $1, $2, d, $4 FROM unnest($3::text[]) AS d', [
              r.id,
              who.communeId,
              ids,
              r.at,
            ]);
            out.push('accepted');
            continue;
          }
          const [row] = await tx.query<{
            commune_id: string;
            device_id: string;
            actor_id: string;
            kind: string;
            at: number;
            detail: string | null;
            ids: string[];
          }>(
            `SELECT a.commune_id, a.device_id, a.actor_id, a.kind, a.at, a.detail,
                    coalesce((SELECT array_agg(d.dossier_id) FROM access_log_dossiers d WHERE d.access_id = a.id), '{}') AS ids
             FROM access_log a WHERE a.id = $1`,
            [r.id],
          );
          out.push(row && sameRecord(r, who, row) ? 'duplicate' : 'conflict');
        }
        return out;
      });
    },

    /** Newest first (device time, then id), one page and one more row to tell whether another page follows. */
    async list(f: AccessFilter): Promise<AccessLogEntry[]> {
      const params: unknown[] = [[...f.communeIds]];
      const where = ['a.commune_id = ANY($1::text[])'];
      if (f.actorId) {
        params.push(f.actorId);
        where.push(`a.actor_id = $${params.length}`);
      }
      if (f.dossier) {
        // the filter is letters, digits, dots and dashes only (protocol/access.ts): no LIKE wildcard gets in
        const whole = FULL_CODE.test(f.dossier);
        params.push(whole ? f.dossier.toUpperCase() : f.dossier.toLowerCase());
        const q = `$${params.length}`;
        // a whole code is one index range; a tail is matched on the commune's rows
        const match = whole
          ? `d.dossier_id = ${q}`
          : `(lower(d.dossier_id) LIKE ${q} || '%' OR lower(d.dossier_id) LIKE '%.' || ${q} || '%' OR lower(d.dossier_id) LIKE '%-' || ${q} || '%')`;
        where.push(`a.id IN (SELECT d.access_id FROM access_log_dossiers d WHERE d.commune_id = ANY($1::text[]) AND ${match})`);
      }
      if (f.before) {
        params.push(f.before.at, f.before.id);
        where.push(`(a.at, a.id) < ($${params.length - 1}::bigint, $${params.length})`);
      }
      params.push(f.limit + 1);
      const rows = await db.query<LogRow>(
        `SELECT a.id, a.commune_id, a.device_id, a.actor_id, a.kind, a.at, a.detail, a.received_at, a.dossier_count,
                u.name AS actor_name, dv.name AS device_name,
                (SELECT array_agg(x.dossier_id) FROM (SELECT d.dossier_id FROM access_log_dossiers d WHERE d.access_id = a.id ORDER BY d.dossier_id LIMIT ${ACCESS_LISTED_IDS}) x) AS dossier_ids
         FROM access_log a
         LEFT JOIN users u ON u.id = a.actor_id AND u.commune_id = a.commune_id
         LEFT JOIN devices dv ON dv.id = a.device_id
         WHERE ${where.join(' AND ')}
         ORDER BY a.at DESC, a.id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => ({
        id: r.id,
        communeId: r.commune_id,
        at: Number(r.at),
        receivedAt: Number(r.received_at),
        actorId: r.actor_id,
        actorName: r.actor_name,
        deviceId: r.device_id,
        deviceName: r.device_name,
        kind: r.kind,
        detail: r.detail,
        dossierIds: r.dossier_ids ?? [],
        dossierCount: Number(r.dossier_count),
      }));
    },

    /** RET3: one dossier's events in the commune, in server order; empty when the commune has no such dossier. */
    async dossierEvents(communeId: string, code: string): Promise<PulledEvent[]> {
      const rows = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE commune_id = $1 AND dossier_id = $2 ORDER BY server_seq`, [
        communeId,
        code,
      ]);
      return rows.map((r) => ({ serverSeq: Number(r.server_seq), event: eventOf(r) }));
    },
  };
}
