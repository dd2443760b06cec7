/** SAT1 criteria 1–9, each on the three levels; 9 (overall) gives the rating's level. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingLevel, RatingPayload } from '../../domain/dossier/events';
import { RATING_CRITERIA, type RatingCriterion } from '../../domain/kiosk/kioskPolicy';
import { Face } from './Faces';
import { LEVELS } from './RateScreen';

type Criteria = NonNullable<RatingPayload['criteria']>;
type Props = { readonly onDone: (criteria: Criteria, overall: RatingLevel) => void; readonly onBack: () => void };

export function CriteriaScreen({ onDone, onBack }: Props) {
  const { t } = useTranslation('kiosk');
  const [chosen, setChosen] = useState<Partial<Record<RatingCriterion, RatingLevel>>>({});
  const [missing, setMissing] = useState(false);
  const overall = chosen[9];
  return (
    <section className="kiosk-step kiosk-criteria" aria-labelledby="kiosk-criteria-title">
      <h1 id="kiosk-criteria-title">{t('criteria.title')}</h1>
      <p className="kiosk-hint">{t('criteria.help')}</p>
      <div className="kiosk-criteria-list">
        {/* a second legend for the two-column layout on wide landscape screens */}
        {['kiosk-criteria-head', 'kiosk-criteria-head kiosk-criteria-head-2'].map((cls) => (
          <div key={cls} className={cls} aria-hidden="true">
            <span />
            <span className="kiosk-criterion-levels">
              {LEVELS.map((l) => (
                <span key={l}>{t(`rate.${l}`)}</span>
              ))}
            </span>
          </div>
        ))}
        {RATING_CRITERIA.map((c) => (
          <div key={c} role="group" aria-labelledby={`kiosk-c${String(c)}`}>
            <span id={`kiosk-c${String(c)}`} className="kiosk-criterion">
              {t(`criteria.c${c}`)}
            </span>
            <span className="kiosk-criterion-levels">
              {LEVELS.map((l) => (
                <button
                  key={l}
                  type="button"
                  className={`kiosk-level ${l}`}
                  aria-pressed={chosen[c] === l}
                  aria-label={t('criteria.choice', { criterion: t(`criteria.c${c}`), level: t(`rate.${l}`) })}
                  data-testid={`kiosk-c${String(c)}-${l}`}
                  onClick={() => {
                    setChosen({ ...chosen, [c]: l });
                    setMissing(false);
                  }}
                >
                  <Face level={l} size={56} />
                </button>
              ))}
            </span>
          </div>
        ))}
      </div>
      {missing && (
        <p className="kiosk-problem" role="alert">
          {t('criteria.needOverall')}
        </p>
      )}
      <div className="kiosk-actions">
        <button type="button" className="kiosk-secondary" onClick={onBack}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="kiosk-primary"
          data-testid="kiosk-criteria-submit"
          onClick={() => (overall ? onDone(chosen, overall) : setMissing(true))}
        >
          {t('criteria.submit')}
        </button>
      </div>
    </section>
  );
}
