/**
 * Enrollment: the one-time code becomes this device's profile (token, commune, role, code slot,
 * export key); then the reference documents its role may read come down, so the device works
 * offline from the first minute. Errors are i18n keys of the `errors` namespace.
 */
import { err, ok, type Result } from '../../domain/result';
import type { DeviceProfile, ReferenceResponse } from '../../protocol';
import { TransportError, type Transport } from '../../protocol/transport';
import { PROTOCOL_VERSION } from '../../protocol/version';
import { setMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import { referenceKindsFor, storeReference } from './reference';
import { EMPTY_SYNC_META } from './syncMeta';

export type EnrollInput = { readonly code: string; readonly deviceName: string; readonly appVersion: string };

/** The code as printed may carry spaces or dashes and lower case; the server compares letters and digits. */
export function normaliseEnrollCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function enrollError(e: unknown): Result<never> {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof TransportError) {
    if (e.status === null) return err('enroll.offline', message);
    // an unknown, used or expired code is refused as `forbidden`
    if (e.reason === 'forbidden') return err('enroll.badCode', message);
    if (e.reason === 'invalid') return err('enroll.badCode', message);
    if (e.reason) return err(`server.${e.reason}`, message);
  }
  return err('enroll.failed', message);
}

export async function enrollDevice(db: MotCuaDb, transport: Transport, input: EnrollInput, now: () => number = Date.now): Promise<Result<DeviceProfile>> {
  const code = normaliseEnrollCode(input.code);
  if (!code) return err('enroll.badCode', 'empty code');
  let profile: DeviceProfile;
  const sentAt = now();
  try {
    profile = await transport.enroll({
      protocolVersion: PROTOCOL_VERSION,
      code,
      deviceName: input.deviceName.trim().slice(0, 100) || 'Tablet',
      appVersion: input.appVersion.slice(0, 100) || 'unknown',
    });
  } catch (e) {
    return enrollError(e);
  }
  const clockOffsetMs = Math.round(profile.serverTime - (sentAt + now()) / 2);
  const docs: ReferenceResponse[] = [];
  for (const kind of referenceKindsFor(profile.role)) {
    try {
      docs.push(await transport.reference(profile.token, kind));
    } catch {
      // the code is spent: keep the profile; the next sync fetches what is missing
    }
  }
  await db.transaction('rw', db.meta, async () => {
    for (const d of docs) await storeReference(db, d);
    await setMeta(db, 'device', profile);
    await setMeta(db, 'sync', { ...EMPTY_SYNC_META, lastAttemptAt: now(), clockOffsetMs });
  });
  return ok(profile);
}
