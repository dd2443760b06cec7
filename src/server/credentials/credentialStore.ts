/** The credential columns of `users` (migration 012): read and written only by the server's sign-in and the admin command. */
import type { Database } from '../store/db';
import { foldSearchKey } from '../../domain/text/searchKey';
import type { UserRole } from '../../protocol/reference';
import type { PasswordHash } from './password';

export type LoginCandidate = {
  readonly id: string;
  readonly name: string;
  readonly communeId: string;
  readonly role: UserRole;
  readonly active: boolean;
  readonly password: PasswordHash | null;
};

export type CredentialStore = {
  setPassword(userId: string, hash: PasswordHash, now: number): Promise<boolean>;
  /** Users whose id is `login`, or whose folded name is the folded `login` (a person types their name). */
  candidates(login: string): Promise<LoginCandidate[]>;
  /** The names the upstream sign-in offers to choose from: active supervisors with a password. */
  upstreamNames(): Promise<string[]>;
  user(id: string): Promise<{ id: string; name: string } | null>;
};

type Row = { id: string; name: string; commune_id: string; role: UserRole; active: boolean; password: PasswordHash | null };

export function createCredentialStore(db: Database): CredentialStore {
  return {
    async setPassword(userId, hash, now) {
      const rows = await db.query('UPDATE users SET password = $2::jsonb, updated_at = $3 WHERE id = $1 RETURNING id', [userId, JSON.stringify(hash), now]);
      return rows.length > 0;
    },
    async candidates(login) {
      const rows = await db.query<Row>("SELECT id, name, commune_id, role, active, password FROM users WHERE role = 'supervisor' OR id = $1", [login.trim()]);
      const folded = foldSearchKey(login);
      return rows
        .filter((r) => r.id === login.trim() || foldSearchKey(r.name) === folded)
        .map((r) => ({ id: r.id, name: r.name, communeId: r.commune_id, role: r.role, active: r.active, password: r.password }));
    },
    async upstreamNames() {
      const rows = await db.query<{ name: string }>(
        "SELECT DISTINCT name FROM users WHERE role = 'supervisor' AND active AND password IS NOT NULL ORDER BY name",
      );
      return rows.map((r) => r.name);
    },
    async user(id) {
      const [r] = await db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = $1', [id]);
      return r ?? null;
    },
  };
}
