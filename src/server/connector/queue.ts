/**
 * The durable outbound queue (table connector_outbox, migration 013): one row per dossier. The
 * store queues a dossier in the transaction that stores its events (`enqueueChangedSql`, part of its statement); a burst
 * of events keeps the dossier's place and only moves its latest change, so it is one send.
 * Workers claim rows with FOR UPDATE SKIP LOCKED and a lease, so instances never take the same
 * dossier at once; a completion counts only with the claiming worker's lease.
 */
import type { Database, Sql } from '../store/db';

export type QueueState = 'pending' | 'synced' | 'refused';

export type Claimed = {
  readonly communeId: string;
  readonly code: string;
  readonly queueSeq: number;
  /** The change this send covers: a later one leaves the row pending after success. */
  readonly changeSeq: number;
  readonly onPortal: boolean;
  readonly sentHash: string | null;
  readonly sentSteps: readonly string[];
  readonly attempts: number;
};

export type Attempt = {
  readonly communeId: string;
  readonly code: string;
  readonly service: string;
  readonly outcome: 'accepted' | 'refused' | 'failed' | 'unchanged';
  readonly httpStatus: number | null;
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly durationMs: number;
};

export type Synced = {
  readonly communeId: string;
  readonly code: string;
  readonly changeSeq: number;
  readonly hash: string;
  readonly steps: readonly string[];
};
export type Refused = {
  readonly communeId: string;
  readonly code: string;
  readonly changeSeq: number;
  readonly onPortal: boolean;
  readonly errorCode: string;
  readonly message: string;
};
export type Key = { readonly communeId: string; readonly code: string };

/**
 * Called by the store, inside the transaction that stored the events: each dossier once, with its
 * latest server_seq. `changed` is a query of (code, last_seq) rows; `$1` is the commune.
 */
export function enqueueChangedSql(changed: string): string {
  return `INSERT INTO connector_outbox (commune_id, code, queue_seq, change_seq)
     SELECT $1, code, last_seq, last_seq FROM ${changed} AS changed
     ON CONFLICT (commune_id, code) DO UPDATE SET
       change_seq = GREATEST(connector_outbox.change_seq, EXCLUDED.change_seq),
       queue_seq = CASE WHEN connector_outbox.state = 'pending' THEN connector_outbox.queue_seq ELSE EXCLUDED.queue_seq END,
       state = 'pending'`;
}

/**
 * Called inside the transaction that records a file present on the server: the dossiers whose
 * events name it go back in the queue (CON15: a paper uploaded after its dossier was sent is sent
 * as an update). Their change does not move; an unchanged mapping is not sent again.
 */
export async function requeueNaming(tx: Sql, communeId: string, sha256: string): Promise<void> {
  await tx.query(
    `UPDATE connector_outbox o SET state = 'pending', queue_seq = o.change_seq
     WHERE o.commune_id = $1 AND o.state <> 'pending' AND o.code IN (
       SELECT e.dossier_id FROM events e
       WHERE e.commune_id = $1 AND e.type IN ('papersDigitised', 'resultDigitised') AND e.payload->'files' @> $2::jsonb)`,
    [communeId, JSON.stringify([{ sha256 }])],
  );
}

type Row = {
  commune_id: string;
  code: string;
  queue_seq: number;
  change_seq: number;
  on_portal: boolean;
  sent_hash: string | null;
  sent_steps: string[];
  attempts: number;
};

export type QueueCounts = { readonly synced: number; readonly pending: number; readonly refused: number };
export type RefusedItem = {
  readonly communeId: string;
  readonly code: string;
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly attempts: number;
  readonly lastAttemptAt: number | null;
};

export type OutboundQueue = ReturnType<typeof createOutboundQueue>;

