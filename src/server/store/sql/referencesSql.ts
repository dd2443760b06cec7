/** Reference data that flows down (tables communes, users, reference_docs): versioned documents. */
import type { ReferenceBodies, ReferenceUser, UserVault } from '../../../protocol/reference';
import type { Database } from '../db';
import type { NewUser, PublishableKind, Store, StoredReference } from '../port';

export type ReferenceStore = Pick<
  Store,
  | 'isEmpty'
  | 'createCommune'
  | 'commune'
  | 'listCommunes'
  | 'upsertUser'
  | 'setUserActive'
  | 'receiptKey'
  | 'intakeTimes'
  | 'publishReference'
  | 'reference'
  | 'usersDoc'
  | 'referenceVersions'
>;

export function createReferenceStore(db: Database): ReferenceStore {
  return {
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

    async receiptKey(communeId) {
      const [r] = await db.query<{ receipt_key: string }>('SELECT receipt_key FROM communes WHERE id = $1', [communeId]);
      return r?.receipt_key ?? null;
    },

    async intakeTimes(communeId, codes) {
      if (codes.length === 0) return new Map();
      const rows = await db.query<{ code: string; received_at: number }>(
        'SELECT code, received_at FROM dossiers WHERE commune_id = $1 AND code = ANY($2::text[])',
        [communeId, [...codes]],
      );
      return new Map(rows.map((r) => [r.code, Number(r.received_at)]));
    },

    async upsertUser(u: NewUser, now) {
      await db.query(
        `INSERT INTO users (id, commune_id, name, role, pin, vault, active, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $7::jsonb, true, $6)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, pin = EXCLUDED.pin, vault = EXCLUDED.vault, active = true, updated_at = EXCLUDED.updated_at
         WHERE users.commune_id = EXCLUDED.commune_id`,
        [u.id, u.communeId, u.name, u.role, u.pin ? JSON.stringify(u.pin) : null, now, u.vault ? JSON.stringify(u.vault) : null],
      );
    },

    async setUserActive(id, active, now) {
      const rows = await db.query('UPDATE users SET active = $2, updated_at = $3 WHERE id = $1 RETURNING id', [id, active, now]);
      return rows.length > 0;
    },

    async publishReference(communeId, kind, version, body, now) {
      await db.query('INSERT INTO reference_docs (commune_id, kind, version, body, published_at) VALUES ($1, $2, $3, $4::jsonb, $5)', [
        communeId,
        kind,
        version,
        JSON.stringify(body),
        now,
      ]);
    },

    async reference<K extends PublishableKind>(communeId: string, kind: K): Promise<StoredReference<K> | null> {
      const [r] = await db.query<{ version: string; published_at: number; body: ReferenceBodies[K] }>(
        `SELECT version, published_at, body FROM reference_docs WHERE kind = $2 AND (commune_id = $1 OR commune_id IS NULL) ORDER BY id DESC LIMIT 1`,
        [communeId, kind],
      );
      return r ? { version: r.version, publishedAt: Number(r.published_at), body: r.body } : null;
    },

    async usersDoc(communeId) {
      // Only this commune's users who work on its tablets (a PIN is set), never the password
      // column; a deactivated user's verifier is not sent (the tablet refuses them).
      const all = await db.query<{
        id: string;
        name: string;
        role: ReferenceUser['role'];
        pin: ReferenceUser['pin'] | null;
        vault: UserVault | null;
        active: boolean;
        updated_at: number;
      }>('SELECT id, name, role, pin, vault, active, updated_at FROM users WHERE commune_id = $1 ORDER BY id', [communeId]);
      if (all.length === 0) return null;
      const publishedAt = Math.max(...all.map((r) => Number(r.updated_at)));
      const rows = all.filter((r) => r.pin !== null && r.active);
      const [c] = await db.query<{ retention_days: number }>('SELECT retention_days FROM communes WHERE id = $1', [communeId]);
      return {
        version: `users-${publishedAt}-${all.length}`,
        publishedAt,
        body: {
          users: rows.map((r) => ({ id: r.id, name: r.name, role: r.role, pin: r.pin!, active: r.active, ...(r.vault ? { vault: r.vault } : {}) })),
          ...(c ? { retentionDays: Number(c.retention_days) } : {}),
        },
      };
    },

    async referenceVersions(communeId, withUsers) {
      const rows = await db.query<{ kind: PublishableKind; version: string }>(
        `SELECT DISTINCT ON (kind) kind, version FROM reference_docs WHERE commune_id = $1 OR commune_id IS NULL ORDER BY kind, id DESC`,
        [communeId],
      );
      const of = (k: PublishableKind) => rows.find((r) => r.kind === k)?.version ?? null;
      let users: string | null = null;
      if (withUsers) {
        const [u] = await db.query<{ m: number | null; n: number }>('SELECT max(updated_at) AS m, count(*)::int AS n FROM users WHERE commune_id = $1', [
          communeId,
        ]);
        users = u && Number(u.n) > 0 ? `users-${Number(u.m)}-${Number(u.n)}` : null;
      }
      return { catalog: of('catalog'), calendar: of('calendar'), users };
    },
  };
}
