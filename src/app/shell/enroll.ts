/** Enrollment: the one-time code becomes this device's profile; then the reference documents come down. */
import { err, ok, type Result } from '../../domain/result';
import { PROTOCOL_VERSION, TransportError, type DeviceProfile, type ReferenceResponse, type Transport } from '../../protocol';
import type { MotCuaDb } from '../db/schema';
import { setMeta } from '../db/meta';

export async function enrollDevice(db: MotCuaDb, transport: Transport, input: { code: string; deviceName: string; appVersion: string }): Promise<Result<DeviceProfile>> {
  let profile: DeviceProfile;
  try {
    profile = await transport.enroll({ protocolVersion: PROTOCOL_VERSION, code: input.code, deviceName: input.deviceName, appVersion: input.appVersion });
  } catch (e) {
    if (e instanceof TransportError && e.status === null) return err('enroll.offline', 'no connection to the server');
    if (e instanceof TransportError && e.reason === 'forbidden') return err('enroll.badCode', e.message);
    if (e instanceof TransportError && e.reason === 'rateLimited') return err('server.rateLimited', e.message);
    if (e instanceof TransportError && e.reason) return err(`server.${e.reason}`, e.message);
    return err('enroll.failed', e instanceof Error ? e.message : String(e));
  }
  // Reference documents first, so the device is usable offline as soon as it is enrolled.
  const kinds = profile.role === 'kiosk' ? (['catalog', 'calendar'] as const) : (['catalog', 'calendar', 'users'] as const);
  const docs: ReferenceResponse[] = [];
  for (const kind of kinds) {
    try {
      docs.push(await transport.reference(profile.token, kind));
    } catch {
      // a missing document is fetched again by the next sync; the shipped demo catalog and calendar stand in
    }
  }
  await db.transaction('rw', db.meta, async () => {
    for (const d of docs) {
      if (d.kind === 'catalog') await setMeta(db, 'catalog', { version: d.version, body: d.body });
      else if (d.kind === 'calendar') await setMeta(db, 'calendar', { version: d.version, body: d.body });
      else await setMeta(db, 'users', { version: d.version, body: d.body });
    }
    await setMeta(db, 'device', profile);
    await setMeta(db, 'sync', { lastSyncAt: null, lastAttemptAt: Date.now(), lastError: null, clockOffsetMs: profile.serverTime - Date.now(), pullProgress: null });
  });
  return ok(profile);
}
