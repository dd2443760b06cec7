/**
 * IND1/REP3 on the supervisor's indicators: the digitised share of dossiers and of results for
 * the period, in total, per field and per officer (target 100 %). Reads the dossiers received
 * from a year before the period to its end (a result in the period of a dossier taken in earlier
 * than that is not counted: said in the title's note as an estimate).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { digitisedReport, type DigitisedShare } from '../../domain/stats/digitisedShare';
import type { DateRange } from '../../domain/stats/periods';
import { addDays, startOfVnDay } from '../../domain/time/vnTime';
import { useReference, userName } from '../shell/reference';
import { useServices } from '../shell/services';
import { percent } from '../supervisor/useT';

const DAY_MS = 86_400_000;

function ShareCells({ s }: { s: DigitisedShare }) {
  const { t } = useTranslation('files');
  const badge = (v: number | null, met: boolean | null) => <span className={`badge ${met === null ? '' : met ? 'ok' : 'bad'}`}>{percent(v)}</span>;
  return (
    <>
      <td className="num">
        {badge(s.dossierShare.value, s.dossierShare.met)} <span className="muted">{t('share.count', { done: s.dossiersDigitised, all: s.dossiers })}</span>
      </td>
      <td className="num">
        {badge(s.resultShare.value, s.resultShare.met)} <span className="muted">{t('share.count', { done: s.resultsDigitised, all: s.results })}</span>
      </td>
    </>
  );
}

export function DigitisedShareCard({ range }: { range: DateRange }) {
  const { t } = useTranslation('files');
  const { db } = useServices();
  const { users, catalog } = useReference();
  const report = useLiveQuery(async () => {
    const end = startOfVnDay(addDays(range.to, 1)) - 1;
    const rows = await db.dossiers
      .where('receivedAt')
      .between(startOfVnDay(range.from) - 365 * DAY_MS, end, true, true)
      .toArray();
    return digitisedReport(
      rows.map((r) => r.state),
      range,
    );
  }, [db, range.from, range.to]);
  if (!report) return null;
  const fieldName = (code: string) => catalog.fields.find((f) => f.code === code)?.name ?? code;
  const table = (title: string, m: ReadonlyMap<string, DigitisedShare>, name: (k: string) => string, testId: string) => (
    <div>
      <h4>{title}</h4>
      <table className="list" data-testid={testId}>
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">{title}</span>
            </th>
            <th>{t('share.dossiers')}</th>
            <th>{t('share.results')}</th>
          </tr>
        </thead>
        <tbody>
          {[...m].map(([k, s]) => (
            <tr key={k}>
              <th>{name(k)}</th>
              <ShareCells s={s} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="card" data-testid="digitised-share">
      <h3>{t('share.title')}</h3>
      {report.total.dossiers === 0 && report.total.results === 0 ? (
        <p className="muted">{t('share.none')}</p>
      ) : (
        <>
          <table className="list">
            <thead>
              <tr>
                <th>
                  <span className="visually-hidden">{t('share.total')}</span>
                </th>
                <th>{t('share.dossiers')}</th>
                <th>{t('share.results')}</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="digitised-total">
                <th>{t('share.total')}</th>
                <ShareCells s={report.total} />
              </tr>
            </tbody>
          </table>
          <div className="grid2">
            {table(t('share.byField'), report.byField, fieldName, 'digitised-field')}
            {table(t('share.byOfficer'), report.byOfficer, (id) => userName(users, id), 'digitised-officer')}
          </div>
        </>
      )}
    </div>
  );
}
