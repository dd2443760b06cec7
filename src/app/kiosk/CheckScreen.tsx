/** SAT3: for a number the kiosk has not synced, the check code printed on the receipt. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECEIPT_CHECK_DIGITS } from '../../domain/kiosk/receiptCheck';
import { Keypad } from './Keypad';

type Props = { readonly code: string; readonly onCheck: (checkCode: string) => void; readonly onBack: () => void };

export function CheckScreen({ code, onCheck, onBack }: Props) {
  const { t } = useTranslation('kiosk');
  const [digits, setDigits] = useState('');
  return (
    <section className="kiosk-step kiosk-checkcode" aria-labelledby="kiosk-check-title">
      <h1 id="kiosk-check-title">{t('check.title')}</h1>
      <p className="kiosk-lead kiosk-dossier-code">{t('rate.dossier', { code })}</p>
      <div className="kiosk-typed kiosk-checkcode-body">
        <label htmlFor="kiosk-check">{t('check.label')}</label>
        <output id="kiosk-check" className="kiosk-code-display" data-testid="kiosk-check" aria-live="polite">
          {digits}
        </output>
        <p className="kiosk-hint">{t('check.hint', { count: RECEIPT_CHECK_DIGITS })}</p>
        <Keypad value={digits} onChange={setDigits} maxLength={RECEIPT_CHECK_DIGITS} />
      </div>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-secondary" onClick={onBack}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="kiosk-primary"
          data-testid="kiosk-check-submit"
          disabled={digits.length !== RECEIPT_CHECK_DIGITS}
          onClick={() => onCheck(digits)}
        >
          {t('identify.submit')}
        </button>
      </div>
    </section>
  );
}
