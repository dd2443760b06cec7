/**
 * The connector's port: what a portal's format must do (map a dossier, send a batch), so another
 * province's system can be added beside the national portal's (dvcqg/). The queue and the worker
 * know nothing of any format.
 */
import type { DossierEvent } from '../../domain/dossier/events';
import type { DossierState } from '../../domain/dossier/state';

/** A digitised paper or result of a dossier (the digitisation issue's file store names it by SHA-256). */
export type PortalFile = { readonly paperCode: string; readonly sha256: string; readonly name: string };
/** The same with a signed, expiring download link the portal fetches it from. */
export type LinkedFile = PortalFile & { readonly url: string };

/** Everything a format needs to map one dossier. */
export type MappingInput = {
  readonly state: DossierState;
  /** The dossier's events (steps and supplement rounds come from them). */
  readonly events: readonly DossierEvent[];
  /** The portal's procedure code (from the catalog); null when the catalog has none. */
  readonly portalCode: string | null;
  readonly fieldName: string | null;
  /** The processing agency: the commune's name. */
  readonly agencyName: string;
  /** Officers' names by user id (steps name who acted). */
  readonly actorNames: ReadonlyMap<string, string>;
  readonly papers: readonly LinkedFile[];
  readonly results: readonly LinkedFile[];
};

export type Step = { readonly id: string; readonly payload: unknown };
/** One dossier ready for a format's calls: the dossier payload, its hash (to skip unchanged resends), its steps. */
export type Prepared = { readonly code: string; readonly hash: string; readonly dossier: unknown; readonly steps: readonly Step[] };
export type PrepareResult = { readonly ok: true; readonly value: Prepared } | { readonly ok: false; readonly errorCode: string; readonly message: string };

export type OutboundItem = {
  readonly prepared: Prepared;
  /** The portal already has the dossier (an update rather than a first send). */
  readonly onPortal: boolean;
  /** The dossier changed since the portal last accepted it. */
  readonly sendDossier: boolean;
  /** Steps the portal has not accepted yet. */
  readonly newSteps: readonly Step[];
};

/** One call to the portal and its answer, recorded for each dossier of the call. */
export type CallRecord = {
  readonly service: string;
  readonly codes: readonly string[];
  readonly outcome: 'accepted' | 'refused' | 'failed';
  readonly httpStatus: number | null;
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly durationMs: number;
};

export type SendOutcome =
  | { readonly kind: 'accepted'; readonly calls: readonly CallRecord[] }
  /** The portal refused the batch (`error_code` not zero). `onPortal`: its dossiers were stored before a later call was refused. */
  | { readonly kind: 'refused'; readonly errorCode: string; readonly message: string; readonly onPortal: boolean; readonly calls: readonly CallRecord[] }
  /** Not the dossiers' fault (timeout, 5xx, malformed answer, no session): retry later. */
  | { readonly kind: 'failed'; readonly message: string; readonly calls: readonly CallRecord[] };

export interface PortalFormat {
  readonly name: string;
  /** Pure: the dossier in this format, or why it cannot be sent (e.g. a procedure without a portal code). */
  prepare(input: MappingInput): PrepareResult;
  /** Sends a batch (calls stop when `signal` aborts). */
  send(items: readonly OutboundItem[], signal: AbortSignal): Promise<SendOutcome>;
}

/** Lists a dossier's digitised papers and results (the digitisation issue's file store plugs in here). */
export interface DossierFiles {
  filesOf(communeId: string, codes: readonly string[]): Promise<Map<string, { papers: PortalFile[]; results: PortalFile[] }>>;
}

export const NO_FILES: DossierFiles = { filesOf: async () => new Map() };
