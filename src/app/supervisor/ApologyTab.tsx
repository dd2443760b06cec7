/** APO1–APO3: late dossiers without an apology, with a late one, compliant; reschedules; the rate. */
import { formatVnDate, formatVnDateTime } from '../../domain/time/vnTime';
import { useReference } from '../shell/reference';
import { apologyReport, type LateDossier } from './apologyReport';
import { DossierList } from './DossierList';
import { LATE_LIST_PAGE } from './lateSummary';
import { PeriodPicker } from './PeriodPicker';
import type { PeriodChoice } from './periodChoice';
import { usePeriodReport } from './usePeriodReport';
import { percent, useT } from './useT';

const BADGE: Record<LateDossier['compliance'], string> = { noApology: 'bad', lateApology: 'warn', compliant: 'ok' };

export function ApologyTab({ choice, onChoice, now }: { choice: PeriodChoice; onChoice: (c: PeriodChoice) => void; now: number }) {
  const { t } = useT();
  const data = usePeriodReport(choice, now);
  const { calendar } = useReference();
  const rep = data ? apologyReport(data.report, data.states, calendar) : null;
  const byId = new Map(rep?.late.map((l) => [l.state.id, l]) ?? []);
  return (
    <section data-testid="sv-apology">
      <PeriodPicker value={choice} onChange={onChoice} />
      {!rep ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <>
          <div className="sv-kpis">
            <div className="card">
              <div className="muted">{t('apology.late')}</div>
              <div className="sv-big" data-testid="apo-late">
                {rep.late.length}
              </div>
            </div>
            <div className="card">
              <div className="muted">{t('apology.noApology')}</div>
              <div className="sv-big bad" data-testid="apo-none">
                {rep.noApology}
              </div>
            </div>
            <div className="card">
              <div className="muted">{t('apology.lateApology')}</div>
              <div className="sv-big warn" data-testid="apo-lateApology">
                {rep.lateApology}
              </div>
            </div>
            <div className="card">
              <div className="muted">{t('apology.rate')}</div>
              <div className="sv-big" data-testid="apo-rate">
                {percent(rep.rate)}
              </div>
            </div>
          </div>
          <p className="muted">{t('apology.rule')}</p>
          <h2>{t('apology.lateList')}</h2>
          {rep.late.length > LATE_LIST_PAGE && (
            <p className="muted" data-testid="apo-list-capped">
              {t('apology.capped', { n: LATE_LIST_PAGE })}
            </p>
          )}
          <DossierList
            testId="apo-list"
            // the non-compliant first; a page, not thousands of rows
            states={[...rep.late]
              .sort((a, b) => Number(a.compliance === 'compliant') - Number(b.compliance === 'compliant'))
              .slice(0, LATE_LIST_PAGE)
              .map((l) => l.state)}
            extra={{
              heading: t('apology.status'),
              cell: (s) => {
                const l = byId.get(s.id);
                if (!l) return null;
                const a = s.apologies[0];
                return (
                  <>
                    <span className={`badge ${BADGE[l.compliance]}`}>{t(`apology.compliance.${l.compliance}`)}</span>
                    {l.deadline && <div className="muted">{t('apology.deadline', { date: l.deadline.split('-').reverse().join('/') })}</div>}
                    {a && <div className="muted">{t('apology.issued', { at: formatVnDateTime(a.issuedAt), signer: a.signer })}</div>}
                  </>
                );
              },
            }}
          />
          <h2>{t('apology.rescheduled')}</h2>
          <DossierList
            testId="apo-rescheduled"
            states={rep.rescheduled}
            extra={{
              heading: t('apology.newDate'),
              cell: (s) => {
                const a = s.apologies[0];
                return a ? (
                  <>
                    {formatVnDate(a.newDueAt)}
                    <div className="muted">
                      {a.number} · {a.reason}
                    </div>
                  </>
                ) : null;
              },
            }}
          />
        </>
      )}
    </section>
  );
}
