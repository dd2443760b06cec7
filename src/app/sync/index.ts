/** What the supervisor's screens take from the sync engine (the rest imports its modules directly). */
export { listOutbox, type OutboxRow } from './outbox';
export { errorKeyOf, type ErrorKey } from './retryPolicy';
export { deviceStatus } from './status';
