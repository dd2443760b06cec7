/** What the sync engine is doing right now, for the screens (in memory; the lasting facts are in meta 'sync'). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReferenceKind } from '../../protocol';
import type { ErrorKey } from './retryPolicy';

export type SyncPhase = 'idle' | 'push' | 'pull' | 'reference';

export type RunResult =
  | {
      readonly kind: 'synced';
      readonly pushed: number;
      readonly rejected: number;
      readonly stuck: number;
      readonly pulled: number;
      readonly reference: readonly ReferenceKind[];
      readonly at: number;
    }
  | { readonly kind: 'skipped'; readonly reason: 'busy' | 'notEnrolled' | 'locked' }
  | { readonly kind: 'failed'; readonly error: ErrorKey; readonly retry: boolean; readonly delayMs: number | null };

export type SyncUiState = {
  readonly running: boolean;
  readonly phase: SyncPhase;
  /** This run: events the server now has, and rows pulled so far (a large first sync streams in pages). */
  readonly pushed: number;
  readonly pulled: number;
  readonly hasMore: boolean;
  /** Consecutive failed runs (drives the backoff). */
  readonly failures: number;
  /** When the timer runs next; null when nothing is scheduled (stopped, or a failure only a person can fix). */
  readonly nextRunAt: number | null;
  readonly lastResult: RunResult | null;
};

export const IDLE_STATE: SyncUiState = { running: false, phase: 'idle', pushed: 0, pulled: 0, hasMore: false, failures: 0, nextRunAt: null, lastResult: null };

export function createSyncState(): StoreApi<SyncUiState> {
  return createStore<SyncUiState>()(() => IDLE_STATE);
}
