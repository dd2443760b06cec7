/** Calls `onIdle` after `seconds` without a touch or key, while `active`; any touch restarts the wait. */
import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'input'] as const;

export function useIdleReset(active: boolean, seconds: number, onIdle: () => void): void {
  const cb = useRef(onIdle);
  useEffect(() => {
    cb.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => cb.current(), seconds * 1000);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => cb.current(), seconds * 1000);
    };
    for (const t of ACTIVITY) window.addEventListener(t, touch, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const t of ACTIVITY) window.removeEventListener(t, touch, { capture: true });
    };
  }, [active, seconds]);
}
