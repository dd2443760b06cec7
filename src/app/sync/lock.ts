/**
 * Never two sync runs at once. In the browser the Web Locks API holds across tabs of the origin;
 * elsewhere (tests, old browsers) a flag per database name holds within this JavaScript realm.
 */
import { DEFAULT_DB_NAME } from '../db/schema';

export const SYNC_LOCK_NAME = 'mot-cua-sync';

/** Runs `work` while holding the lock, or resolves `null` at once when someone else holds it. */
export type SyncLock = <T>(work: () => Promise<T>) => Promise<T | null>;

type LockManagerLike = {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
};

function lockManager(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

/** Web Locks across tabs: `ifAvailable`, so a second tab skips instead of queueing behind the first. */
export function webLock(locks: LockManagerLike, name: string = SYNC_LOCK_NAME): SyncLock {
  return (work) => locks.request(name, { ifAvailable: true }, async (lock) => (lock ? work() : null));
}

const held = new Set<string>();

/** In-process flag, keyed by name (the database name, so two engines on one database exclude each other). */
export function processLock(name: string = SYNC_LOCK_NAME): SyncLock {
  return async (work) => {
    if (held.has(name)) return null;
    held.add(name);
    try {
      return await work();
    } finally {
      held.delete(name);
    }
  };
}

/** The lock's name for a database: `mot-cua-sync` for the app's own, suffixed for any other. */
export function lockNameFor(dbName: string): string {
  return dbName === DEFAULT_DB_NAME ? SYNC_LOCK_NAME : `${SYNC_LOCK_NAME}:${dbName}`;
}

/** The browser's lock when there is one, else the in-process flag. */
export function defaultLock(dbName: string): SyncLock {
  const locks = lockManager();
  return locks ? webLock(locks, lockNameFor(dbName)) : processLock(lockNameFor(dbName));
}
