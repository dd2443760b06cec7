/** DUE1: a procedure of the province's catalog, as the counter needs it. */
import type { IsoDate } from '../time/vnTime';

/** The legal processing time (thời hạn giải quyết). `sameDay`: within the day of receipt. */
export type ProcessingTime =
  { readonly unit: 'workingDays'; readonly amount: number } | { readonly unit: 'workingHours'; readonly amount: number } | { readonly unit: 'sameDay' };

/**
 * DUE3: when a dossier received late in the day starts counting from the next working day.
 * `closing`: received after the afternoon closing time (the default).
 * `at`: received at or after a fixed time, e.g. 15:00.
 * `beforeClosing`: received within `minutes` of the afternoon closing time.
 */
export type CutoffRule =
  { readonly kind: 'closing' } | { readonly kind: 'at'; readonly time: string } | { readonly kind: 'beforeClosing'; readonly minutes: number };

/** DUE4: what a supplement request does to the clock. */
export type SupplementPolicy = 'restart' | 'pause';

export type PaperKind = 'original' | 'certifiedCopy' | 'photocopy';

export type RequiredPaper = {
  readonly id: string;
  readonly name: string;
  readonly kind: PaperKind;
  readonly required: boolean;
};

export type Procedure = {
  /** Code in the national database of procedures, e.g. `1.001193`. */
  readonly code: string;
  /** The national portal's procedure code (MaTTHC); the connector holds back dossiers of a procedure without one. */
  readonly portalCode?: string;
  readonly name: string;
  /** Field (lĩnh vực) code, the row key of the period report. */
  readonly fieldCode: string;
  readonly processing: ProcessingTime;
  /** DUE1: a different limit for online submission, when the catalog sets one. */
  readonly onlineProcessing?: ProcessingTime;
  readonly cutoff: CutoffRule;
  readonly supplementPolicy: SupplementPolicy;
  readonly papers: readonly RequiredPaper[];
  /** Fee in đồng; 0 when free. */
  readonly feeVnd: number;
  /** Where the citizen collects the result (FRM3). */
  readonly resultAt?: string;
};

export type Field = { readonly code: string; readonly name: string };

/** The catalog is a versioned document that flows down from the upstream server. */
export type Catalog = {
  readonly version: string;
  readonly effectiveFrom: IsoDate;
  readonly fields: readonly Field[];
  readonly procedures: readonly Procedure[];
};

/** DUE1: the processing time that applies to a dossier: the online limit for online submission (channel 2) when the catalog sets one. */
export function processingFor(p: Pick<Procedure, 'processing' | 'onlineProcessing'>, channel: 1 | 2 | 3): ProcessingTime {
  return channel === 2 && p.onlineProcessing ? p.onlineProcessing : p.processing;
}
