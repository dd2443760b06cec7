/**
 * REP3, SAT2, IND1: on-time and early rates against the commune plan's targets, satisfaction per
 * officer and per procedure, the Decision 766 estimates (labelled as estimates), and the trend.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { indicatorEstimatesFromNumbers, type Fraction, type IndicatorEstimates } from '../../domain/stats/indicators';
import { satisfaction, type SatisfactionSummary } from '../../domain/stats/satisfaction';
import { DEFAULT_TARGETS, type Measured } from '../../domain/stats/targets';
import { useReference, userName } from '../shell/reference';
import { useServices } from '../shell/services';
import { PeriodPicker } from './PeriodPicker';
import { choiceRange, type PeriodChoice } from './periodChoice';
import { periodNumbers } from './periodNumbers';
import { ratedStates } from './reportData';
import { SecondSupplementCard } from './SecondSupplementCard';
import { trend } from './trend';
import { TrendChart } from './TrendChart';
import { percent, useT } from './useT';
import { DigitisedShareCard } from '../files/DigitisedShareCard';
import { portalShare } from '../../domain/stats/portalShare';
import { PortalCard, useCommunePortal, type PortalRemote } from './PortalCard';

const TARGETS = DEFAULT_TARGETS;

function MetBadge({ m }: { m: Measured }) {
  const { t } = useT();
  if (m.met === null) return <span className="badge">{t('targets.noData')}</span>;
  return <span className={`badge ${m.met ? 'ok' : 'bad'}`}>{t(m.met ? 'targets.met' : 'targets.notMet')}</span>;
}

/** 12.14: every rate says what it is out of; rates side by side have different denominators. */
const OUT_OF = {
  onTime: 'targets.outOf.handled',
  late: 'targets.outOf.handled',
  negative: 'targets.outOf.handled',
  early: 'targets.outOf.resolved',
  online: 'targets.outOf.newlyReceived',
  satisfaction: 'targets.outOf.ratings',
  portal: 'targets.outOf.receivedInPeriod',
} as const satisfies Record<keyof IndicatorEstimates['basis'] | 'portal', string>;
type Basis = keyof typeof OUT_OF;

function OutOf({ f, of }: { f: Fraction; of: Basis }) {
  const { t } = useT();
  return <span className="muted sv-out-of">{t(OUT_OF[of], { part: f.part, whole: f.whole })}</span>;
}

function MeasuredRow({ name, m, testId, f, of }: { name: string; m: Measured; testId: string; f: Fraction; of: Basis }) {
  return (
    <tr data-testid={testId}>
      <th>{name}</th>
      <td className="num">{percent(m.value)}</td>
      <td>
        <OutOf f={f} of={of} />
      </td>
      <td className="num">{m.target === null ? '—' : `≥ ${percent(m.target)}`}</td>
      <td>
        <MetBadge m={m} />
      </td>
    </tr>
  );
}

