/**
 * The kiosk: a tablet beside the counter that citizens rate the service on, with nobody
 * watching it. No officer signs in; the supervisor leaves it through a hidden corner and the kiosk
 * PIN. Every step goes back to idle after the idle timeout (idleTimeout.ts), so the next citizen
 * never sees the previous one's screen.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KIOSK_THANKS_S } from '../../domain/kiosk/kioskPolicy';
import { getMeta } from '../db/meta';
import { usePwa } from '../shell/pwa';
import { useServices } from '../shell/services';
import { AdminPanel } from './AdminPanel';
import { CheckScreen } from './CheckScreen';
import { CriteriaScreen } from './CriteriaScreen';
import { HiddenCorner } from './HiddenCorner';
import { IdentifyScreen } from './IdentifyScreen';
import { IdleScreen } from './IdleScreen';
import { kioskIdleResetS } from './idleTimeout';
import { checkKioskPin, readKioskPin, setKioskPin } from './kioskPin';
import { MessageScreen } from './MessageScreen';
import { PinDialog } from './PinDialog';
import { PinSetupScreen } from './PinSetupScreen';
import { RateScreen } from './RateScreen';
import { ReasonsScreen } from './ReasonsScreen';
import { StatusScreen } from './StatusScreen';
import { useIdleReset } from './useIdleReset';
import { useKioskFlow } from './useKioskFlow';
import { useLockdown } from './useLockdown';
import './kiosk.css';

export function KioskApp() {
  const { t } = useTranslation('kiosk');
  const { db, engine, now } = useServices();
  useLockdown();
  const device = useLiveQuery(async () => (await getMeta(db, 'device')) ?? null, [db]);
  const pin = useLiveQuery(async () => ({ hash: await readKioskPin(db) }), [db]);
  const flow = useKioskFlow(db, now);
  const [asking, setAsking] = useState(false);
  const { step, go, reset } = flow;

  const toIdle = useCallback(() => {
    setAsking(false);
    reset();
  }, [reset]);
  useIdleReset(step.kind !== 'idle' || asking, kioskIdleResetS(), toIdle);

  // Nobody is there to press "update": a new version is applied on the idle screen, where no citizen
  // is mid-way and every rating is already in IndexedDB.
  const update = usePwa((s) => (s.updateReady ? s.applyUpdate : null));
  useEffect(() => {
    if (update && step.kind === 'idle' && !asking) update();
  }, [update, step.kind, asking]);

  useEffect(() => {
    if (step.kind !== 'thanks') return;
    const id = setTimeout(reset, KIOSK_THANKS_S * 1000);
    return () => clearTimeout(id);
  }, [step, reset]);

  if (!device || !pin) return <main className="kiosk" aria-busy="true" />;
  if (!pin.hash) {
    return (
      <main className="kiosk">
        <PinSetupScreen onSave={(p) => setKioskPin(db, p)} />
      </main>
    );
  }

  function screen() {
    switch (step.kind) {
      case 'idle':
        return <IdleScreen onStart={(intent) => go({ kind: 'identify', intent })} />;
      case 'identify':
        return (
          <IdentifyScreen intent={step.intent} agencyCode={device?.agencyCode ?? ''} onBack={reset} onFound={(f) => void flow.identified(step.intent, f)} />
        );
      case 'check':
        return <CheckScreen code={step.target.code} onBack={reset} onCheck={(c) => void flow.checked(step.target, c)} />;
      case 'notFound':
        return (
          <MessageScreen title={t('notFound.title')} face="satisfied" onDone={reset} testId="kiosk-not-found">
            <p>{t('notFound.body', { code: step.code })}</p>
          </MessageScreen>
        );
      case 'rate':
        return (
          <RateScreen
            code={step.target.code}
            onBack={reset}
            onDetails={() => go({ kind: 'criteria', target: step.target })}
            onLevel={(level) => (level === 'dissatisfied' ? go({ kind: 'reasons', target: step.target }) : void flow.submit(step.target, { level }))}
          />
        );
      case 'criteria':
        return (
          <CriteriaScreen
            onBack={() => go({ kind: 'rate', target: step.target })}
            onDone={(criteria, level) =>
              level === 'dissatisfied' ? go({ kind: 'reasons', target: step.target, criteria }) : void flow.submit(step.target, { level, criteria })
            }
          />
        );
      case 'reasons':
        return (
          <ReasonsScreen
            onBack={() => go({ kind: 'rate', target: step.target })}
            onDone={(reasons, comment) =>
              void flow.submit(step.target, { level: 'dissatisfied', reasons, comment, ...(step.criteria ? { criteria: step.criteria } : {}) })
            }
          />
        );
      case 'thanks':
        return (
          <MessageScreen title={t('thanks.title')} face="verySatisfied" onDone={reset} testId="kiosk-thanks">
            <p>{t('thanks.recorded')}</p>
            {!step.known && <p data-testid="kiosk-thanks-unknown">{t('thanks.unknown')}</p>}
          </MessageScreen>
        );
      case 'refused':
        return (
          <MessageScreen title={t('thanks.title')} face="satisfied" onDone={reset} testId="kiosk-refused">
            <p>{t('refused.alreadyRated', { code: step.code })}</p>
          </MessageScreen>
        );
      case 'status':
        return (
          <StatusScreen target={step.target} canRate={step.target.row?.rated !== 1} onDone={reset} onRate={() => void flow.identified('rate', step.target)} />
        );
      case 'admin':
        return engine ? <AdminPanel db={db} engine={engine} communeName={device?.communeName ?? ''} onBack={reset} /> : null;
    }
  }

  return (
    <main className="kiosk" data-testid="kiosk" data-step={step.kind}>
      <HiddenCorner onLongPress={() => setAsking(true)} />
      {screen()}
      {asking && (
        <PinDialog
          now={now}
          check={(p) => checkKioskPin(db, p)}
          onCancel={() => setAsking(false)}
          onOpen={() => {
            setAsking(false);
            go({ kind: 'admin' });
          }}
        />
      )}
    </main>
  );
}
