/** FRM3 + DIG1: the receipt says which papers were digitised (and how many pages). */
import { useTranslation } from 'react-i18next';
import type { DossierState } from '../../domain/dossier/state';
import { digitisationOf } from '../../domain/files/digitisation';

export function ReceiptDigitised({ state }: { state: DossierState }) {
  const { t } = useTranslation('files');
  const done = digitisationOf(state).papers.filter((p) => p.file !== null);
  return (
    <p data-testid="receipt-digitised">
      <span className="strong">{t('receipt.digitised')}: </span>
      {done.length === 0 ? t('receipt.none') : done.map((p) => `${p.name} (${t('viewer.pages', { n: p.file?.pages ?? 0 })})`).join('; ')}
    </p>
  );
}