export function createOutboundQueue(db: Database) {
  return {
    /** Up to `limit` pending dossiers in queue order, leased to `worker` until `now + leaseMs`. */
    async claim(worker: string, now: number, leaseMs: number, limit: number): Promise<Claimed[]> {
      const rows = await db.transaction((tx) =>
        tx.query<Row>(
          `WITH c AS (
           SELECT commune_id, code FROM connector_outbox
           WHERE state = 'pending' AND (lease_until IS NULL OR lease_until < $2)
           ORDER BY queue_seq LIMIT $4 FOR UPDATE SKIP LOCKED)
         UPDATE connector_outbox o SET lease_owner = $1, lease_until = $2 + $3
         FROM c WHERE o.commune_id = c.commune_id AND o.code = c.code
         RETURNING o.commune_id, o.code, o.queue_seq, o.change_seq, o.on_portal, o.sent_hash, o.sent_steps, o.attempts`,
          [worker, now, leaseMs, limit],
        ),
      );
      return rows
        .map((r) => ({
          communeId: r.commune_id,
          code: r.code,
          queueSeq: Number(r.queue_seq),
          changeSeq: Number(r.change_seq),
          onPortal: r.on_portal,
          sentHash: r.sent_hash,
          sentSteps: r.sent_steps,
          attempts: Number(r.attempts),
        }))
        .sort((a, b) => a.queueSeq - b.queueSeq);
    },

    /** One transaction: the attempts, then the rows' new states (only rows this worker still holds). */
    async complete(
      worker: string,
      now: number,
      c: { attempts: readonly Attempt[]; synced: readonly Synced[]; refused: readonly Refused[]; released: readonly Key[] },
    ): Promise<void> {
      await db.transaction(async (tx) => {
        // The store's per-commune writer lock (sqlStore lockCommune), taken in a fixed order: the
        // store queues dossiers under it, so the two never lock the same rows in opposite orders.
        const communes = [...new Set([...c.synced, ...c.refused, ...c.released].map((x) => x.communeId))].sort();
        for (const id of communes) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`motcua:commune:${id}`]);
        const a = c.attempts;
        if (a.length > 0) {
          await tx.query(
            `INSERT INTO connector_attempts (commune_id, code, at, worker, service, outcome, http_status, error_code, message, duration_ms)
             SELECT c, d, $1, $2, s, o, h, e, m, ms FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::int[])
               AS t(c, d, s, o, h, e, m, ms)`,
            [
              now,
              worker,
              a.map((x) => x.communeId),
              a.map((x) => x.code),
              a.map((x) => x.service),
              a.map((x) => x.outcome),
              a.map((x) => x.httpStatus),
              a.map((x) => x.errorCode),
              a.map((x) => x.message),
              a.map((x) => Math.round(x.durationMs)),
            ],
          );
        }
        if (c.synced.length > 0) {
          const s = c.synced;
          await tx.query(
            `UPDATE connector_outbox o SET synced_seq = t.seq, on_portal = true, sent_hash = t.hash, sent_steps = t.steps, attempts = 0,
               state = CASE WHEN o.change_seq > t.seq THEN 'pending' ELSE 'synced' END,
               queue_seq = CASE WHEN o.change_seq > t.seq THEN o.change_seq ELSE o.queue_seq END,
               lease_owner = NULL, lease_until = NULL, last_attempt_at = $2, synced_at = $2, error_code = NULL, message = NULL
             FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::jsonb[]) AS t(c, d, seq, hash, steps)
             WHERE o.commune_id = t.c AND o.code = t.d AND o.lease_owner = $1`,
            [
              worker,
              now,
              s.map((x) => x.communeId),
              s.map((x) => x.code),
              s.map((x) => x.changeSeq),
              s.map((x) => x.hash),
              s.map((x) => JSON.stringify(x.steps)),
            ],
          );
        }
        if (c.refused.length > 0) {
          const r = c.refused;
          await tx.query(
            `UPDATE connector_outbox o SET attempts = o.attempts + 1, on_portal = o.on_portal OR t.on_portal, error_code = t.e, message = t.m,
               state = CASE WHEN o.change_seq > t.seq THEN 'pending' ELSE 'refused' END,
               lease_owner = NULL, lease_until = NULL, last_attempt_at = $2
             FROM unnest($3::text[], $4::text[], $5::bigint[], $6::boolean[], $7::text[], $8::text[]) AS t(c, d, seq, on_portal, e, m)
             WHERE o.commune_id = t.c AND o.code = t.d AND o.lease_owner = $1`,
            [
              worker,
              now,
              r.map((x) => x.communeId),
              r.map((x) => x.code),
              r.map((x) => x.changeSeq),
              r.map((x) => x.onPortal),
              r.map((x) => x.errorCode),
              r.map((x) => x.message),
            ],
          );
        }
        if (c.released.length > 0) {
          await tx.query(
            `UPDATE connector_outbox o SET attempts = o.attempts + 1, lease_owner = NULL, lease_until = NULL, last_attempt_at = $2
             FROM unnest($3::text[], $4::text[]) AS t(c, d) WHERE o.commune_id = t.c AND o.code = t.d AND o.lease_owner = $1`,
            [worker, now, c.released.map((x) => x.communeId), c.released.map((x) => x.code)],
          );
        }
      });
    },

    async counts(communeIds: readonly string[]): Promise<Map<string, QueueCounts>> {
      const rows = await db.query<{ commune_id: string; state: QueueState; n: number }>(
        `SELECT commune_id, state, count(*)::int AS n FROM connector_outbox WHERE commune_id = ANY($1::text[]) GROUP BY commune_id, state`,
        [communeIds],
      );
      const out = new Map<string, QueueCounts>(communeIds.map((id) => [id, { synced: 0, pending: 0, refused: 0 }]));
      for (const r of rows) out.set(r.commune_id, { ...out.get(r.commune_id)!, [r.state]: Number(r.n) });
      return out;
    },

    /** The commune's dossiers received in [from, to) by state; a dossier not yet queued counts as pending. */
    async countsReceivedIn(communeId: string, from: number, to: number): Promise<QueueCounts> {
      const rows = await db.query<{ state: QueueState; n: number }>(
        `SELECT coalesce(o.state, 'pending') AS state, count(*)::int AS n FROM dossiers d
         LEFT JOIN connector_outbox o ON o.commune_id = d.commune_id AND o.code = d.code
         WHERE d.commune_id = $1 AND d.received_at >= $2 AND d.received_at < $3 GROUP BY 1`,
        [communeId, from, to],
      );
      const out = { synced: 0, pending: 0, refused: 0 };
      for (const r of rows) out[r.state] = Number(r.n);
      return out;
    },

    async refused(communeIds: readonly string[], limit: number): Promise<RefusedItem[]> {
      const rows = await db.query<{
        commune_id: string;
        code: string;
        error_code: string | null;
        message: string | null;
        attempts: number;
        last_attempt_at: number | null;
      }>(
        `SELECT commune_id, code, error_code, message, attempts, last_attempt_at FROM connector_outbox
         WHERE commune_id = ANY($1::text[]) AND state = 'refused' ORDER BY last_attempt_at DESC NULLS LAST, code LIMIT $2`,
        [communeIds, limit],
      );
      return rows.map((r) => ({
        communeId: r.commune_id,
        code: r.code,
        errorCode: r.error_code,
        message: r.message,
        attempts: Number(r.attempts),
        lastAttemptAt: r.last_attempt_at === null ? null : Number(r.last_attempt_at),
      }));
    },

    /** A refused dossier back in the queue (a supervisor asked, or the catalog got its code). */
    async retry(communeId: string, code: string): Promise<boolean> {
      const rows = await db.query(
        `UPDATE connector_outbox SET state = 'pending', queue_seq = change_seq, sent_hash = NULL WHERE commune_id = $1 AND code = $2 AND state = 'refused' RETURNING code`,
        [communeId, code],
      );
      return rows.length > 0;
    },

    /** Every dossier refused for `errorCode` back in the queue; how many. */
    async retryAll(errorCode: string): Promise<number> {
      const rows = await db.query(
        `UPDATE connector_outbox SET state = 'pending', queue_seq = change_seq WHERE state = 'refused' AND error_code = $1 RETURNING code`,
        [errorCode],
      );
      return rows.length;
    },

    async attemptsOf(communeId: string, code: string) {
      return db.query<{
        at: number;
        worker: string;
        service: string;
        outcome: string;
        http_status: number | null;
        error_code: string | null;
        message: string | null;
      }>('SELECT at, worker, service, outcome, http_status, error_code, message FROM connector_attempts WHERE commune_id = $1 AND code = $2 ORDER BY id', [
        communeId,
        code,
      ]);
    },
  };
}
