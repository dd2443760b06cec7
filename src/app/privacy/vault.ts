/**
 * The one place on the tablet where personal data at rest is sealed and opened: applicant fields,
 * free-text notes and file bytes (DESIGN "Personal data at rest"). Every writer of personal data
 * to IndexedDB calls seal*, every reader calls open*; nothing else touches the clear text on disk.
 *
 * SEAM: this first version passes bytes through unchanged so the file store (digitisation) and the
 * encryption work can proceed in parallel; the personal-data work replaces the body with AES-GCM
 * under the per-device data key (unwrapped at sign-in) without changing these signatures.
 */
export type Vault = {
  /** Seal bytes (a file's content) for storage; the result is what goes into IndexedDB. */
  readonly sealBytes: (plain: Uint8Array) => Promise<Uint8Array>;
  readonly openBytes: (sealed: Uint8Array) => Promise<Uint8Array>;
  /** Seal a JSON value (personal fields of a payload or state). */
  readonly sealJson: (value: unknown) => Promise<Uint8Array>;
  readonly openJson: <T>(sealed: Uint8Array) => Promise<T>;
};

const enc = new TextEncoder();
const dec = new TextDecoder();

let current: Vault = {
  sealBytes: async (plain) => plain,
  openBytes: async (sealed) => sealed,
  sealJson: async (value) => enc.encode(JSON.stringify(value)),
  openJson: async <T,>(sealed: Uint8Array) => JSON.parse(dec.decode(sealed)) as T,
};

export function vault(): Vault {
  return current;
}

/** Installs the vault for this session (at sign-in); tests install their own. */
export function setVault(v: Vault): void {
  current = v;
}
