/**
 * The upstream office, at /thuong-cap: served by the same server, reached without
 * enrolling a device. A supervisor signs in; the screens read the server across their communes.
 */
import { useCallback, useState } from 'react';
import type { UpstreamSession } from '../../protocol';
import { useNow } from '../shell/useNow';
import { defaultChoice, type PeriodChoice } from '../supervisor/periodChoice';
import { useT } from '../supervisor/useT';
import { LoginForm } from './LoginForm';
import { loadSession, saveSession } from './session';
import { UpstreamDevices } from './UpstreamDevices';
import { UpstreamLate } from './UpstreamLate';
import { UpstreamReport } from './UpstreamReport';
import { UpstreamPortal } from './UpstreamPortal';
import { UpstreamAccess } from './UpstreamAccess';
import { UpstreamFiles } from './UpstreamFiles';
import { useTranslation } from 'react-i18next';
import '../supervisor/supervisor.css';
import './upstream.css';

const TABS = ['devices', 'report', 'late', 'portal', 'files', 'access'] as const;
type Tab = (typeof TABS)[number];

export function UpstreamApp() {
  const { t } = useT();
  const { t: tConnector } = useTranslation('connector');
  const { t: tPrivacy } = useTranslation('privacy');
  const { t: tFiles } = useTranslation('files');
  const now = useNow();
  const [session, setSession] = useState<UpstreamSession | null>(() => loadSession(Date.now()));
  const [notice, setNotice] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('devices');
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultChoice(now));

  const signIn = (s: UpstreamSession) => {
    saveSession(s);
    setNotice(null);
    setSession(s);
  };
  const signOut = useCallback((why: string | null) => {
    saveSession(null);
    setNotice(why);
    setSession(null);
  }, []);
  const sessionGone = useCallback(() => signOut(t('upstream.sessionGone')), [signOut, t]);

  if (!session) return <LoginForm onSignedIn={signIn} notice={notice} />;
  return (
    <main className="screen sv" data-testid="upstream">
      <div className="row no-print">
        <h1 style={{ margin: 0 }}>{t('upstream.title')}</h1>
        <span className="spacer" />
        <span data-testid="up-who">{t('upstream.who', { name: session.user.name, n: session.communes.length })}</span>
        <button data-testid="up-sign-out" onClick={() => signOut(null)}>
          {t('upstream.signOut')}
        </button>
      </div>
      <div className="tabs no-print" role="tablist">
        {TABS.map((k) => (
          <button key={k} role="tab" aria-selected={tab === k} data-testid={`up-tab-${k}`} onClick={() => setTab(k)}>
            {k === 'portal' ? tConnector('tab') : k === 'access' ? tPrivacy('access.tab') : k === 'files' ? tFiles('upstream.tab') : t(`upstream.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'devices' && <UpstreamDevices token={session.token} onSessionGone={sessionGone} />}
      {tab === 'late' && <UpstreamLate token={session.token} onSessionGone={sessionGone} />}
      {tab === 'portal' && <UpstreamPortal token={session.token} onSessionGone={sessionGone} />}
      {tab === 'files' && <UpstreamFiles token={session.token} onSessionGone={sessionGone} />}
      {tab === 'access' && <UpstreamAccess session={session} onSessionGone={sessionGone} />}
      {tab === 'report' && <UpstreamReport token={session.token} choice={choice} onChoice={setChoice} onSessionGone={sessionGone} />}
    </main>
  );
}
