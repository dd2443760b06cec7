/** Choose the report period: cut-off mode, kind, year, and which month / quarter / half. */
import { PERIOD_KINDS, PERIODS_PER_YEAR, type PeriodKind, type PeriodMode } from '../../domain/stats/periods';
import { choiceRange, withIndex, withKind, withMode, type PeriodChoice } from './periodChoice';
import { useT } from './useT';

const MODES: readonly PeriodMode[] = ['cutoff15', 'calendar'];

export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (c: PeriodChoice) => void }) {
  const { t } = useT();
  const { kind, year, index } = value.period;
  const range = choiceRange(value);
  const years = Array.from({ length: 7 }, (_, i) => year - 4 + i);
  return (
    <div className="card no-print" data-testid="period-picker">
      <div className="sv-picker">
        <div className="field">
          <label htmlFor="sv-mode">{t('period.mode')}</label>
          <select id="sv-mode" value={value.mode} onChange={(e) => onChange(withMode(value, e.target.value as PeriodMode))}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`period.modes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sv-kind">{t('period.kind')}</label>
          <select id="sv-kind" value={kind} onChange={(e) => onChange(withKind(value, e.target.value as PeriodKind))}>
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`period.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {kind !== 'year' && (
          <div className="field">
            <label htmlFor="sv-index">{t(`period.which.${kind}`)}</label>
            <select id="sv-index" value={index} onChange={(e) => onChange(withIndex(value, year, Number(e.target.value)))}>
              {Array.from({ length: PERIODS_PER_YEAR[kind] }, (_, i) => i + 1).map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="sv-year">{t('period.year')}</label>
          <select id="sv-year" value={year} onChange={(e) => onChange(withIndex(value, Number(e.target.value), index))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted" data-testid="period-range">
        {t('period.range', { from: range.from.split('-').reverse().join('/'), to: range.to.split('-').reverse().join('/') })}
      </p>
    </div>
  );
}
