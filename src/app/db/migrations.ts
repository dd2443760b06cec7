/**
 * Named, versioned schema migrations. Never edit or remove a shipped entry (Dexie needs the old
 * declarations to upgrade an old database); add a new one. Each has a before/after test in tests/app/db.
 */
import type { Transaction } from 'dexie';
import { computeAggregates } from '../../domain/stats/bieu06Aggregates';
import { computeOpenDays } from '../../domain/timeliness/openByDay';
import type { DossierState } from '../../domain/dossier/state';
import type { DossierEvent } from '../../domain/dossier/events';
import { foldDossier } from '../../domain/dossier/fold';
import { toRow } from './projection';
import { searchKeys } from './projection';
import { codeSearchKeys } from '../../domain/dossier/codes';
import { BLIND_PREFIX, isBlindKey } from '../privacy/rowCrypto';
import { SWEEP_META, type SweepPosition } from '../privacy/sweep';

export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly stores: Record<string, string | null>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
};

/** Every dossier's folded state, for a migration that builds kept numbers from them. */
async function storedStates(tx: Transaction): Promise<DossierState[]> {
  const states: DossierState[] = [];
  await tx.table('dossiers').each((row: { state: DossierState }) => {
    states.push(row.state);
  });
  return states;
}

/** A state stored before version 7 whose events are not on the device: its rounds take the due date it has. */
function withRoundDueDates(s: DossierState): DossierState {
  return {
    ...s,
    supplements: s.supplements.map((r, i) => {
      const old: Partial<typeof r> = r;
      return {
        ...r,
        dueAtBefore: old.dueAtBefore !== undefined ? old.dueAtBefore : i === 0 && s.intakeOutcome === 'incomplete' ? null : s.dueAt,
        dueAtAfter: old.dueAtAfter !== undefined ? old.dueAtAfter : r.receivedAt !== null ? s.dueAt : null,
      };
    }),
  };
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
      const readable = states.filter((s) => {
        try {
          computeAggregates([s]);
          return true;
        } catch {
          return false;
        }
      });
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
      await tx
        .table('dossiers')
        .toCollection()
        .modify((row: { state?: DossierState; ratedAt?: number }) => {
          if (row.state?.rating) row.ratedAt = row.state.rating.at;
        });
    },
  },
  {
    version: 7,
    name: 'REP1a/DUE4/IND1: states refolded (supplement rounds keep their due dates), rows keyed by the running legal due date, kept numbers rebuilt',
    stores: {},
    upgrade: async (tx) => {
      const byDossier = new Map<string, DossierEvent[]>();
      await tx.table('events').each((e: DossierEvent) => {
        const list = byDossier.get(e.dossierId);
        if (list) list.push(e);
        else byDossier.set(e.dossierId, [e]);
      });
      const rows = [];
      for (const state of await storedStates(tx)) {
        // One unreadable old row must not keep the officer out of the app: it stays as it was, out of the kept numbers.
        try {
          const events = byDossier.get(state.id);
          // a stored row without its events (never expected) keeps its state, the rounds given the due date known
          const s = (events && foldDossier(events)) || withRoundDueDates(state);
          const row = toRow(s);
          computeAggregates([s]);
          rows.push(row);
        } catch {
          /* left as stored */
        }
      }
      await tx.table('dossiers').bulkPut(rows);
      const states = rows.map((r) => r.state);
      await tx.table('reportAggregates').clear();
      await tx.table('reportAggregates').bulkPut([...computeAggregates(states).values()]);
      await tx.table('openDays').clear();
      await tx.table('openDays').bulkPut(computeOpenDays(states));
    },
  },
  {
    version: 9,
    name: 'digitised files: metadata with upload state, sealed bytes apart, captures of unsaved intakes',
    stores: { files: 'sha256, uploadKind, *dossierIds, origin', fileBytes: 'sha256', captures: 'key, draftKey' },
  },
  {
    version: 10,
    name: 'personal data sealed at rest: clear rows of older versions are marked to be encrypted at the next sign-in',
    stores: {},
    // No key exists while the database opens (nobody has typed a PIN yet), so the upgrade only
    // records that every table must be swept; privacy/sweep.ts seals the rows after the next
    // sign-in, one transaction per batch. Until then the rows stay readable as they were.
    upgrade: async (tx) => {
      const counts = await Promise.all(['events', 'dossiers', 'drafts'].map((t) => tx.table(t).count()));
      if (counts.some((n) => n > 0)) await tx.table('meta').put({ key: 'privacy.sweep', value: { table: 'events', after: null } });
    },
  },
  {
    version: 12,
    name: 'dossiers found by any part of their code (261201-1001, 261201, 1001): search keys rebuilt',
    stores: {},
    upgrade: async (tx) => {
      await tx
        .table('dossiers')
        .toCollection()
        .modify((row: { state?: DossierState; keys?: string[] }) => {
          if (!row.state || typeof row.state.code !== 'string') return;
          // a sealed row has no applicant in its stored state: its blind keys stay, its code keys are made anew
          row.keys = row.state.applicant ? searchKeys(row.state) : [...codeSearchKeys(row.state.code), ...(row.keys ?? []).filter(isBlindKey)];
        });
    },
  },
  {
    version: 13,
    name: 'events without the serverSeq index (nothing queries by it; every push and pull wrote it)',
    stores: { events: 'id, dossierId' },
  },
  {
    version: 14,
    name: 'PD4 access log: who opened, printed or exported which dossiers, kept until the server confirms each record',
    stores: { accessLog: 'id, state' },
  },
  {
    version: 15,
    name: 'blind index in chained keys (one key per term, not one per prefix): sealed dossiers re-sealed after the next sign-in',
    stores: {},
    // The keys need the data key, which nobody has while the database opens: the sweep re-seals the
    // dossiers after the next sign-in (privacy/sweep.ts), and search finds the old keys until then.
    upgrade: async (tx) => {
      const meta = tx.table('meta');
      const pending = (await meta.get(SWEEP_META))?.value as SweepPosition | undefined;
      if (pending?.table === 'events') await meta.put({ key: SWEEP_META, value: { ...pending, resealDossiers: true } });
      else if ((await tx.table('dossiers').where('keys').startsWith(BLIND_PREFIX).count()) > 0) {
        await meta.put({ key: SWEEP_META, value: { table: 'dossiers', after: null, resealDossiers: true } satisfies SweepPosition });
      }
    },
  },
  {
    version: 16,
    name: 'kept counts journal: a local action appends its changes to the kept rows, folded into them later',
    stores: { keptChanges: '++seq' },
  },
  {
    version: 17,
    name: "own events indexed by their device sequence (ownSeq, absent on other devices' events): a push reads its batch in one request",
    stores: { events: 'id, dossierId, ownSeq' },
  },
];
