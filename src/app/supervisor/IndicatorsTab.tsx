/**
 * REP3, SAT2, IND1: on-time and early rates against the commune plan's targets, satisfaction per
 * officer and per procedure, the Decision 766 estimates (labelled as estimates), and the trend.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { indicatorEstimatesFromNumbers, type IndicatorEstimates } from '../../domain/stats/indicators';
import { satisfaction, type SatisfactionSummary } from '../../domain/stats/satisfaction';
import { DEFAULT_TARGETS, type Measured } from '../../domain/stats/targets';
import { useReference, userName } from '../shell/reference';
import { useServices } from '../shell/services';
import { PeriodPicker } from './PeriodPicker';
import { choiceRange, type PeriodChoice } from './periodChoice';
import { periodNumbers } from './periodNumbers';
import { ratedStates } from './reportData';
import { trend } from './trend';
import { TrendChart } from './TrendChart';
import { percent, useT } from './useT';
import { DigitisedShareCard } from '../files/DigitisedShareCard';

const TARGETS = DEFAULT_TARGETS;

function MetBadge({ m }: { m: Measured }) {
  const { t } = useT();
  if (m.met === null) return <span className="badge">{t('targets.noData')}</span>;
  return <span className={`badge ${m.met ? 'ok' : 'bad'}`}>{t(m.met ? 'targets.met' : 'targets.notMet')}</span>;
}

function MeasuredRow({ name, m, testId }: { name: string; m: Measured; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th>{name}</th>
      <td className="num">{percent(m.value)}</td>
      <td className="num">{m.target === null ? '—' : `≥ ${percent(m.target)}`}</td>
      <td><MetBadge m={m} /></td>
    </tr>
  );
}

function SatisfactionTable({ title, rows, name, testId }: { title: string; rows: ReadonlyMap<string, SatisfactionSummary>; name: (k: string) => string; testId: string }) {
  const { t } = useT();
  return (
    <div className="card">
      <h3>{title}</h3>
      {rows.size === 0 ? <p className="muted">{t('satisfaction.none')}</p> : (
        <table className="list" data-testid={testId}>
          <thead><tr><th />
            <th>{t('satisfaction.verySatisfied')}</th><th>{t('satisfaction.satisfied')}</th><th>{t('satisfaction.dissatisfied')}</th>
            <th>{t('satisfaction.rate')}</th></tr></thead>
          <tbody>
            {[...rows].map(([k, s]) => (
              <tr key={k}>
                <th>{name(k)}</th>
                <td className="num">{s.counts.verySatisfied}</td><td className="num">{s.counts.satisfied}</td><td className="num">{s.counts.dissatisfied}</td>
                <td className="num"><span className={`badge ${s.rate !== null && s.rate >= TARGETS.satisfactionRate ? 'ok' : 'bad'}`}>{percent(s.rate)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Estimates({ e }: { e: IndicatorEstimates }) {
  const { t } = useT();
  return (
    <div className="card" data-testid="estimates">
      <h3>{t('targets.estimatesTitle')}</h3>
      <p className="muted">{t('targets.estimatesNote')}</p>
      <table className="list">
        <thead><tr><th>{t('targets.indicator')}</th><th>{t('targets.value')}</th><th>{t('targets.target')}</th><th /></tr></thead>
        <tbody>
          <MeasuredRow name={t('targets.onTimeRate')} m={e.onTimeRateEstimate} testId="est-onTime" />
          <MeasuredRow name={t('targets.earlyRate')} m={e.earlyRateEstimate} testId="est-early" />
          <MeasuredRow name={t('targets.onlineShare')} m={e.onlineShareEstimate} testId="est-online" />
          <tr><th>{t('targets.lateRate')}</th><td className="num">{percent(e.lateRateEstimate)}</td><td /><td /></tr>
          <tr><th>{t('targets.negativeShare')}</th><td className="num">{percent(e.negativeRatingShareEstimate)}</td><td /><td /></tr>
          <MeasuredRow name={t('targets.satisfactionRate')} m={e.satisfactionRate} testId="est-satisfaction" />
          <MeasuredRow name={t('targets.satisfactionIndex')} m={e.satisfactionIndexEstimate} testId="est-satIndex" />
        </tbody>
      </table>
      <p className="muted">{t('targets.denominator', { n: e.dossiersInPeriod })}</p>
    </div>
  );
}

export function IndicatorsTab({ choice, onChoice, now }: { choice: PeriodChoice; onChoice: (c: PeriodChoice) => void; now: number }) {
  const { t } = useT();
  const { db } = useServices();
  const { users, catalog } = useReference();
  // the kept aggregates and the rated dossiers only: never every dossier
  const data = useLiveQuery(async () => ({ numbers: await periodNumbers(db, choice, now), rated: await ratedStates(db) }), [db, choice, now]);
  const points = useLiveQuery(() => trend(db, choice.period.kind, choice.mode, now), [db, choice.period.kind, choice.mode, now]);
  if (!data) return <section data-testid="sv-targets"><PeriodPicker value={choice} onChange={onChoice} /><p className="muted">{t('loading')}</p></section>;
  const range = choiceRange(choice);
  const sat = satisfaction(data.rated, range);
  const est = indicatorEstimatesFromNumbers(data.numbers.total, data.rated, range, { asOf: now }, sat.overall, TARGETS);
  const procName = (code: string) => catalog.procedures.find((p) => p.code === code)?.name ?? code;
  return (
    <section data-testid="sv-targets">
      <PeriodPicker value={choice} onChange={onChoice} />
      <div className="sv-kpis">
        <div className="card"><div className="muted">{t('targets.onTimeRate')}</div><div className="sv-big" data-testid="kpi-onTime">{percent(est.onTimeRateEstimate.value)}</div><MetBadge m={est.onTimeRateEstimate} /></div>
        <div className="card"><div className="muted">{t('targets.earlyRate')}</div><div className="sv-big" data-testid="kpi-early">{percent(est.earlyRateEstimate.value)}</div><MetBadge m={est.earlyRateEstimate} /></div>
        <div className="card"><div className="muted">{t('targets.satisfactionRate')}</div><div className="sv-big" data-testid="kpi-satisfaction">{percent(est.satisfactionRate.value)}</div><MetBadge m={est.satisfactionRate} /></div>
      </div>
      <Estimates e={est} />
      <DigitisedShareCard range={range} />
      <div className="card">
        <h3>{t('trend.title')}</h3>
        {points ? <TrendChart points={points} targets={TARGETS} /> : <p className="muted">{t('loading')}</p>}
      </div>
      <div className="grid2">
        <SatisfactionTable title={t('satisfaction.byOfficer')} rows={sat.byOfficer} name={(id) => userName(users, id)} testId="sat-officer" />
        <SatisfactionTable title={t('satisfaction.byProcedure')} rows={sat.byProcedure} name={procName} testId="sat-procedure" />
      </div>
    </section>
  );
}
