/**
 * The server's sync rules, independent of HTTP: who may do what, and what is stored. Routes
 * parse with the protocol schemas, call these, and encode the outcome.
 */
import type { DossierEvent } from '../../domain/dossier/events';
import { foreignDossierCode } from '../../domain/dossier/belongs';
import { isRefusal, type Rejection, type Parsed, type ParsedPush, type PushItem } from '../../protocol/parse';
import type {
  DeviceInfo,
  DeviceProfile,
  DeviceRole,
  DevicesResponse,
  FilesMissing,
  EnrollRequest,
  PullRequest,
  PullResponse,
  PushResponse,
  PushResult,
} from '../../protocol/messages';
import type { ReferenceKind, ReferenceResponse } from '../../protocol/reference';
import { verifyOutboxFile, type OutboxFile } from '../../protocol/outboxFile';
import { LIMITS } from '../../protocol/version';
import type { Device, Store } from '../store/port';
import { newEnrollmentCode, newExportKey, newToken, normaliseCode, sha256 } from './secrets';
import { unboundRatings } from './ratingBinding';
import { randomUUID } from 'node:crypto';

export type Outcome<T> = Parsed<T>;
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const no = (reason: Rejection['reason'], message: string): Outcome<never> => ({ ok: false, rejection: { reason, message } });

export const ENROLLMENT_CODE_TTL_MS = 7 * 24 * 3_600_000;

export type SyncCore = ReturnType<typeof createSyncCore>;

/** Why an event may not come from this device of a commune with this agency code, or null when it may. */
export function eventForbidden(device: Pick<Device, 'id' | 'communeId' | 'role'>, agencyCode: string, e: DossierEvent): string | null {
  if (e.communeId !== device.communeId) return 'the event belongs to another commune';
  if (e.deviceId !== device.id) return 'the event names another device';
  if (device.role === 'kiosk' && e.type !== 'rated') return 'a kiosk may only push ratings';
  return foreignDossierCode(e.dossierId, agencyCode); // SYNC3
}

const withReceiptKey = (receiptKey: string | null) => (receiptKey ? { receiptKey } : {});

/** Per device of a commune, the files its events name that the server has no bytes of (files/fileSql.ts). */
export type FilesMissingOf = (communeId: string) => Promise<ReadonlyMap<string, FilesMissing>>;

/** The commune's devices, each with what it still owes in files when the server keeps files. */
export async function devicesWithFiles(store: Store, communeId: string, filesMissing?: FilesMissingOf): Promise<DeviceInfo[]> {
  const [devices, missing] = await Promise.all([store.listDevices(communeId), filesMissing?.(communeId)]);
  if (!missing) return devices;
  return devices.map((d) => ({ ...d, filesMissing: missing.get(d.deviceId) ?? { files: 0, bytes: 0 } }));
}

export type SyncCoreOptions = { readonly filesMissing?: FilesMissingOf };

