/** Lock the counter after some minutes without a touch or a key (lock after idle). */
import { useEffect } from 'react';
import { useSession } from './session';

export function useIdleLock(minutes: number): void {
  const lock = useSession((s) => s.lock);
  const signedIn = useSession((s) => s.user !== null && !s.locked);
  useEffect(() => {
    if (!signedIn || minutes <= 0) return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [minutes, lock, signedIn]);
}
