/**
 * PD3: what a kiosk may show about a dossier: its code, procedure, status and appointment date.
 * Nothing else exists on the kiosk to show; this picks and groups it for a citizen.
 */
import type { DossierStatus } from '../dossier/state';

export type KioskDossierFacts = {
  readonly code: string;
  readonly procedureName: string;
  readonly status: DossierStatus;
  readonly dueAt: number | null;
  readonly effectiveDueAt: number | null;
  readonly supplementRequestedAt?: number | null;
};

export type KioskStatusView = {
  readonly code: string;
  readonly procedureName: string;
  readonly status: DossierStatus;
  /** The date promised to the citizen: after an apology (APO), the new one. Null when none. */
  readonly appointmentAt: number | null;
  /** The appointment was moved by an apology letter. */
  readonly rescheduled: boolean;
  /** The result is ready to collect (or was collected). */
  readonly ended: boolean;
  /** DUE4: waiting for the citizen's papers since then (null when not waiting or not known). */
  readonly waitingSince: number | null;
};

const ENDED: ReadonlySet<DossierStatus> = new Set(['refused', 'withdrawn', 'stopped', 'returned']);

export function kioskStatusView(d: KioskDossierFacts): KioskStatusView {
  const appointmentAt = d.effectiveDueAt ?? d.dueAt;
  return {
    code: d.code,
    procedureName: d.procedureName,
    status: d.status,
    // DUE4: while the citizen owes papers there is no running appointment (it moves when they come); LIF1 1: none yet
    appointmentAt: ENDED.has(d.status) || d.status === 'supplementRequested' || d.status === 'registered' ? null : appointmentAt,
    rescheduled: d.effectiveDueAt !== null && d.dueAt !== null && d.effectiveDueAt !== d.dueAt,
    ended: ENDED.has(d.status),
    waitingSince: d.status === 'supplementRequested' ? (d.supplementRequestedAt ?? null) : null,
  };
}
