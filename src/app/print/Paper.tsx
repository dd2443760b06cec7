/** A printed page: the agency and the national heading, the form's number and title, the place and date. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { vnParts } from '../../domain/time/vnTime';
import { formNumber, type FormSet, type PrintForm } from './formNumbers';

export type PaperProps = {
  readonly form: PrintForm;
  readonly formSet: FormSet;
  readonly communeName: string;
  readonly at: number;
  readonly children: ReactNode;
  readonly size?: 'a5' | 'a4' | 'a4-landscape';
};

export function Paper({ form, formSet, communeName, at, children, size = 'a5' }: PaperProps) {
  const { t } = useTranslation('print');
  const n = formNumber(formSet, form);
  const d = vnParts(at);
  return (
    <article className={`paper paper-${size}`} data-testid="print-page">
      {n && <div className="form-number">{t('formNumber', { n, set: t(`formSet.${formSet}`) })}</div>}
      <header className="headings">
        <div className="agency">
          <div>{t('agencyParent', { commune: communeName })}</div>
          <div className="strong underline">{t('agency')}</div>
        </div>
        <div className="nation">
          <div className="strong">{t('nation')}</div>
          <div className="strong underline">{t('motto')}</div>
          <div className="place-date">{t('placeDate', { place: communeName, day: d.day, month: d.month, year: d.year })}</div>
        </div>
      </header>
      <h1 className="form-title">{t(`title.${form}`)}</h1>
      {children}
    </article>
  );
}

export function Signatures({ left, right }: { left?: string; right: string }) {
  const { t } = useTranslation('print');
  return (
    <div className="signatures">
      <div>
        {left && (
          <>
            <div className="strong">{left}</div>
            <div className="muted">{t('signHint')}</div>
          </>
        )}
      </div>
      <div>
        <div className="strong">{right}</div>
        <div className="muted">{t('signHint')}</div>
      </div>
    </div>
  );
}
