/**
 * Reference documents flow down (DESIGN "Data"): the catalog, the calendars and, for counters, the
 * commune's users. A device fetches a kind only when the server names a version it does not hold.
 */
import type { DeviceRole, ReferenceKind, ReferenceResponse, ReferenceVersions, Transport } from '../../protocol';
import { getMeta, setMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';

/** What a role may read: a kiosk reads nothing personal, so no users (PD3). */
export function referenceKindsFor(role: DeviceRole): readonly ReferenceKind[] {
  return role === 'kiosk' ? ['catalog', 'calendar'] : ['catalog', 'calendar', 'users'];
}

export async function heldVersions(db: MotCuaDb): Promise<ReferenceVersions> {
  const [catalog, calendar, users] = await Promise.all([getMeta(db, 'catalog'), getMeta(db, 'calendar'), getMeta(db, 'users')]);
  return { catalog: catalog?.version ?? null, calendar: calendar?.version ?? null, users: users?.version ?? null };
}

/** The kinds whose upstream version differs from the one held (a null upstream version means none published). */
export function staleKinds(role: DeviceRole, held: ReferenceVersions, upstream: ReferenceVersions): ReferenceKind[] {
  return referenceKindsFor(role).filter((k) => upstream[k] !== null && upstream[k] !== held[k]);
}

export async function storeReference(db: MotCuaDb, doc: ReferenceResponse): Promise<void> {
  switch (doc.kind) {
    case 'catalog':
      return setMeta(db, 'catalog', { version: doc.version, body: doc.body });
    case 'calendar':
      return setMeta(db, 'calendar', { version: doc.version, body: doc.body });
    case 'users':
      return setMeta(db, 'users', { version: doc.version, body: doc.body });
  }
}

/** Fetches and stores the given kinds; returns the kinds stored. A failure propagates (the run is retried). */
export async function fetchReference(db: MotCuaDb, transport: Transport, token: string, kinds: readonly ReferenceKind[]): Promise<ReferenceKind[]> {
  const stored: ReferenceKind[] = [];
  for (const kind of kinds) {
    await storeReference(db, await transport.reference(token, kind));
    stored.push(kind);
  }
  return stored;
}

/** After a pull: brings every kind whose version changed upstream. */
export async function refreshReference(
  db: MotCuaDb,
  transport: Transport,
  token: string,
  role: DeviceRole,
  upstream: ReferenceVersions,
): Promise<ReferenceKind[]> {
  return fetchReference(db, transport, token, staleKinds(role, await heldVersions(db), upstream));
}
