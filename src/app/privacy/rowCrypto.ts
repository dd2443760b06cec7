/**
 * Sealing of IndexedDB rows inside Dexie transactions. AES-256-GCM as WebCrypto does
 * it (12-byte random nonce, 16-byte tag after the ciphertext), but computed synchronously with
 * @noble/ciphers: an IndexedDB transaction commits as soon as the code awaits anything that is not
 * one of its own requests, and WebCrypto only answers with promises, so a record written together
 * with its event and outbox entry (DESIGN invariant 1) could not be sealed with it. File bytes,
 * sealed outside transactions, use WebCrypto (vault.ts). Blind index keys are made of HMAC-SHA256
 * under a separate key derived from the same data key (HKDF), so the index reveals equal prefixes only.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

export type RowKeys = {
  readonly enc: Uint8Array;
  /** HMAC state with the key already absorbed; cloned per key (keeps a blind key at two compressions). */
  readonly mac: ReturnType<typeof hmac.create>;
};

const VERSION = 1;
const NONCE_BYTES = 12;
const BLIND_BYTES = 9;
const enc = new TextEncoder();
const dec = new TextDecoder();

export function rowKeys(dataKey: Uint8Array): RowKeys {
  if (dataKey.length !== 32) throw new Error('the data key has 32 bytes');
  return {
    enc: hkdf(sha256, dataKey, undefined, enc.encode('mot-cua rows v1'), 32),
    mac: hmac.create(sha256, hkdf(sha256, dataKey, undefined, enc.encode('mot-cua blind index v1'), 32)),
  };
}

/** version(1) | nonce(12) | AES-GCM(JSON) with its tag. */
export function sealRow(k: RowKeys, value: unknown): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const body = gcm(k.enc, nonce).encrypt(enc.encode(JSON.stringify(value)));
  const out = new Uint8Array(1 + NONCE_BYTES + body.length);
  out[0] = VERSION;
  out.set(nonce, 1);
  out.set(body, 1 + NONCE_BYTES);
  return out;
}

export function openRow<T>(k: RowKeys, sealed: Uint8Array): T {
  if (sealed[0] !== VERSION) throw new Error(`unknown sealed row version ${sealed[0]}`);
  const plain = gcm(k.enc, sealed.subarray(1, 1 + NONCE_BYTES)).decrypt(sealed.subarray(1 + NONCE_BYTES));
  return JSON.parse(dec.decode(plain)) as T;
}

function base64url(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Blind index keys of the first format (one key per prefix) started with this character; see legacyBlindKeysLeft in blindSearch.ts. */
export const BLIND_PREFIX = '~';

/** The first format: one key per prefix of a term (kept to find rows sealed before the chained keys, until they are re-sealed). */
export function blindKey(k: RowKeys, key: string): string {
  return BLIND_PREFIX + macOf(k, key, BLIND_BYTES);
}

/** The first `bytes` bytes of the blind-index HMAC of `text`, in base64url. */
const macOf = (k: RowKeys, text: string, bytes: number): string => base64url(k.mac.clone().update(enc.encode(text)).digest().subarray(0, bytes));

/** Chained blind keys start with this character; the clear keys (dossier codes) never do. */
export const CHAIN_PREFIX = '^';
/** Characters of a term a chained key covers; a longer query is checked on the opened rows. */
export const CHAIN_MAX = 12;

/**
 * One index key for a whole term whose every prefix is a string prefix of it: link i is the HMAC
 * of the term's first i characters, so `chainKey(q)` starts `chainKey(t)` whenever t starts with
 * q. A term costs one index entry instead of one per prefix; the index reveals which terms share
 * how many first characters, as the keys per prefix did.
 */
export function chainKey(k: RowKeys, term: string): string {
  const n = Math.min(term.length, CHAIN_MAX);
  const bytes = enc.encode(term.slice(0, n));
  // a term of one-byte characters: the i-character prefix is the first i bytes (else each prefix is encoded)
  const prefix = bytes.length === n ? (i: number) => bytes.subarray(0, i) : (i: number) => enc.encode(term.slice(0, i));
  const scratch = k.mac.clone();
  const digest = new Uint8Array(32);
  let out = CHAIN_PREFIX;
  for (let i = 1; i <= n; i++) {
    // the keyed state copied into one scratch HMAC per term, not a new one per link
    k.mac._cloneInto(scratch).update(prefix(i)).digestInto(digest);
    out += base64url3(digest);
  }
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * A link: the HMAC's first 3 bytes in base64url, four characters with no padding (two different
 * prefixes share a link one time in 2^24).
 */
function base64url3(b: Uint8Array): string {
  const v = (b[0]! << 16) | (b[1]! << 8) | b[2]!;
  return B64URL[v >> 18]! + B64URL[(v >> 12) & 63]! + B64URL[(v >> 6) & 63]! + B64URL[v & 63]!;
}

/** A blind index key of either format (never a clear key). */
export const isBlindKey = (key: string): boolean => key.startsWith(CHAIN_PREFIX) || key.startsWith(BLIND_PREFIX);
