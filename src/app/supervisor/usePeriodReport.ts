/** The chosen period's dossiers and Biểu 06 (as of now for the current period), live with the database. */
import { useLiveQuery } from 'dexie-react-hooks';
import { bieu06, type Bieu06 } from '../../domain/stats/bieu06';
import type { DossierState } from '../../domain/dossier/state';
import type { Period } from '../../domain/stats/periods';
import { useServices } from '../shell/services';
import { choiceRange, type PeriodChoice } from './periodChoice';
import { statesForReport } from './reportData';
import type { Translate } from './exportTables';

export type PeriodReport = { readonly states: readonly DossierState[]; readonly report: Bieu06 };

export function usePeriodReport(choice: PeriodChoice, now: number): PeriodReport | undefined {
  const { db } = useServices();
  const range = choiceRange(choice);
  return useLiveQuery(async () => {
    const states = await statesForReport(db, range, now);
    return { states, report: bieu06(states, range, { asOf: now }) };
  }, [db, range.from, range.to, now]);
}

export function periodLabel(t: Translate, p: Period): string {
  return t(`period.label.${p.kind}`, { index: p.index, year: p.year });
}
