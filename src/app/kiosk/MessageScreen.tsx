/** Thank-you and polite-refusal screens: a face, a few large words, one way back. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingLevel } from '../../domain/dossier/events';
import { Face } from './Faces';

type Props = { readonly title: string; readonly face: RatingLevel; readonly children: ReactNode; readonly onDone: () => void; readonly testId: string };

export function MessageScreen({ title, face, children, onDone, testId }: Props) {
  const { t } = useTranslation('kiosk');
  return (
    <section className="kiosk-step kiosk-message" aria-labelledby="kiosk-message-title" data-testid={testId}>
      <Face level={face} size={180} />
      <h1 id="kiosk-message-title">{title}</h1>
      <div className="kiosk-lead" role="status">
        {children}
      </div>
      <div className="kiosk-actions kiosk-actions-center">
        <button type="button" className="kiosk-primary" onClick={onDone}>
          {t('thanks.done')}
        </button>
      </div>
    </section>
  );
}
