/** The kiosk's flow: which step shows, and what identifying a dossier or rating it does. */
import { useCallback, useRef, useState } from 'react';
import { decideRating } from '../../domain/kiosk/ratingDecision';
import type { MotCuaDb } from '../db/schema';
import type { Intent, Step, Submission, Target } from './kioskSteps';
import { recordKioskRating } from './recordRating';

export type KioskFlow = {
  readonly step: Step;
  go(step: Step): void;
  reset(): void;
  identified(intent: Intent, found: Omit<Target, 'row'>): Promise<void>;
  submit(target: Target, s: Submission): Promise<void>;
};

export function useKioskFlow(db: MotCuaDb, now: () => number): KioskFlow {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  // one write at a time: a double tap while the first is saving must not start a second
  const busy = useRef(false);
  const reset = useCallback(() => setStep({ kind: 'idle' }), []);

  const identified = useCallback(async (intent: Intent, found: Omit<Target, 'row'>) => {
    const row = (await db.kioskDossiers.get(found.code)) ?? null;
    const target: Target = { ...found, row };
    if (intent === 'status') {
      setStep({ kind: 'status', target });
      return;
    }
    const mine = await db.events.where('dossierId').equals(found.code).filter((e) => e.type === 'rated').toArray();
    const decision = decideRating({ ratedUpstream: row?.rated === 1, localRatingTimes: mine.map((e) => e.at), now: now() });
    // a rating made seconds ago is still a rating: only the recorder treats a double tap as one press
    setStep(decision === 'new' ? { kind: 'rate', target } : { kind: 'refused', code: found.code });
  }, [db, now]);

  const submit = useCallback(async (target: Target, s: Submission) => {
    if (busy.current) return;
    busy.current = true;
    try {
      const r = await recordKioskRating(db, {
        code: target.code, ...s,
        ...(target.officerId ? { officerId: target.officerId } : {}),
        ...(target.procedureCode ? { procedureCode: target.procedureCode } : {}),
      }, now());
      if (r.ok) setStep({ kind: 'thanks', known: r.value.known });
      else setStep(r.error.code === 'kiosk.alreadyRated' ? { kind: 'refused', code: target.code } : { kind: 'idle' });
    } finally {
      busy.current = false;
    }
  }, [db, now]);

  return { step, go: setStep, reset, identified, submit };
}
