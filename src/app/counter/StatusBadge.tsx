import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../domain/calendar/types';
import type { DossierState } from '../../domain/dossier/state';
import { judgeOpen } from '../../domain/timeliness/judge';
import { endTimeliness } from '../../domain/timeliness/timeliness';
import { formatVnDate } from '../../domain/time/vnTime';

export function StatusBadge({ state }: { state: DossierState }) {
  const { t } = useTranslation('counter');
  return <span className="badge">{t(`status.${state.status}`)}</span>;
}

/**
 * TIM1/TIM2 by the one domain judgement (judge.ts): early / on time / late once ended; within
 * time / at risk / overdue by the legal date while open, "chờ bổ sung từ …" while papers are
 * owed (DUE4), and the rescheduled date beside (APO2: "Quá hạn, đã hẹn lại 12/12/2026").
 */
export function TimelinessBadge({ state, now, cal }: { state: DossierState; now: number; cal: WorkCalendar }) {
  const { t } = useTranslation('counter');
  const open = judgeOpen(state, now, cal);
  if (open) {
    const label =
      open.kind === 'awaitingSupplement'
        ? t('timeliness.awaitingSupplement', { date: formatVnDate(open.supplementRequestedAt ?? now) })
        : t(`timeliness.${open.kind}`);
    const rescheduled = open.rescheduledTo !== null ? `, ${t('timeliness.rescheduledTo', { date: formatVnDate(open.rescheduledTo) })}` : '';
    return (
      <span className={`badge ${open.kind}`} data-testid="timeliness-badge">
        {label}
        {rescheduled}
      </span>
    );
  }
  const end = state.endedAt !== null && state.endedAt <= now ? endTimeliness(state) : null;
  if (!end) return null;
  return (
    <span className={`badge ${end}`} data-testid="timeliness-badge">
      {t(`timeliness.${end}`)}
    </span>
  );
}
