/** The queue's "chưa số hóa đủ" filter (DIG1). */
import { useTranslation } from 'react-i18next';

export function UndigitisedToggle({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation('files');
  return (
    <label className="row" style={{ fontWeight: 400, margin: '8px 0' }}>
      <input
        type="checkbox"
        style={{ width: 28, minHeight: 28 }}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid="filter-undigitised"
      />
      {t('queue.undigitised')}
    </label>
  );
}
