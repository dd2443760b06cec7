/** Step 2: the citizen shows the receipt's QR code to the camera, or types its number. */
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeReceiptQr } from '../../domain/dossier/receiptQr';
import { formatTypedDigits, typedDossierCode, TYPED_MAX_DIGITS } from '../../domain/kiosk/typedCode';
import type { Intent, Target } from './kioskSteps';
import { Keypad } from './Keypad';
import { QrScanner } from './QrScanner';

type Props = {
  readonly intent: Intent;
  readonly agencyCode: string;
  readonly onFound: (found: Omit<Target, 'row'>) => void;
  readonly onBack: () => void;
};

type Problem = { readonly key: 'badQr' } | { readonly key: 'badCode'; readonly code: string };

export function IdentifyScreen({ intent, agencyCode, onFound, onBack }: Props) {
  const { t } = useTranslation('kiosk');
  const [digits, setDigits] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const done = useRef(false);

  const found = useCallback(
    (f: Omit<Target, 'row'>) => {
      if (done.current) return;
      done.current = true;
      onFound(f);
    },
    [onFound],
  );

  const scanned = useCallback(
    (text: string) => {
      const qr = decodeReceiptQr(text);
      if (qr.ok) found(qr.value);
      else setProblem({ key: 'badQr' });
    },
    [found],
  );

  function typed() {
    const code = typedDossierCode(agencyCode, digits);
    if (code.ok) found({ code: code.value });
    else setProblem({ key: 'badCode', code: formatTypedDigits(digits) });
  }

  return (
    <section className="kiosk-step kiosk-identify" aria-labelledby="kiosk-identify-title">
      <h1 id="kiosk-identify-title">{intent === 'rate' ? t('identify.titleRate') : t('identify.titleStatus')}</h1>
      <div className="kiosk-identify-body">
        <QrScanner onText={scanned} />
        <div className="kiosk-typed">
          <p className="kiosk-or">{t('identify.or')}</p>
          <label htmlFor="kiosk-code">{t('identify.codeLabel')}</label>
          <output id="kiosk-code" className="kiosk-code-display" data-testid="kiosk-code" aria-live="polite">
            <span className="kiosk-agency">{agencyCode}-</span>
            {formatTypedDigits(digits)}
          </output>
          <p className="kiosk-hint">{t('identify.codeHint')}</p>
          <Keypad
            value={digits}
            onChange={(v) => {
              setDigits(v);
              setProblem(null);
            }}
            maxLength={TYPED_MAX_DIGITS}
          />
        </div>
        {problem && (
          <p className="kiosk-problem" role="alert">
            {problem.key === 'badQr' ? t('identify.badQr') : t('identify.badCode', { code: problem.code })}
          </p>
        )}
      </div>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-secondary" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="kiosk-primary" data-testid="kiosk-code-submit" disabled={digits.length === 0} onClick={typed}>
          {t('identify.submit')}
        </button>
      </div>
    </section>
  );
}
