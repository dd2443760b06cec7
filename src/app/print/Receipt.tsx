/** FRM3: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with the QR code the kiosk reads (no personal data). */
import { useTranslation } from 'react-i18next';
import type { DossierState } from '../../domain/dossier/state';
import { encodeReceiptQr } from '../../domain/dossier/receiptQr';
import { formatVnDateTime } from '../../domain/time/vnTime';
import type { FormSet } from './formNumbers';
import { Paper, Signatures } from './Paper';
import { useQrDataUrl } from './useQrDataUrl';
import { useReceiptCheck } from './useReceiptCheck';
import { ReceiptDigitised } from '../files/ReceiptDigitised';

export type FormProps = {
  readonly state: DossierState;
  readonly communeName: string;
  readonly formSet: FormSet;
  readonly officerName: string;
  readonly resultAt?: string | undefined;
  /** SAT3: the commune's receipt key (device profile), for the check code the kiosk asks for. */
  readonly receiptKey?: string | undefined;
};

const vnd = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

export function Receipt({ state: s, communeName, formSet, officerName, resultAt, receiptKey }: FormProps) {
  const { t } = useTranslation('print');
  const check = useReceiptCheck(receiptKey, s.code);
  const qrText = encodeReceiptQr({ code: s.code, procedureCode: s.procedureCode, officerId: s.receivedBy, ...(check ? { checkCode: check } : {}) });
  // no QR until the check code is known, so a receipt never prints the QR without it
  const qr = useQrDataUrl(check === undefined ? null : qrText);
  const start = s.supplements.at(-1)?.receivedAt ?? s.receivedAt;
  return (
    <Paper form="receipt" formSet={formSet} communeName={communeName} at={start}>
      <div className="code-line">
        <div>
          <div>
            {t('code')} <strong data-testid="receipt-code">{s.code}</strong>
          </div>
          {check && (
            <div>
              {t('checkCode')}{' '}
              <strong className="check-code" data-testid="receipt-check">
                {check}
              </strong>
            </div>
          )}
        </div>
        {qr && <img className="qr" src={qr} alt={t('qrAlt')} data-testid="receipt-qr" width={120} height={120} />}
      </div>
      <p>{t('receipt.intro', { agency: t('agency'), commune: communeName })}</p>
      <dl className="lines">
        <dt>{t('applicant')}</dt>
        <dd>{s.applicant.name}</dd>
        {s.applicant.organisation && (
          <>
            <dt>{t('organisation')}</dt>
            <dd>{s.applicant.organisation}</dd>
          </>
        )}
        {s.applicant.idNumber && (
          <>
            <dt>{t('idNumber')}</dt>
            <dd>{s.applicant.idNumber}</dd>
          </>
        )}
        {s.applicant.address && (
          <>
            <dt>{t('address')}</dt>
            <dd>{s.applicant.address}</dd>
          </>
        )}
        {s.applicant.phone && (
          <>
            <dt>{t('phone')}</dt>
            <dd>{s.applicant.phone}</dd>
          </>
        )}
        {s.applicant.email && (
          <>
            <dt>{t('email')}</dt>
            <dd>{s.applicant.email}</dd>
          </>
        )}
        <dt>{t('procedure')}</dt>
        <dd>{s.procedureName}</dd>
      </dl>
      <p className="strong">{t('receipt.papers')}</p>
      <ol className="papers-list">
        {s.papers.map((p) => (
          <li key={p.paperId}>
            {p.name} ({t(`paperKind.${p.kind}`)}: {p.count})
          </li>
        ))}
      </ol>
      <ReceiptDigitised state={s} />
      <dl className="lines">
        <dt>{t('sets')}</dt>
        <dd>{s.sets}</dd>
        <dt>{t('fee')}</dt>
        <dd>
          {vnd(s.feeVnd)} {t('currency')}
        </dd>
        <dt>{t('processing')}</dt>
        <dd>{t(`processingTime.${s.processing.unit}`, { amount: 'amount' in s.processing ? s.processing.amount : 0 })}</dd>
        <dt>{t('receivedAt')}</dt>
        <dd data-testid="receipt-received">{formatVnDateTime(start)}</dd>
        <dt>{t('dueAt')}</dt>
        <dd className="strong" data-testid="receipt-due">
          {s.effectiveDueAt === null ? '—' : formatVnDateTime(s.effectiveDueAt)}
        </dd>
        <dt>{t('resultAt')}</dt>
        <dd>{resultAt ?? t('resultAtDefault')}</dd>
      </dl>
      <p className="muted">{t('receipt.rateHint')}</p>
      <Signatures left={t('submitter')} right={t('receiver', { name: officerName })} />
    </Paper>
  );
}
