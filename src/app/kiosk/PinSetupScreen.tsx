/** First start after enrollment: whoever enrolled the kiosk sets its manager PIN (kioskPin.ts). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidKioskPin, KIOSK_PIN_MAX_DIGITS, KIOSK_PIN_MIN_DIGITS } from '../../domain/kiosk/kioskPolicy';
import { Keypad } from './Keypad';

const RANGE = { min: KIOSK_PIN_MIN_DIGITS, max: KIOSK_PIN_MAX_DIGITS };

export function PinSetupScreen({ onSave }: { onSave: (pin: string) => Promise<void> }) {
  const { t } = useTranslation('kiosk');
  const [first, setFirst] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<'mismatch' | 'tooShort' | null>(null);
  const [busy, setBusy] = useState(false);

  async function next() {
    if (!isValidKioskPin(pin)) return setProblem('tooShort');
    if (first === null) {
      setFirst(pin);
      setPin('');
      setProblem(null);
      return;
    }
    if (first !== pin) {
      setFirst(null);
      setPin('');
      return setProblem('mismatch');
    }
    setBusy(true);
    await onSave(pin);
  }

  return (
    <section className="kiosk-step kiosk-pin-setup" aria-labelledby="kiosk-pin-title">
      <h1 id="kiosk-pin-title">{first === null ? t('pin.setupTitle') : t('pin.confirmTitle')}</h1>
      <p className="kiosk-hint">{t('pin.setupHelp', RANGE)}</p>
      <p className="kiosk-pin-dots" data-testid="kiosk-pin-dots" aria-live="polite">
        <span aria-hidden="true">{'•'.repeat(pin.length)}</span>
        <span className="sr-only">{t('pin.entered', { count: pin.length })}</span>
      </p>
      <Keypad
        value={pin}
        onChange={(v) => {
          setPin(v);
          setProblem(null);
        }}
        maxLength={KIOSK_PIN_MAX_DIGITS}
      />
      {problem && (
        <p className="kiosk-problem" role="alert">
          {t(`pin.${problem}`, RANGE)}
        </p>
      )}
      <div className="kiosk-actions kiosk-actions-center">
        <button type="button" className="kiosk-primary" data-testid="kiosk-pin-next" disabled={busy || pin.length === 0} onClick={() => void next()}>
          {first === null ? t('pin.next') : t('pin.save')}
        </button>
      </div>
    </section>
  );
}
