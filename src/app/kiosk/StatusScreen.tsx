/**
 * Step 5: where the dossier stands, in large text (PD3: code, procedure, status, appointment date,
 * nothing personal: the kiosk holds nothing else). A dossier the kiosk has not synced yet is said
 * to be unknown here, with the counter as the place to ask.
 */
import { useTranslation } from 'react-i18next';
import { kioskStatusView } from '../../domain/kiosk/kioskView';
import { formatVnDate } from '../../domain/time/vnTime';
import type { Target } from './kioskSteps';

type Props = { readonly target: Target; readonly canRate: boolean; readonly onRate: () => void; readonly onDone: () => void };

export function StatusScreen({ target, canRate, onRate, onDone }: Props) {
  const { t } = useTranslation('kiosk');
  const view = target.row ? kioskStatusView(target.row) : null;
  return (
    <section className="kiosk-step kiosk-status" aria-labelledby="kiosk-status-title" data-testid="kiosk-status">
      <h1 id="kiosk-status-title">{t('status.title')}</h1>
      {view ? (
        <dl className="kiosk-facts">
          <dt>{t('status.code')}</dt>
          <dd className="kiosk-dossier-code">{view.code}</dd>
          <dt>{t('status.procedure')}</dt>
          <dd>{view.procedureName}</dd>
          <dt>{t('status.state')}</dt>
          <dd data-testid="kiosk-status-state">
            <strong>{t(`status.${view.status}`)}</strong>
            {view.waitingSince !== null && (
              <span data-testid="kiosk-waiting-since"> {t('status.waitingSince', { date: formatVnDate(view.waitingSince) })}</span>
            )}
          </dd>
          {!view.ended && (
            <>
              <dt>{view.rescheduled ? t('status.newAppointment') : t('status.appointment')}</dt>
              <dd data-testid="kiosk-appointment" className="kiosk-date">
                {view.appointmentAt !== null ? formatVnDate(view.appointmentAt) : t('status.noAppointment')}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="kiosk-lead" role="status" data-testid="kiosk-status-unknown">
          {t('status.unknown', { code: target.code })}
        </p>
      )}
      {view?.rescheduled && <p className="kiosk-lead">{t('status.apology')}</p>}
      <div className="kiosk-actions">
        <button type="button" className="kiosk-secondary" onClick={onDone}>
          {t('common.home')}
        </button>
        {canRate && (
          <button type="button" className="kiosk-primary" data-testid="kiosk-status-rate" onClick={onRate}>
            {t('status.rate')}
          </button>
        )}
      </div>
    </section>
  );
}
