/**
 * The one place on the tablet where personal data at rest is sealed and opened: applicant fields,
 * free-text notes and file bytes (DESIGN "Personal data at rest"). Every writer of personal data
 * to IndexedDB calls seal*, every reader calls open*; nothing else touches the clear text on disk.
 * Rows written through Dexie are sealed by sealMiddleware.ts with the same data key.
 *
 * States: `none` – this device has no vault (a kiosk, or tests): values pass through
 * unchanged; `locked` – the device has a vault but nobody has opened it since the app started:
 * sealing and opening throw VaultLockedError; `open` – unlocked at sign-in with a user's PIN, the
 * data key is kept in memory until sign-out or reload (the idle lock keeps it).
 */
import { openRow, rowKeys, sealRow, type RowKeys } from './rowCrypto';

export type Vault = {
  /** Seal bytes (a file's content) for storage; the result is what goes into IndexedDB. */
  readonly sealBytes: (plain: Uint8Array) => Promise<Uint8Array>;
  readonly openBytes: (sealed: Uint8Array) => Promise<Uint8Array>;
  /** Seal a JSON value (personal fields of a payload or state). */
  readonly sealJson: (value: unknown) => Promise<Uint8Array>;
  readonly openJson: <T>(sealed: Uint8Array) => Promise<T>;
};

export type VaultState = 'none' | 'locked' | 'open';

export class VaultLockedError extends Error {
  constructor() {
    super('the personal data on this tablet is locked: sign in with your PIN');
    this.name = 'VaultLockedError';
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const NONCE_BYTES = 12;

const passThrough: Vault = {
  sealBytes: async (plain) => plain,
  openBytes: async (sealed) => sealed,
  sealJson: async (value) => enc.encode(JSON.stringify(value)),
  openJson: async <T>(sealed: Uint8Array) => JSON.parse(dec.decode(sealed)) as T,
};

const lockedVault: Vault = {
  sealBytes: () => Promise.reject(new VaultLockedError()),
  openBytes: () => Promise.reject(new VaultLockedError()),
  sealJson: () => Promise.reject(new VaultLockedError()),
  openJson: () => Promise.reject(new VaultLockedError()),
};

/** File bytes with WebCrypto AES-GCM: nonce(12) | ciphertext | tag. */
function webCryptoVault(fileKey: CryptoKey, rows: RowKeys): Vault {
  return {
    async sealBytes(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, fileKey, plain as Uint8Array<ArrayBuffer>));
      const out = new Uint8Array(NONCE_BYTES + body.length);
      out.set(iv);
      out.set(body, NONCE_BYTES);
      return out;
    },
    async openBytes(sealed) {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.subarray(0, NONCE_BYTES) as Uint8Array<ArrayBuffer> },
        fileKey,
        sealed.subarray(NONCE_BYTES) as Uint8Array<ArrayBuffer>,
      );
      return new Uint8Array(plain);
    },
    sealJson: async (value) => sealRow(rows, value),
    openJson: async <T>(sealed: Uint8Array) => openRow<T>(rows, sealed),
  };
}

let state: VaultState = 'none';
let current: Vault = passThrough;
let keys: RowKeys | null = null;

export function vault(): Vault {
  return current;
}

/** Installs the vault for this session (at sign-in); tests install their own. */
export function setVault(v: Vault): void {
  current = v;
}

export const vaultState = (): VaultState => state;

/** The row keys while open; null in `none`; throws while locked (sealMiddleware). */
export function rowKeysNow(): RowKeys | null {
  if (state === 'locked') throw new VaultLockedError();
  return keys;
}

/** The device has a vault that nobody has opened yet (app start on a tablet with a vault). */
export function markLocked(): void {
  state = 'locked';
  keys = null;
  current = lockedVault;
}

/** Opens the vault with the device's data key (32 bytes, unwrapped at sign-in: deviceKey.ts). */
export async function openWithDataKey(dataKey: Uint8Array): Promise<void> {
  const rows = rowKeys(dataKey);
  const fileRaw = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array([...enc.encode('mot-cua files v1'), ...dataKey])));
  const fileKey = await crypto.subtle.importKey('raw', fileRaw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  keys = rows;
  current = webCryptoVault(fileKey, rows);
  state = 'open';
}

/** Sign-out: the key leaves memory; the next user opens it again with their PIN. */
export function lockVault(): void {
  if (state === 'none') return;
  markLocked();
}

/** Back to `none` (tests, and a device reset). */
export function resetVault(): void {
  state = 'none';
  keys = null;
  current = passThrough;
}
