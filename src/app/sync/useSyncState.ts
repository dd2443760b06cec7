/** The engine's live state in a component: `useSyncState(engine, (s) => s.running)`. */
import { useStore } from 'zustand';
import type { SyncEngine } from './engine';
import type { SyncUiState } from './syncState';

export function useSyncState<U>(engine: SyncEngine, selector: (s: SyncUiState) => U): U {
  return useStore(engine.state, selector);
}
