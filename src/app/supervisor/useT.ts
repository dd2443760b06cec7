/** Keys built at run time (`col.${name}`) are checked by the i18n parity test, not by the compiler. */
import { useTranslation } from 'react-i18next';
import type { Translate } from './exportTables';

export function useT(): { t: Translate; tVi: Translate; exists: (key: string) => boolean } {
  const { t, i18n } = useTranslation('supervisor');
  return {
    t: t as unknown as Translate,
    // files that leave the office are in Vietnamese whatever the screen's language
    tVi: i18n.getFixedT('vi', 'supervisor') as unknown as Translate,
    exists: (key) => i18n.exists(key, { ns: 'supervisor' }),
  };
}

export const percent = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN')} %`);
