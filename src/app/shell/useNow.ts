import { useEffect, useState } from 'react';
import { useServices } from './services';

/** The current time, refreshed every `everyMs` (overdue and at-risk move with the clock). */
export function useNow(everyMs = 60_000): number {
  const { now } = useServices();
  const [t, setT] = useState(now);
  useEffect(() => {
    const id = window.setInterval(() => setT(now()), everyMs);
    return () => window.clearInterval(id);
  }, [now, everyMs]);
  return t;
}
