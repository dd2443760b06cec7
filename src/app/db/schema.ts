/**
 * The device's IndexedDB (Dexie). The event log is the truth; `dossiers` is its projection
 * (the folded state plus the keys the screens query); `outbox` holds this device's events until
 * the server has them. A local action writes all three in one strict transaction (events.ts).
 */
import Dexie, { type Table } from 'dexie';
import type { DossierEvent } from '../../domain/dossier/events';
import type { DossierState, DossierStatus } from '../../domain/dossier/state';
import type { AggregateChange, AggregateRow } from '../../domain/stats/bieu06Aggregates';
import type { OpenDayChange, OpenDayRow } from '../../domain/timeliness/openByDay';
import { MIGRATIONS } from './migrations';
import { sealMiddleware } from '../privacy/sealMiddleware';
import type { CaptureRow, FileBytesRow, StoredFile } from '../files/storeTypes';
import type { AccessLogRow } from '../privacy/accessLog';

export type StoredEvent = DossierEvent & {
  /** The server's sequence once known (pulled, or acknowledged after a push). */
  readonly serverSeq?: number;
  /**
   * This device's own event: its deviceSeq, indexed so a push reads a batch in one request. Events
   * of other devices have none, so the index costs nothing on a pull.
   */
  readonly ownSeq?: number;
};

export type DossierRow = {
  readonly id: string;
  readonly state: DossierState;
  readonly status: DossierStatus;
  /** 1 while the dossier is open (not ended), else 0; IndexedDB cannot index booleans. */
  readonly open: 0 | 1;
  /** The running legal due date (domain timeliness/judge.ts `runningDueAt`: TIM2, DUE4, APO2); MAX_DUE when there is none. */
  readonly due: number;
  readonly receivedAt: number;
  readonly fieldCode: string;
  readonly receivedBy: string;
  /** Folded search keys: the name from each word on, the code, the ID number, the phone. */
  readonly keys: readonly string[];
  readonly conflict: 0 | 1;
  /** When the citizen rated it; absent (so not indexed) until then. */
  readonly ratedAt?: number;
};

export type OutboxState = 'pending' | 'sending' | 'failed';

/** One event of this device the server has not confirmed yet. Confirmed items are deleted. */
export type OutboxItem = {
  readonly eventId: string;
  readonly deviceSeq: number;
  readonly dossierId: string;
  readonly createdAt: number;
  readonly state: OutboxState;
  readonly attempts: number;
  /** i18n key of the last failure (errors:...), with its parameters. */
  readonly lastError: string | null;
  readonly lastErrorParams?: Readonly<Record<string, string | number>>;
  /** A rejected item is permanent: it waits for a person (retry or export), never vanishes. */
  readonly permanent: boolean;
};

export type MetaRow = { readonly key: string; readonly value: unknown };

/** What one local action changed in the kept rows, until it is folded into them (keptJournal.ts). */
export type KeptChangesRow = { readonly seq?: number; readonly aggregates: readonly AggregateChange[]; readonly openDays: readonly OpenDayChange[] };

/** A half-filled form, kept so a reload or an app update loses nothing. */
export type Draft = { readonly id: string; readonly userId: string; readonly updatedAt: number; readonly data: unknown };

/** Ratings and kiosk-safe dossier summaries on a kiosk (PD3: no personal data). */
export type KioskDossierRow = {
  readonly code: string;
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly officerId: string;
  readonly status: DossierStatus;
  readonly receivedAt: number;
  readonly dueAt: number | null;
  readonly effectiveDueAt: number | null;
  readonly rated: 0 | 1;
  /** DUE4: when the papers the citizen owes were asked for (absent on rows from older servers). */
  readonly supplementRequestedAt?: number | null;
};

export const MAX_DUE = 8_640_000_000_000_000;

export class MotCuaDb extends Dexie {
  events!: Table<StoredEvent, string>;
  dossiers!: Table<DossierRow, string>;
  outbox!: Table<OutboxItem, string>;
  meta!: Table<MetaRow, string>;
  drafts!: Table<Draft, string>;
  kioskDossiers!: Table<KioskDossierRow, string>;
  /** Biểu 06 per month and field (domain/stats/bieu06Aggregates); with keptChanges, equal to a rebuild after every projection write. */
  reportAggregates!: Table<AggregateRow, string>;
  /** Open dossiers per promised day, field and officer (domain/timeliness/openByDay), for the late list. */
  openDays!: Table<OpenDayRow, string>;
  /** Local actions' changes to those two, not folded in yet: readers add them (keptJournal.ts). */
  keptChanges!: Table<KeptChangesRow, number>;
  /** DIG1: digitised files known here, their upload state and thumbnail (files/fileStore.ts). */
  files!: Table<StoredFile, string>;
  /** The sealed bytes of those files, apart so lists never load them. */
  fileBytes!: Table<FileBytesRow, string>;
  /** Papers captured for an intake not saved yet. */
  captures!: Table<CaptureRow, string>;
  /** PD4: this device's access records until the server has them (privacy/accessLog.ts). */
  accessLog!: Table<AccessLogRow, string>;

  constructor(name: string) {
    // Strict: the outbox must be on disk when the officer is told "saved": a relaxed commit could still be lost in a crash.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    for (const m of MIGRATIONS) {
      const v = this.version(m.version).stores(m.stores);
      if (m.upgrade) v.upgrade(m.upgrade);
    }
    // personal data is sealed on its way to disk
    this.use(sealMiddleware);
  }
}

export const DEFAULT_DB_NAME = 'mot-cua';

export function openDb(name = DEFAULT_DB_NAME): MotCuaDb {
  return new MotCuaDb(name);
}
