/** The kiosk's flow: which step shows, and what identifying a dossier or rating it does. */
import { useCallback, useRef, useState } from 'react';
import { decideRating } from '../../domain/kiosk/ratingDecision';
import type { MotCuaDb } from '../db/schema';
import { bindTarget, tryTypedCheck, type Bound } from './bindTarget';
import type { Intent, Step, Submission, Target } from './kioskSteps';
import { recordKioskRating } from './recordRating';

export type KioskFlow = {
  readonly step: Step;
  go(step: Step): void;
  reset(): void;
  identified(intent: Intent, found: Omit<Target, 'row'>): Promise<void>;
  /** SAT3: the check code typed for a number the kiosk has not synced. */
  checked(target: Target, checkCode: string): Promise<void>;
  submit(target: Target, s: Submission): Promise<void>;
};

export function useKioskFlow(db: MotCuaDb, now: () => number): KioskFlow {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  // one write at a time: a double tap while the first is saving must not start a second
  const busy = useRef(false);
  const reset = useCallback(() => setStep({ kind: 'idle' }), []);

  /** A bound target goes on to rating, unless it is rated already. */
  const toRating = useCallback(
    async (target: Target, bound: Bound) => {
      if (!bound.ok) {
        setStep({ kind: 'notFound', code: target.code });
        return;
      }
      const mine = await db.events
        .where('dossierId')
        .equals(target.code)
        .filter((e) => e.type === 'rated')
        .toArray();
      const decision = decideRating({
        ratedUpstream: target.row?.rated === 1,
        localRatingTimes: mine.map((e) => e.at),
        now: now(),
        receivedAt: target.row?.receivedAt ?? null,
      });
      // a rating made seconds ago is still a rating: only the recorder treats a double tap as one press
      setStep(decision === 'new' ? { kind: 'rate', target } : { kind: 'refused', code: target.code });
    },
    [db, now],
  );

  const identified = useCallback(
    async (intent: Intent, found: Omit<Target, 'row'>) => {
      const row = (await db.kioskDossiers.get(found.code)) ?? null;
      const target: Target = { ...found, row };
      if (intent === 'status') {
        setStep({ kind: 'status', target });
        return;
      }
      // a number the kiosk has not synced, with no check code from a receipt QR: ask for it
      if (!row && found.checkCode === undefined) {
        setStep({ kind: 'check', target });
        return;
      }
      await toRating(target, await bindTarget(db, found.code, found.checkCode ?? null, now()));
    },
    [db, now, toRating],
  );

  const checked = useCallback(
    async (target: Target, checkCode: string) => {
      if (busy.current) return;
      busy.current = true;
      try {
        const bound = await tryTypedCheck(db, target.code, checkCode, now());
        await toRating({ ...target, checkCode }, bound);
      } finally {
        busy.current = false;
      }
    },
    [db, now, toRating],
  );

  const submit = useCallback(
    async (target: Target, s: Submission) => {
      if (busy.current) return;
      busy.current = true;
      try {
        const r = await recordKioskRating(
          db,
          {
            code: target.code,
            ...s,
            ...(target.officerId ? { officerId: target.officerId } : {}),
            ...(target.procedureCode ? { procedureCode: target.procedureCode } : {}),
            ...(target.checkCode ? { checkCode: target.checkCode } : {}),
          },
          now(),
        );
        if (r.ok) setStep({ kind: 'thanks', known: r.value.known });
        else if (r.error.code === 'kiosk.alreadyRated') setStep({ kind: 'refused', code: target.code });
        else setStep(r.error.code === 'kiosk.badCode' || r.error.code === 'kiosk.notEnrolled' ? { kind: 'idle' } : { kind: 'notFound', code: target.code });
      } finally {
        busy.current = false;
      }
    },
    [db, now],
  );

  return { step, go: setStep, reset, identified, checked, submit };
}
