/**
 * Whether the tablet is online: the browser's own flag, and the sync engine's last answer (a
 * tablet on a Wi-Fi without internet says online, but its last sync could not reach the server).
 */
import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { SyncEngine } from '../sync/engine';
import { createSyncState } from '../sync/syncState';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Component tests render screens without an engine: then only the browser's flag counts. */
const NO_ENGINE_STATE = createSyncState();

export function useOnline(engine: SyncEngine | undefined): boolean {
  const browserOnline = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  const unreachable = useStore(engine?.state ?? NO_ENGINE_STATE, (s) => s.lastResult?.kind === 'failed' && s.lastResult.error.key === 'sync:error.offline');
  return browserOnline && !unreachable;
}
