/** A large on-screen number pad (targets ≥ 72 px) for dossier numbers and the PIN. */
import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function Keypad({ value, onChange, maxLength }: { value: string; onChange: (v: string) => void; maxLength: number }) {
  const { t } = useTranslation('kiosk');
  const press = (d: string) => {
    if (value.length < maxLength) onChange(value + d);
  };
  return (
    <div className="kiosk-keypad" role="group" aria-label={t('keypad.label')}>
      {DIGITS.map((d) => (
        <button key={d} type="button" data-key={d} aria-label={t('keypad.digit', { digit: d })} onClick={() => press(d)}>
          {d}
        </button>
      ))}
      <button type="button" className="key-clear" onClick={() => onChange('')}>
        {t('keypad.clear')}
      </button>
      <button type="button" data-key="0" aria-label={t('keypad.digit', { digit: '0' })} onClick={() => press('0')}>
        0
      </button>
      <button type="button" className="key-back" aria-label={t('keypad.backspace')} onClick={() => onChange(value.slice(0, -1))}>
        <svg width="40" height="32" viewBox="0 0 40 32" aria-hidden="true" focusable="false">
          <path d="M12 2 H38 V30 H12 L2 16 Z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
          <path d="M18 10 L30 22 M30 10 L18 22" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
