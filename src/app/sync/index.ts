/** The client sync engine: what the rest of the app uses. */
export { createSyncEngine, type SyncEngine, type SyncEngineOptions, type Timers } from './engine';
export { enrollDevice, normaliseEnrollCode, type EnrollInput } from './enroll';
export { retryFailed, listOutbox, type OutboxRow } from './outbox';
export { buildOutboxFile, downloadOutboxFile, exportOutbox, outboxFileName } from './exportOutbox';
export { clockWarning, clockWarningMessage, CLOCK_TOLERANCE_MS, type ClockWarning } from './clock';
export { decideRetry, errorKeyOf, type ErrorKey, type RetryDecision } from './retryPolicy';
export { deviceStatus, pendingSummary } from './status';
export { defaultLock, processLock, webLock, SYNC_LOCK_NAME, type SyncLock } from './lock';
export type { RunResult, SyncPhase, SyncUiState } from './syncState';
export { useSyncState } from './useSyncState';
export { SyncPanel } from './SyncPanel';
