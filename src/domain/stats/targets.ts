/**
 * REP3, SAT2: the commune plan's targets, as fractions (0.95 = 95 %). Defaults from the seed plans;
 * each commune sets its own (some aim at 98–100 %, land and construction at 80–85 % satisfaction).
 */
export type Targets = {
  /** Dossiers returned early or on time (REP3). */
  readonly onTimeRate: number;
  /** Dossiers returned early (REP3). */
  readonly earlyRate: number;
  /** Citizens satisfied (SAT2) and the IND1 satisfaction estimate (full marks at ≥ 90 %). */
  readonly satisfactionRate: number;
};

export const DEFAULT_TARGETS: Targets = { onTimeRate: 0.95, earlyRate: 0.85, satisfactionRate: 0.9 };

/** A rate and whether it meets its target; null when there is nothing to divide or no target. */
export type Measured = { readonly value: number | null; readonly target: number | null; readonly met: boolean | null };

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function measured(value: number | null, target: number | null): Measured {
  return { value, target, met: value === null || target === null ? null : value >= target };
}
