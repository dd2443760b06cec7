/**
 * People see device names, never ids (a timeline line reads "Máy quầy 1", not a UUID). A device
 * knows its own name from enrollment and learns the others' from GET /devices when it is online
 * (counter and supervisor tokens may ask); a device it has not heard of yet is "another device".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { SupervisorTransport, Transport } from '../../protocol';
import { getMeta, setMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import type { SyncEngine } from '../sync/engine';
import { useServices } from './services';

/** Asks the server again at most this often (after a successful sync). */
export const DEVICE_NAMES_REFRESH_MS = 60 * 60_000;

export async function rememberDeviceName(db: MotCuaDb, deviceId: string, name: string): Promise<void> {
  const known = await getMeta(db, 'deviceNames');
  await setMeta(db, 'deviceNames', { names: { ...known?.names, [deviceId]: name }, fetchedAt: known?.fetchedAt ?? null });
}

export async function storeDeviceNames(db: MotCuaDb, devices: readonly { deviceId: string; name: string }[], at: number): Promise<void> {
  const known = await getMeta(db, 'deviceNames');
  const names: Record<string, string> = { ...known?.names };
  for (const d of devices) names[d.deviceId] = d.name;
  await setMeta(db, 'deviceNames', { names, fetchedAt: at });
}

/** Fetches the names when they are older than DEVICE_NAMES_REFRESH_MS; a failure waits for the next sync. */
export async function refreshDeviceNames(db: MotCuaDb, transport: Transport, now: number): Promise<boolean> {
  const [device, known] = await Promise.all([getMeta(db, 'device'), getMeta(db, 'deviceNames')]);
  const listing = transport as Partial<SupervisorTransport>;
  if (!device || device.role === 'kiosk' || typeof listing.devices !== 'function') return false;
  if (known?.fetchedAt != null && now - known.fetchedAt < DEVICE_NAMES_REFRESH_MS) return false;
  try {
    const res = await listing.devices(device.token);
    await storeDeviceNames(db, res.devices, now);
    return true;
  } catch {
    return false;
  }
}

/** After every successful sync run, refresh the names when due. Returns the unsubscribe. */
export function watchDeviceNames(engine: SyncEngine, db: MotCuaDb, transport: Transport): () => void {
  return engine.state.subscribe((s, prev) => {
    if (s.lastResult !== prev.lastResult && s.lastResult?.kind === 'synced') void refreshDeviceNames(db, transport, engine.now());
  });
}

/** The names the device knows, by id. */
export function useDeviceNames(): Readonly<Record<string, string>> {
  const { db } = useServices();
  return useLiveQuery(async () => (await getMeta(db, 'deviceNames'))?.names ?? {}, [db]) ?? {};
}
