/**
 * Open dossiers counted per running legal due day (judge.ts), field and receiving officer (TIM2), kept as the
 * dossiers change, so the late list's counts and groups need not read every late dossier: days
 * before today are overdue whatever the hour; only today and the next working day are judged
 * dossier by dossier (a small, indexed set).
 */
import type { DossierState } from '../dossier/state';
import { vnDate, type IsoDate } from '../time/vnTime';
import { runningDueAt } from './judge';

export type OpenDayRow = { readonly key: string; readonly day: IsoDate; readonly fieldCode: string; readonly officerId: string; readonly n: number };

type Slot = Omit<OpenDayRow, 'n'>;
/** What dossiers changing state do to one kept row. */
export type OpenDayChange = Slot & { delta: number };

/** Where an open dossier with a running legal due date counts (judge.ts `runningDueAt`); null for the others. */
export function openDaySlot(s: DossierState | null): Slot | null {
  if (!s || s.endedAt !== null || s.status === 'refused') return null;
  const due = runningDueAt(s);
  if (due === null) return null;
  const day = vnDate(due);
  return { key: `${day}|${s.fieldCode}|${s.receivedBy}`, day, fieldCode: s.fieldCode, officerId: s.receivedBy };
}

/** The change to the kept rows when dossiers go from `before` to `after` (each pair one dossier). */
export function openDayChanges(pairs: Iterable<readonly [DossierState | null, DossierState | null]>): Map<string, OpenDayChange> {
  const out = new Map<string, OpenDayChange>();
  const add = (slot: Slot | null, d: number) => {
    if (!slot) return;
    const have = out.get(slot.key);
    if (have) have.delta += d;
    else out.set(slot.key, { ...slot, delta: d });
  };
  for (const [before, after] of pairs) {
    add(openDaySlot(before), -1);
    add(openDaySlot(after), 1);
  }
  for (const [k, v] of out) if (v.delta === 0) out.delete(k);
  return out;
}

/** The rows from scratch (a rebuild, and the test of the kept ones). */
export function computeOpenDays(states: Iterable<DossierState>): OpenDayRow[] {
  return [...openDayChanges([...states].map((s) => [null, s] as const)).values()].map(({ delta, ...slot }) => ({ ...slot, n: delta }));
}
