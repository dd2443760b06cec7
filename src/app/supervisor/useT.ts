/** The supervisor screens' t: the `supervisor` namespace first, the others by prefix; keys are checked by the compiler. */
import { useTranslation } from 'react-i18next';
import { SUPERVISOR_NS, type Translate } from './exportTables';

export function useT(): { t: Translate; tVi: Translate; i18n: ReturnType<typeof useTranslation>['i18n'] } {
  const { t, i18n } = useTranslation(SUPERVISOR_NS);
  return {
    t,
    // files that leave the office are in Vietnamese whatever the screen's language
    tVi: i18n.getFixedT('vi', SUPERVISOR_NS),
    i18n,
  };
}

export const percent = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN')} %`);
