/**
 * Named, versioned schema migrations. Never edit or remove a shipped entry (Dexie needs the old
 * declarations, tech.md §5); add a new one. Each has a before/after test in tests/app/db.
 */
import type { Transaction } from 'dexie';
import { computeAggregates } from '../../domain/stats/bieu06Aggregates';
import { computeOpenDays } from '../../domain/timeliness/openByDay';
import type { DossierState } from '../../domain/dossier/state';

export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly stores: Record<string, string | null>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
};

/** Every dossier's folded state, for a migration that builds kept numbers from them. */
async function storedStates(tx: Transaction): Promise<DossierState[]> {
  const states: DossierState[] = [];
  await tx.table('dossiers').each((row: { state: DossierState }) => { states.push(row.state); });
  return states;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial: event log, projection, outbox, meta, drafts',
    stores: {
      events: 'id, dossierId, serverSeq',
      dossiers: 'id, [open+due+id], [status+due+id], *keys, receivedAt, conflict',
      outbox: 'eventId, deviceSeq, state',
      meta: 'key',
      drafts: 'id, userId',
    },
  },
  {
    version: 2,
    name: 'kiosk dossier summaries, and closed dossiers listed by receipt date',
    stores: {
      kioskDossiers: 'code, rated',
      dossiers: 'id, [open+due+id], [status+due+id], [open+receivedAt+id], *keys, receivedAt, conflict',
    },
  },
  {
    version: 3,
    name: 'conflicts listed by due date (the conflicts tab pages like the others)',
    stores: {
      dossiers: 'id, [open+due+id], [status+due+id], [open+receivedAt+id], [conflict+due+id], *keys, receivedAt',
    },
  },
  {
    version: 4,
    name: 'Biểu 06 aggregates per month and field, built from the stored dossiers',
    stores: { reportAggregates: 'key, [mode+month]' },
    upgrade: async (tx) => {
      const states = await storedStates(tx);
      // One unreadable old row must not keep the officer out of the app: it is left out of the
      // aggregates (the supervisor's rebuild counts it again once it folds).
      const readable = states.filter((s) => { try { computeAggregates([s]); return true; } catch { return false; } });
      await tx.table('reportAggregates').bulkPut([...computeAggregates(readable).values()]);
    },
  },
  {
    version: 5,
    name: 'open dossiers counted per promised day, field and officer (the late list), built from the stored dossiers',
    stores: { openDays: 'key, day' },
    upgrade: async (tx) => {
      const states = await storedStates(tx);
      await tx.table('openDays').bulkPut(computeOpenDays(states.filter((s) => s && typeof s.fieldCode === 'string')));
    },
  },
  {
    version: 6,
    name: 'rated dossiers listed by rating time (satisfaction and indicators without reading every dossier)',
    stores: { dossiers: 'id, [open+due+id], [status+due+id], [open+receivedAt+id], [conflict+due+id], *keys, receivedAt, ratedAt' },
    upgrade: async (tx) => {
      await tx.table('dossiers').toCollection().modify((row: { state?: DossierState; ratedAt?: number }) => {
        if (row.state?.rating) row.ratedAt = row.state.rating.at;
      });
    },
  },
  {
    version: 13,
    name: 'events without the serverSeq index (nothing queries by it; every push and pull wrote it)',
    stores: { events: 'id, dossierId' },
  },
];
