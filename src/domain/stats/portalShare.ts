/**
 * CON16, IND1: the share of a period's dossiers synced to the national public-service portal, one
 * of the Decision 766 estimates. Counted by the upstream's queue state: a dossier is synced when
 * the portal has accepted its latest change; pending while a change waits; refused when the
 * portal said no. The plans set no target for it, so `met` is null.
 */
import type { Fraction } from './indicators';
import { measured, ratio, type Measured } from './targets';

export type PortalCounts = { readonly synced: number; readonly pending: number; readonly refused: number };

export function portalShare(c: PortalCounts): { readonly basis: Fraction; readonly estimate: Measured } {
  const whole = c.synced + c.pending + c.refused;
  return { basis: { part: c.synced, whole }, estimate: measured(ratio(c.synced, whole), null) };
}
