/**
 * DUE4, IND1: the dossiers Decision 766 counts late for a second supplement request (good by the
 * dates, so Biểu 06 does not), their number and, on demand, the list behind it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { bieu06, idsOf } from '../../domain/stats/bieu06';
import type { DossierState } from '../../domain/dossier/state';
import { useServices } from '../shell/services';
import { DossierList } from './DossierList';
import { choiceRange, type PeriodChoice } from './periodChoice';
import { statesForReport } from './reportData';
import { useT } from './useT';

export function SecondSupplementCard({
  count,
  choice,
  now,
  open,
  onOpen,
}: {
  count: number;
  choice: PeriodChoice;
  now: number;
  open: boolean;
  onOpen: (open: boolean) => void;
}) {
  const { t } = useT();
  const { db } = useServices();
  // read only when the list is opened
  const states =
    useLiveQuery(async (): Promise<DossierState[]> => {
      if (!open) return [];
      const range = choiceRange(choice);
      const all = await statesForReport(db, range, now);
      const ids = new Set(idsOf(bieu06(all, range, { asOf: now }).total, 'secondSupplement.total'));
      return all.filter((s) => ids.has(s.id));
    }, [db, open, choice, now]) ?? [];
  return (
    <div className="card" data-testid="second-supplement-card">
      <div className="row">
        <h3 style={{ margin: 0 }}>{t('targets.secondSupplement')}</h3>
        <span className="spacer" />
        <span className="sv-big" data-testid="second-supplement-count">
          {count}
        </span>
        {count > 0 && (
          <button data-testid="second-supplement-toggle" aria-expanded={open} onClick={() => onOpen(!open)}>
            {t(open ? 'targets.hideDossiers' : 'targets.showDossiers')}
          </button>
        )}
      </div>
      <p className="muted">{t('targets.secondSupplementHelp')}</p>
      {open && <DossierList states={states} testId="second-supplement-list" />}
    </div>
  );
}
