/** Used and available storage, with the warning at 80 % and the refusal before the quota (DIG1). */
import { useTranslation } from 'react-i18next';
import { megabytes, useStorage } from './useStorage';

export function StorageLine({ refreshKey }: { refreshKey?: unknown }) {
  const { t } = useTranslation('files');
  const s = useStorage(refreshKey);
  if (!s || s.quota === 0) return null;
  return (
    <div data-testid="storage-line">
      <p className="muted">{t('storage.used', { used: megabytes(s.usage), quota: megabytes(s.quota) })}</p>
      {s.level !== 'ok' && (
        <div className={`banner ${s.level === 'full' ? 'bad' : 'warn'}`} role="alert">
          {t(s.level === 'full' ? 'storage.full' : 'storage.warn')}
        </div>
      )}
    </div>
  );
}
