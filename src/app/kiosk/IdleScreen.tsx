/** Step 1: the invitation, in large words and pictures; two choices. */
import { useTranslation } from 'react-i18next';
import { CalendarIcon, Face } from './Faces';
import type { Intent } from './kioskSteps';

export function IdleScreen({ onStart }: { onStart: (intent: Intent) => void }) {
  const { t } = useTranslation('kiosk');
  return (
    <section className="kiosk-step kiosk-idle" aria-labelledby="kiosk-idle-title">
      <div className="kiosk-idle-faces" aria-hidden="true">
        <Face level="verySatisfied" size={110} />
        <Face level="satisfied" size={110} />
        <Face level="dissatisfied" size={110} />
      </div>
      <h1 id="kiosk-idle-title">{t('idle.title')}</h1>
      <p className="kiosk-lead">{t('idle.subtitle')}</p>
      <div className="kiosk-idle-choices">
        <button type="button" className="kiosk-big kiosk-primary" data-testid="kiosk-start-rate" onClick={() => onStart('rate')}>
          <Face level="verySatisfied" size={88} />
          <span className="kiosk-big-text">
            <strong>{t('idle.rate')}</strong>
            <span>{t('idle.rateHint')}</span>
          </span>
        </button>
        <button type="button" className="kiosk-big kiosk-secondary" data-testid="kiosk-start-status" onClick={() => onStart('status')}>
          <CalendarIcon size={88} />
          <span className="kiosk-big-text">
            <strong>{t('idle.status')}</strong>
            <span>{t('idle.statusHint')}</span>
          </span>
        </button>
      </div>
    </section>
  );
}
