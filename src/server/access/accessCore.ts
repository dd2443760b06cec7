/**
 * The access log's rules (PD4b, PD4d), independent of HTTP. A counter or supervisor device
 * records accesses for its own commune only: the commune and the device are the token's, the
 * user must be one of that commune's users, every dossier code must carry the commune's agency
 * code (SYNC3). It reads its commune's log; the upstream office reads the communes in its scope.
 * A kiosk shows nothing personal (PD3): it neither writes nor reads the log.
 */
import { foreignDossierCode } from '../../domain/dossier/belongs';
import { accessCursor, parseAccessCursor } from '../../domain/privacy/accessLog';
import {
  ACCESS_PAGE_SIZE,
  isAccessRefusal,
  type AccessLogPage,
  type AccessLogQuery,
  type AccessPushResponse,
  type AccessPushResult,
  type AccessRecord,
  type DossierEventsResponse,
  type UpstreamAccessLogQuery,
} from '../../protocol/access';
import type { Parsed } from '../../protocol/parse';
import { parseAccessPush } from '../../protocol/access';
import type { Supervisor } from '../core/upstream';
import type { Commune, Device, Store } from '../store/port';
import { randomUUID } from 'node:crypto';
import type { AccessSql } from './accessSql';

/** The device id of records the server writes for the upstream office's own reads (no tablet made them). */
export const UPSTREAM_OFFICE_DEVICE = 'upstream-office';

type Outcome<T> = Parsed<T>;
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const no = (reason: 'forbidden' | 'notFound' | 'invalid', message: string): Outcome<never> => ({ ok: false, rejection: { reason, message } });

export type AccessCore = ReturnType<typeof createAccessCore>;

export function createAccessCore(store: Store, sql: AccessSql, clock: () => number = Date.now) {
  const personalReader = (device: Device, what: string): Outcome<null> =>
    device.role === 'kiosk' ? no('forbidden', `a kiosk shows nothing personal: it ${what}`) : ok(null);

  async function push(device: Device, body: unknown): Promise<Outcome<AccessPushResponse>> {
    const may = personalReader(device, 'records no access');
    if (!may.ok) return may;
    const parsed = parseAccessPush(body);
    if (!parsed.ok) return parsed;
    const items = parsed.value.records;
    const users = await sql.communeUsers(device.communeId, [...new Set(items.flatMap((r) => (isAccessRefusal(r) ? [] : [r.actorId])))]);
    const results: (AccessPushResult | null)[] = items.map((r) => {
      if (isAccessRefusal(r)) return { id: r.id, outcome: 'rejected', reason: 'invalid', message: r.message };
      if (!users.has(r.actorId)) return { id: r.id, outcome: 'rejected', reason: 'forbidden', message: `${r.actorId} is not a user of this device's commune` };
      for (const code of r.dossierIds) {
        const why = foreignDossierCode(code, device.agencyCode);
        if (why) return { id: r.id, outcome: 'rejected', reason: 'forbidden', message: why };
      }
      return null;
    });
    const allowed = items.filter((r, i): r is AccessRecord => results[i] === null && !isAccessRefusal(r));
    const stored = await sql.append({ communeId: device.communeId, deviceId: device.id }, allowed, clock());
    let k = 0;
    return ok({
      serverTime: clock(),
      results: results.map((r, i) => {
        if (r) return r;
        const id = (items[i] as AccessRecord).id;
        const s = stored[k++]!;
        return s === 'conflict' ? { id, outcome: 'rejected', reason: 'conflict', message: 'another access record has this id' } : { id, outcome: s };
      }),
    });
  }

  async function page(communes: readonly Commune[], q: AccessLogQuery): Promise<Outcome<AccessLogPage>> {
    const before = q.before ? parseAccessCursor(q.before) : null;
    const limit = q.limit ?? ACCESS_PAGE_SIZE;
    const ids = communes.map((c) => c.id);
    const [rows, users] = await Promise.all([
      sql.list({ communeIds: ids, dossier: q.dossier || undefined, actorId: q.user || undefined, before: before ?? undefined, limit }),
      sql.usersOf(ids),
    ]);
    const records = rows.slice(0, limit);
    const last = records.at(-1);
    return ok({
      serverTime: clock(),
      records,
      next: rows.length > limit && last ? accessCursor(last.at, last.id) : null,
      users,
      communes: communes.map((c) => ({ id: c.id, name: c.name })),
    });
  }

  async function list(device: Device, q: AccessLogQuery): Promise<Outcome<AccessLogPage>> {
    const may = personalReader(device, 'reads no access log');
    if (!may.ok) return may;
    const commune = await store.commune(device.communeId);
    return page(commune ? [commune] : [], q);
  }

  async function listUpstream(s: Supervisor, q: UpstreamAccessLogQuery): Promise<Outcome<AccessLogPage>> {
    const { commune, ...rest } = q;
    if (commune && !s.communes.some((c) => c.id === commune)) return no('forbidden', 'this commune is not in your scope');
    return page(commune ? s.communes.filter((c) => c.id === commune) : s.communes, rest);
  }

  /** RET3: the dossier's events for a device of its commune (the tablet shows them, it does not store them). */
  async function dossierEvents(device: Device, code: string): Promise<Outcome<DossierEventsResponse>> {
    const may = personalReader(device, 'reads no dossier');
    if (!may.ok) return may;
    const why = foreignDossierCode(code, device.agencyCode);
    if (why) return no('forbidden', why);
    const events = await sql.dossierEvents(device.communeId, code);
    if (events.length === 0) return no('notFound', `no dossier ${code} in this commune`);
    return ok({ serverTime: clock(), code, events });
  }

  /**
   * PD4: the upstream office opened a digitised file of a commune in its scope; the server records
   * it, since no tablet did (`code`: the dossier it was opened from, when the office said).
   */
  async function recordUpstreamFile(s: Supervisor, communeId: string, sha256: string, code: string | null): Promise<void> {
    const agencyCode = (await store.commune(communeId))?.agencyCode ?? '';
    const dossierIds = code && !foreignDossierCode(code, agencyCode) ? [code] : [];
    const now = clock();
    await sql.append(
      { communeId, deviceId: UPSTREAM_OFFICE_DEVICE },
      [{ id: randomUUID(), at: now, actorId: s.userId, kind: 'file', dossierIds, detail: sha256 }],
      now,
    );
  }

  return { push, list, listUpstream, dossierEvents, recordUpstreamFile };
}
