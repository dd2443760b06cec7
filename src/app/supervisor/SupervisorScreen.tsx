/**
 * The supervisor's screen, at /giam-sat: late and at-risk dossiers, apology compliance,
 * the period report with its drill-down and exports, targets and indicators, and sync status.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessTab } from './AccessTab';
import { useNow } from '../shell/useNow';
import { ApologyTab } from './ApologyTab';
import { DevicesTab } from './DevicesTab';
import { IndicatorsTab } from './IndicatorsTab';
import { LateTab } from './LateTab';
import { defaultChoice, type PeriodChoice } from './periodChoice';
import { ReportTab } from './ReportTab';
import { useT } from './useT';
import './supervisor.css';

export const SUPERVISOR_TABS = ['late', 'apology', 'report', 'targets', 'devices', 'access'] as const;
export type SupervisorTab = (typeof SUPERVISOR_TABS)[number];

export function SupervisorScreen() {
  const { t } = useT();
  const { t: tPrivacy } = useTranslation('privacy');
  const now = useNow();
  const [tab, setTab] = useState<SupervisorTab>('late');
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultChoice(now));
  return (
    <main className="screen sv" data-testid="supervisor">
      <h1 className="no-print">{t('title')}</h1>
      <div className="tabs no-print" role="tablist">
        {SUPERVISOR_TABS.map((k) => (
          <button key={k} role="tab" aria-selected={tab === k} data-testid={`sv-tab-${k}`} onClick={() => setTab(k)}>
            {k === 'access' ? tPrivacy('access.tab') : t(`tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'late' && <LateTab now={now} />}
      {tab === 'apology' && <ApologyTab choice={choice} onChoice={setChoice} now={now} />}
      {tab === 'report' && <ReportTab choice={choice} onChoice={setChoice} now={now} />}
      {tab === 'targets' && <IndicatorsTab choice={choice} onChoice={setChoice} now={now} />}
      {tab === 'devices' && <DevicesTab now={now} />}
      {tab === 'access' && <AccessTab />}
    </main>
  );
}
