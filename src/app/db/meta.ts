/** Typed access to the `meta` table: one row per key, each with its own value type. */
import type { DeviceProfile, CalendarBundle, PinHash, UsersDoc } from '../../protocol';
import type { Catalog } from '../../domain/catalog/procedure';
import type { CheckTries } from '../../domain/kiosk/receiptCheck';
import type { MotCuaDb } from './schema';

export type CodeCounter = { readonly date: string; readonly n: number };

/** The reference documents the device holds, with the version it got them at. */
export type Reference<T> = { readonly version: string; readonly body: T };

export type SyncMeta = {
  readonly lastSyncAt: number | null;
  readonly lastAttemptAt: number | null;
  readonly lastError: string | null;
  readonly lastErrorParams?: Readonly<Record<string, string | number>>;
  readonly clockOffsetMs: number | null;
  readonly pullProgress: { readonly done: number; readonly hasMore: boolean } | null;
};

export type MetaValues = {
  /** Dossiers with pulled events stored but no intake yet, so no projection to fold on from (applyRemote.ts). */
  eventsWithoutIntake: readonly string[];
  device: DeviceProfile;
  deviceSeq: number;
  codeCounter: CodeCounter;
  checkpoint: number;
  catalog: Reference<Catalog>;
  calendar: Reference<CalendarBundle>;
  users: Reference<UsersDoc>;
  sync: SyncMeta;
  storagePersisted: boolean;
  settings: { readonly formSet: 'tt01-2018' | 'tt03-2025'; readonly idleLockMinutes: number; readonly signer: string };
  /** Names of the commune's devices by id (its own from enrollment, the others from GET /devices when online). */
  deviceNames: { readonly names: Readonly<Record<string, string>>; readonly fetchedAt: number | null };
  /** The kiosk's manager PIN (kiosk/kioskPin.ts). */
  kioskPin: PinHash;
  /** SAT3: wrong receipt check codes in a row on this kiosk, and until when it refuses new ones. */
  kioskCheckTries: CheckTries;
};

export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(db: MotCuaDb, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

/** Several values in one request. */
export async function getMetas<K extends readonly MetaKey[]>(db: MotCuaDb, ...keys: K): Promise<{ [I in keyof K]: MetaValues[K[I]] | undefined }> {
  const rows = await db.meta.bulkGet([...keys]);
  return rows.map((r) => r?.value) as { [I in keyof K]: MetaValues[K[I]] | undefined };
}

export async function setMeta<K extends MetaKey>(db: MotCuaDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}

export const DEFAULT_SETTINGS: MetaValues['settings'] = { formSet: 'tt01-2018', idleLockMinutes: 5, signer: '' };