function SatisfactionTable({
  title,
  rows,
  name,
  testId,
}: {
  title: string;
  rows: ReadonlyMap<string, SatisfactionSummary>;
  name: (k: string) => string;
  testId: string;
}) {
  const { t } = useT();
  return (
    <div className="card">
      <h2>{title}</h2>
      {rows.size === 0 ? (
        <p className="muted">{t('satisfaction.none')}</p>
      ) : (
        <table className="list" data-testid={testId}>
          <thead>
            <tr>
              <th>
                <span className="visually-hidden">{title}</span>
              </th>
              <th>{t('satisfaction.verySatisfied')}</th>
              <th>{t('satisfaction.satisfied')}</th>
              <th>{t('satisfaction.dissatisfied')}</th>
              <th>{t('satisfaction.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {[...rows].map(([k, s]) => (
              <tr key={k}>
                <th>{name(k)}</th>
                <td className="num">{s.counts.verySatisfied}</td>
                <td className="num">{s.counts.satisfied}</td>
                <td className="num">{s.counts.dissatisfied}</td>
                <td className="num">
                  <span className={`badge ${s.rate !== null && s.rate >= TARGETS.satisfactionRate ? 'ok' : 'bad'}`}>{percent(s.rate)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** CON16: the server's count of the period's dossiers on the national portal; offline, it says so. */
function PortalRow({ remote }: { remote: PortalRemote }) {
  const { t } = useT();
  if (remote.state !== 'ok') {
    return (
      <tr data-testid="est-portal">
        <th>{t('targets.portalShare')}</th>
        <td className="num">—</td>
        <td>
          <span className="muted">{remote.state === 'loading' ? t('loading') : t('targets.portalOffline')}</span>
        </td>
        <td />
        <td />
      </tr>
    );
  }
  const s = portalShare(remote.value.period);
  return <MeasuredRow name={t('targets.portalShare')} m={s.estimate} testId="est-portal" f={s.basis} of="portal" />;
}

function Estimates({ e, portal }: { e: IndicatorEstimates; portal: PortalRemote }) {
  const { t } = useT();
  return (
    <div className="card" data-testid="estimates">
      <h2>{t('targets.estimatesTitle')}</h2>
      <p className="muted">{t('targets.estimatesNote')}</p>
      <table className="list">
        <thead>
          <tr>
            <th>{t('targets.indicator')}</th>
            <th>{t('targets.value')}</th>
            <th>{t('targets.outOfHeading')}</th>
            <th>{t('targets.target')}</th>
            <th>
              <span className="visually-hidden">
                {t('targets.met')} / {t('targets.notMet')}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          <MeasuredRow name={t('targets.onTimeRate')} m={e.onTimeRateEstimate} testId="est-onTime" f={e.basis.onTime} of="onTime" />
          <MeasuredRow name={t('targets.earlyRate')} m={e.earlyRateEstimate} testId="est-early" f={e.basis.early} of="early" />
          <MeasuredRow name={t('targets.onlineShare')} m={e.onlineShareEstimate} testId="est-online" f={e.basis.online} of="online" />
          <PortalRow remote={portal} />
          <tr>
            <th>{t('targets.lateRate')}</th>
            <td className="num">{percent(e.lateRateEstimate)}</td>
            <td>
              <OutOf f={e.basis.late} of="late" />
            </td>
            <td />
            <td />
          </tr>
          <tr>
            <th>{t('targets.negativeShare')}</th>
            <td className="num">{percent(e.negativeRatingShareEstimate)}</td>
            <td>
              <OutOf f={e.basis.negative} of="negative" />
            </td>
            <td />
            <td />
          </tr>
          <MeasuredRow name={t('targets.satisfactionRate')} m={e.satisfactionRate} testId="est-satisfaction" f={e.basis.satisfaction} of="satisfaction" />
          <tr data-testid="est-satIndex">
            <th>{t('targets.satisfactionIndex')}</th>
            <td className="num">{percent(e.satisfactionIndexEstimate.value)}</td>
            <td>
              <span className="muted">{t('targets.outOf.index')}</span>
            </td>
            <td className="num">{e.satisfactionIndexEstimate.target === null ? '—' : `≥ ${percent(e.satisfactionIndexEstimate.target)}`}</td>
            <td>
              <MetBadge m={e.satisfactionIndexEstimate} />
            </td>
          </tr>
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
  // kept here: the card below re-mounts whenever the numbers reload
  const [show766, setShow766] = useState(false);
  // the kept aggregates and the rated dossiers only: never every dossier
  const data = useLiveQuery(async () => ({ numbers: await periodNumbers(db, choice, now), rated: await ratedStates(db) }), [db, choice, now]);
  const points = useLiveQuery(() => trend(db, choice.period.kind, choice.mode, now), [db, choice.period.kind, choice.mode, now]);
  const range = choiceRange(choice);
  const portal = useCommunePortal(range);
  if (!data)
    return (
      <section data-testid="sv-targets">
        <PeriodPicker value={choice} onChange={onChoice} />
        <p className="muted">{t('loading')}</p>
      </section>
    );
  const sat = satisfaction(data.rated, range);
  const est = indicatorEstimatesFromNumbers(data.numbers.total, data.rated, range, { asOf: now }, sat.overall, TARGETS);
  const procName = (code: string) => catalog.procedures.find((p) => p.code === code)?.name ?? code;
  return (
    <section data-testid="sv-targets">
      <PeriodPicker value={choice} onChange={onChoice} />
      <div className="sv-kpis">
        <div className="card">
          <div className="muted">{t('targets.onTimeRate')}</div>
          <div className="sv-big" data-testid="kpi-onTime">
            {percent(est.onTimeRateEstimate.value)}
          </div>
          <OutOf f={est.basis.onTime} of="onTime" /> <MetBadge m={est.onTimeRateEstimate} />
        </div>
        <div className="card">
          <div className="muted">{t('targets.earlyRate')}</div>
          <div className="sv-big" data-testid="kpi-early">
            {percent(est.earlyRateEstimate.value)}
          </div>
          <OutOf f={est.basis.early} of="early" /> <MetBadge m={est.earlyRateEstimate} />
        </div>
        <div className="card">
          <div className="muted">{t('targets.satisfactionRate')}</div>
          <div className="sv-big" data-testid="kpi-satisfaction">
            {percent(est.satisfactionRate.value)}
          </div>
          <OutOf f={est.basis.satisfaction} of="satisfaction" /> <MetBadge m={est.satisfactionRate} />
        </div>
      </div>
      <Estimates e={est} portal={portal.remote} />
      <SecondSupplementCard count={est.lateBySecondSupplement} choice={choice} now={now} open={show766} onOpen={setShow766} />
      <DigitisedShareCard range={range} />
      <PortalCard remote={portal.remote} onReload={portal.reload} />
      <div className="card">
        <h2>{t('trend.title')}</h2>
        {points ? <TrendChart points={points} targets={TARGETS} /> : <p className="muted">{t('loading')}</p>}
      </div>
      <div className="grid2">
        <SatisfactionTable title={t('satisfaction.byOfficer')} rows={sat.byOfficer} name={(id) => userName(users, id)} testId="sat-officer" />
        <SatisfactionTable title={t('satisfaction.byProcedure')} rows={sat.byProcedure} name={procName} testId="sat-procedure" />
      </div>
    </section>
  );
}
