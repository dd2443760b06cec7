/** When the citizen is not satisfied: what went wrong, in a few large choices and a short optional text. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISSATISFACTION_REASONS, KIOSK_COMMENT_MAX_CHARS, type DissatisfactionReason } from '../../domain/kiosk/kioskPolicy';

type Props = { readonly onDone: (reasons: DissatisfactionReason[], comment: string) => void; readonly onBack: () => void };

export function ReasonsScreen({ onDone, onBack }: Props) {
  const { t } = useTranslation('kiosk');
  const [reasons, setReasons] = useState<DissatisfactionReason[]>([]);
  const [comment, setComment] = useState('');
  const toggle = (r: DissatisfactionReason) => setReasons(reasons.includes(r) ? reasons.filter((x) => x !== r) : [...reasons, r]);
  return (
    <section className="kiosk-step kiosk-reasons" aria-labelledby="kiosk-reasons-title">
      <h1 id="kiosk-reasons-title">{t('reasons.title')}</h1>
      <p className="kiosk-hint">{t('reasons.help')}</p>
      <div className="kiosk-reason-grid">
        {DISSATISFACTION_REASONS.map((r) => (
          <button key={r} type="button" className="kiosk-reason" aria-pressed={reasons.includes(r)} data-testid={`kiosk-reason-${r}`} onClick={() => toggle(r)}>
            <span className="kiosk-check" aria-hidden="true">
              {reasons.includes(r) ? '✓' : ''}
            </span>
            <span>{t(`reasons.${r}`)}</span>
          </button>
        ))}
      </div>
      <label htmlFor="kiosk-comment" className="kiosk-comment-label">
        {t('reasons.comment')}
      </label>
      <textarea
        id="kiosk-comment"
        className="kiosk-comment"
        maxLength={KIOSK_COMMENT_MAX_CHARS}
        value={comment}
        rows={2}
        autoComplete="off"
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="kiosk-actions">
        <button type="button" className="kiosk-secondary" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="kiosk-primary" data-testid="kiosk-reasons-submit" onClick={() => onDone(reasons, comment)}>
          {t('reasons.submit')}
        </button>
      </div>
    </section>
  );
}