export function createSyncCore(store: Store, clock: () => number = Date.now, options: SyncCoreOptions = {}) {
  async function issueCode(communeId: string, role: DeviceRole, ttlMs = ENROLLMENT_CODE_TTL_MS): Promise<string> {
    const code = newEnrollmentCode();
    const now = clock();
    await store.issueEnrollmentCode({ codeHash: sha256(normaliseCode(code)), communeId, role, now, expiresAt: now + ttlMs });
    return code;
  }

  async function enroll(req: EnrollRequest): Promise<Outcome<DeviceProfile>> {
    const token = newToken();
    const exportKey = newExportKey();
    const now = clock();
    const device = await store.redeemEnrollmentCode({
      codeHash: sha256(normaliseCode(req.code)),
      tokenHash: sha256(token),
      deviceId: randomUUID(),
      deviceName: req.deviceName,
      exportKey,
      appVersion: req.appVersion,
      now,
    });
    if (device === 'noCode') return no('forbidden', 'the enrollment code is unknown, already used or expired');
    if (device === 'noSlot') return no('conflict', 'all 99 numbering slots of this commune are taken: revoke an old device first');
    const commune = await store.commune(device.communeId);
    return ok({
      deviceId: device.id,
      token,
      role: device.role,
      communeId: device.communeId,
      communeName: commune?.name ?? device.communeId,
      agencyCode: commune?.agencyCode ?? '',
      codeSlot: device.codeSlot,
      exportKey,
      serverTime: clock(),
      ...withReceiptKey(await store.receiptKey(device.communeId)),
    });
  }

  /** Bearer token to device; revocation is read on every request, so it takes effect at once. */
  async function authenticate(authorization: string | null | undefined): Promise<Outcome<Device>> {
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    if (!m) return no('unknownDevice', 'missing or malformed bearer token');
    const device = await store.deviceByTokenHash(sha256(m[1]!));
    if (!device) return no('unknownDevice', 'this token belongs to no enrolled device');
    if (device.revokedAt !== null) return no('revoked', 'this device was revoked: enroll it again with a new code');
    return ok(device);
  }

  /**
   * The push rules, then one transaction for the allowed events; results in input order. Events
   * refused at the edge (SYNC1) keep their place, so the device matches every answer.
   */
  async function ingest(device: Device, events: readonly PushItem[]): Promise<PushResult[]> {
    const results: (PushResult | null)[] = events.map((e) => {
      if (isRefusal(e)) return { id: e.id, outcome: 'rejected', reason: 'invalid', message: e.message };
      const why = eventForbidden(device, device.agencyCode, e);
      return why ? { id: e.id, outcome: 'rejected', reason: 'forbidden', message: why } : null;
    });
    const unbound = await unboundRatings(
      store,
      device.communeId,
      events.filter((e, i): e is DossierEvent => results[i] === null && !isRefusal(e)),
    );
    events.forEach((e, i) => {
      const why = unbound.get(e.id);
      if (why && results[i] === null) results[i] = { id: e.id, outcome: 'rejected', reason: 'invalid', message: why };
    });
    const allowed = events.filter((e, i): e is DossierEvent => results[i] === null && !isRefusal(e));
    const stored = await store.appendEvents(device.communeId, allowed, clock());
    let k = 0;
    return results.map((r) => r ?? stored[k++]!);
  }

  async function push(device: Device, req: ParsedPush): Promise<Outcome<PushResponse>> {
    // the status apart from the events (on PostgreSQL another connection, at the same time)
    const [results] = await Promise.all([ingest(device, req.events), store.recordStatus(device.id, req.status, clock())]);
    return ok({ serverTime: clock(), results });
  }

  async function pull(device: Device, req: PullRequest): Promise<Outcome<PullResponse>> {
    const reference = await store.referenceVersions(device.communeId, device.role !== 'kiosk');
    const key = withReceiptKey(await store.receiptKey(device.communeId));
    await store.recordStatus(device.id, req.status, clock());
    if (device.role === 'kiosk') {
      const rows = await store.kioskDossiersAfter(device.communeId, req.after, req.limit + 1);
      const page = rows.slice(0, req.limit);
      return ok({
        kind: 'kiosk',
        serverTime: clock(),
        kioskDossiers: page.map((r) => r.dossier),
        next: page.at(-1)?.serverSeq ?? req.after,
        hasMore: rows.length > req.limit,
        reference,
        ...key,
      });
    }
    const rows = await store.eventsAfter(device.communeId, req.after, req.limit + 1);
    const page = rows.slice(0, req.limit);
    return ok({
      kind: 'events',
      serverTime: clock(),
      events: page,
      next: page.at(-1)?.serverSeq ?? req.after,
      hasMore: rows.length > req.limit,
      reference,
      ...key,
    });
  }

  async function reference(device: Device, kind: ReferenceKind): Promise<Outcome<ReferenceResponse>> {
    if (kind === 'users') {
      if (device.role === 'kiosk') return no('forbidden', 'a kiosk reads nothing personal');
      const doc = (await store.usersDoc(device.communeId)) ?? { version: 'users-0-0', publishedAt: 0, body: { users: [] } };
      return ok({ serverTime: clock(), kind, ...doc });
    }
    const doc = kind === 'catalog' ? await store.reference(device.communeId, 'catalog') : await store.reference(device.communeId, 'calendar');
    if (!doc) return no('invalid', `no ${kind} is published for this commune yet`);
    return ok({ serverTime: clock(), kind, ...doc } as ReferenceResponse);
  }

  async function devices(device: Device): Promise<Outcome<DevicesResponse>> {
    // The commune supervisor signs in on a counter tablet too; a kiosk sees no device list.
    if (device.role === 'kiosk') return no('forbidden', 'a kiosk does not list devices');
    return ok({ serverTime: clock(), devices: await devicesWithFiles(store, device.communeId, options.filesMissing) });
  }

  /** An outbox export file, verified with its device's export key, then ingested like pushes. */
  async function importOutbox(file: OutboxFile): Promise<Outcome<{ results: PushResult[] }>> {
    const device = await store.device(file.deviceId);
    if (!device) return no('unknownDevice', `no device ${file.deviceId}`);
    if (device.communeId !== file.communeId) return no('forbidden', 'the file names another commune than its device');
    if (!(await verifyOutboxFile(device.exportKey, file)))
      return no('forbidden', 'the signature does not match: the file was altered or signed by another device');
    const results: PushResult[] = [];
    for (let i = 0; i < file.events.length; i += LIMITS.maxEventsPerPush) {
      results.push(...(await ingest(device, file.events.slice(i, i + LIMITS.maxEventsPerPush))));
    }
    return ok({ results });
  }

  return { issueCode, enroll, authenticate, push, pull, reference, devices, importOutbox, clock };
}
