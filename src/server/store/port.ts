/**
 * The storage port of the server core. One implementation (sqlStore.ts) runs the same SQL on
 * PGlite and PostgreSQL. Every method that touches dossier data takes the commune id: no query
 * crosses communes.
 */
import type { DossierEvent } from '../../domain/dossier/events';
import type { DeviceRole, DeviceStatus, DeviceInfo, KioskDossier, PulledEvent, PushResult } from '../../protocol/messages';
import type { PinHash, ReferenceBodies, ReferenceVersions, UserRole, UserVault } from '../../protocol/reference';

export type Commune = { readonly id: string; readonly name: string; readonly agencyCode: string };

export type Device = {
  readonly id: string;
  readonly communeId: string;
  /** The commune's agency code (SYNC3: the dossier codes its events may carry), read with the device. */
  readonly agencyCode: string;
  readonly name: string;
  readonly role: DeviceRole;
  readonly codeSlot: number | null;
  readonly exportKey: string;
  readonly revokedAt: number | null;
};

/** `pin` null: an upstream-only user, unknown to every tablet. `vault` absent: a PIN set before PINs had vault keys (the tablet asks for a new one). */
export type NewUser = {
  readonly id: string;
  readonly communeId: string;
  readonly name: string;
  readonly role: UserRole;
  readonly pin: PinHash | null;
  readonly vault?: UserVault | null;
};

export type PublishableKind = 'catalog' | 'calendar';
export type StoredReference<K extends keyof ReferenceBodies> = { readonly version: string; readonly publishedAt: number; readonly body: ReferenceBodies[K] };

export type Redeem = {
  readonly codeHash: string;
  readonly tokenHash: string;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly exportKey: string;
  readonly appVersion: string;
  readonly now: number;
};

export interface Store {
  isEmpty(): Promise<boolean>;
  createCommune(c: Commune, now: number): Promise<void>;
  commune(id: string): Promise<Commune | null>;
  listCommunes(): Promise<Commune[]>;
  /** SAT3: the commune's secret for receipt check codes; null for an unknown commune. */
  receiptKey(communeId: string): Promise<string | null>;
  /** SAT4: intake time of each of these dossiers the server has (codes without an intake are absent). */
  intakeTimes(communeId: string, codes: readonly string[]): Promise<Map<string, number>>;
  upsertUser(u: NewUser, now: number): Promise<void>;
  setUserActive(id: string, active: boolean, now: number): Promise<boolean>;

  issueEnrollmentCode(c: { codeHash: string; communeId: string; role: DeviceRole; now: number; expiresAt: number }): Promise<void>;
  /**
   * Uses a valid code once and creates its device, with the lowest free numbering slot for
   * counters and supervisors. 'noCode': unknown, used or expired; 'noSlot': all 99 slots taken.
   */
  redeemEnrollmentCode(r: Redeem): Promise<Device | 'noCode' | 'noSlot'>;
  deviceByTokenHash(tokenHash: string): Promise<Device | null>;
  device(id: string): Promise<Device | null>;
  revokeDevice(id: string, now: number): Promise<boolean>;
  recordStatus(deviceId: string, status: DeviceStatus, now: number): Promise<void>;
  listDevices(communeId: string): Promise<DeviceInfo[]>;

  /**
   * Stores the events of one commune in ONE transaction: each id once (a repeat is `duplicate`,
   * a different event under a taken id is rejected `conflict`), server sequence numbers assigned
   * in commit order per commune, and the dossier projections refolded. Results in input order.
   */
  appendEvents(communeId: string, events: readonly DossierEvent[], now: number): Promise<PushResult[]>;
  eventsAfter(communeId: string, after: number, limit: number): Promise<PulledEvent[]>;
  /** Dossiers whose latest event is after `after`, by that event's server sequence. */
  kioskDossiersAfter(communeId: string, after: number, limit: number): Promise<{ serverSeq: number; dossier: KioskDossier }[]>;
  countEvents(communeId?: string): Promise<number>;

  publishReference<K extends PublishableKind>(communeId: string | null, kind: K, version: string, body: ReferenceBodies[K], now: number): Promise<void>;
  reference<K extends PublishableKind>(communeId: string, kind: K): Promise<StoredReference<K> | null>;
  usersDoc(communeId: string): Promise<StoredReference<'users'> | null>;
  referenceVersions(communeId: string, withUsers: boolean): Promise<ReferenceVersions>;

  close(): Promise<void>;
}
