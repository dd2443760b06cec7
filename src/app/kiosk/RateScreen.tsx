/** Step 3 (SAT1): three large faces with their words; the detailed criteria are optional. */
import { useTranslation } from 'react-i18next';
import type { RatingLevel } from '../../domain/dossier/events';
import { Face } from './Faces';

export const LEVELS: readonly RatingLevel[] = ['verySatisfied', 'satisfied', 'dissatisfied'];

type Props = { readonly code: string; readonly onLevel: (l: RatingLevel) => void; readonly onDetails: () => void; readonly onBack: () => void };

export function RateScreen({ code, onLevel, onDetails, onBack }: Props) {
  const { t } = useTranslation('kiosk');
  return (
    <section className="kiosk-step kiosk-rate" aria-labelledby="kiosk-rate-title">
      <h1 id="kiosk-rate-title">{t('rate.title')}</h1>
      <p className="kiosk-lead kiosk-dossier-code">{t('rate.dossier', { code })}</p>
      <div className="kiosk-faces">
        {LEVELS.map((l) => (
          <button key={l} type="button" className={`kiosk-face ${l}`} data-testid={`kiosk-level-${l}`} onClick={() => onLevel(l)}>
            <Face level={l} size={150} />
            <span>{t(`rate.${l}`)}</span>
          </button>
        ))}
      </div>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-secondary" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="kiosk-secondary" data-testid="kiosk-details" onClick={onDetails}>
          {t('rate.details')}
        </button>
      </div>
    </section>
  );
}
