/**
 * PD4, DIG1: when the tablet may drop a file's bytes (keeping its thumbnail). Invariant 1: a
 * file the server has not confirmed is never dropped. A file this tablet captured is dropped once
 * confirmed and every dossier it belongs to has been closed for the retention period (default
 * 30 days); a file fetched from the server for viewing is a cache entry, dropped least recently
 * opened first when the cache is over its bound.
 */
import type { DossierState } from '../dossier/state';
import type { Instant } from '../time/vnTime';
import type { UploadState } from './uploadState';

export const DEFAULT_RETENTION_DAYS = 30;
/** Files fetched for viewing kept on the tablet (bytes), oldest opened dropped first. */
export const DEFAULT_VIEW_CACHE_BYTES = 200 * 1024 * 1024;
/** Warn the officer when the origin uses this share of its quota. */
export const STORAGE_WARN_SHARE = 0.8;
/** Refuse new captures above this share, so the quota never breaks a transaction. */
export const STORAGE_REFUSE_SHARE = 0.95;

const DAY_MS = 86_400_000;

export type StoredFileFacts = {
  /** 'local': captured here; 'remote': fetched from the server to be viewed. */
  readonly origin: 'local' | 'remote';
  readonly upload: UploadState;
  readonly hasBytes: boolean;
};

/** A captured file's bytes may go: confirmed, and closed for `retentionDays` in every dossier that has it. */
export function mayDropCaptured(
  f: StoredFileFacts,
  dossiers: readonly (DossierState | undefined)[],
  now: Instant,
  retentionDays = DEFAULT_RETENTION_DAYS,
): boolean {
  if (!f.hasBytes || f.upload.kind !== 'confirmed') return false;
  if (f.origin === 'remote') return true;
  if (dossiers.length === 0) return false;
  return dossiers.every((d) => d !== undefined && d.endedAt !== null && now - d.endedAt >= retentionDays * DAY_MS);
}

export type CacheEntry = { readonly sha256: string; readonly size: number; readonly lastOpenedAt: Instant };

/** The viewing-cache entries to drop, least recently opened first, until the rest fits `maxBytes`. */
export function cacheToEvict(entries: readonly CacheEntry[], maxBytes = DEFAULT_VIEW_CACHE_BYTES): string[] {
  let total = entries.reduce((n, e) => n + e.size, 0);
  const out: string[] = [];
  for (const e of [...entries].sort((a, b) => a.lastOpenedAt - b.lastOpenedAt || (a.sha256 < b.sha256 ? -1 : 1))) {
    if (total <= maxBytes) break;
    out.push(e.sha256);
    total -= e.size;
  }
  return out;
}

export type StorageLevel = 'ok' | 'warn' | 'full';

/** From navigator.storage.estimate(): 'warn' at 80 %, 'full' when `extraBytes` more would pass 95 %. */
export function storageLevel(usage: number, quota: number, extraBytes = 0): StorageLevel {
  if (!(quota > 0)) return 'ok'; // no estimate: the transaction's own error is the last guard
  if (usage + extraBytes > quota * STORAGE_REFUSE_SHARE) return 'full';
  if (usage >= quota * STORAGE_WARN_SHARE) return 'warn';
  return 'ok';
}
