/** The supervisor's way out: the kiosk PIN, with a pause after KIOSK_PIN_MAX_TRIES wrong ones. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KIOSK_PIN_LOCKOUT_S, KIOSK_PIN_MAX_DIGITS, KIOSK_PIN_MAX_TRIES } from '../../domain/kiosk/kioskPolicy';
import { Keypad } from './Keypad';

type Props = { readonly check: (pin: string) => Promise<boolean>; readonly onOpen: () => void; readonly onCancel: () => void; readonly now: () => number };

// Survives closing the dialog (but not a reload): guessing by reopening it gains nothing.
let wrongInRow = 0;
let lockedUntil = 0;

export function PinDialog({ check, onOpen, onCancel, now }: Props) {
  const { t } = useTranslation('kiosk');
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const [waitS, setWaitS] = useState(() => Math.max(0, Math.ceil((lockedUntil - now()) / 1000)));

  useEffect(() => {
    if (waitS <= 0) return;
    const id = setTimeout(() => setWaitS(Math.max(0, Math.ceil((lockedUntil - now()) / 1000))), 1000);
    return () => clearTimeout(id);
  }, [waitS, now]);

  async function submit() {
    if (waitS > 0) return;
    if (await check(pin)) {
      wrongInRow = 0;
      onOpen();
      return;
    }
    wrongInRow++;
    setPin('');
    setWrong(true);
    if (wrongInRow >= KIOSK_PIN_MAX_TRIES) {
      wrongInRow = 0;
      lockedUntil = now() + KIOSK_PIN_LOCKOUT_S * 1000;
      setWaitS(KIOSK_PIN_LOCKOUT_S);
    }
  }

  return (
    <div className="kiosk-dialog-backdrop" role="presentation">
      <div className="kiosk-dialog" role="dialog" aria-modal="true" aria-labelledby="kiosk-pin-dialog-title" data-testid="kiosk-pin-dialog">
        <h2 id="kiosk-pin-dialog-title">{t('pin.enterTitle')}</h2>
        <p className="kiosk-pin-dots" aria-live="polite">
          <span aria-hidden="true">{'•'.repeat(pin.length)}</span>
          <span className="sr-only">{t('pin.entered', { count: pin.length })}</span>
        </p>
        <Keypad
          value={pin}
          onChange={(v) => {
            setPin(v);
            setWrong(false);
          }}
          maxLength={KIOSK_PIN_MAX_DIGITS}
        />
        {waitS > 0 ? (
          <p className="kiosk-problem" role="alert">
            {t('pin.locked', { seconds: waitS })}
          </p>
        ) : (
          wrong && (
            <p className="kiosk-problem" role="alert">
              {t('pin.wrong')}
            </p>
          )
        )}
        <div className="kiosk-actions">
          <button type="button" className="kiosk-secondary" onClick={onCancel}>
            {t('pin.cancel')}
          </button>
          <button type="button" className="kiosk-primary" data-testid="kiosk-pin-open" disabled={waitS > 0 || pin.length === 0} onClick={() => void submit()}>
            {t('pin.open')}
          </button>
        </div>
      </div>
    </div>
  );
}
