/** Loads an upstream answer for the signed-in supervisor; a lost session sends them back to sign in. */
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../supervisor/useT';
import { isSessionGone, upstreamErrorText } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

export function useUpstream<T>(load: () => Promise<T>, onSessionGone: () => void): { data: Loaded<T>; reload: () => void } {
  const { t } = useT();
  const [data, setData] = useState<Loaded<T>>({ state: 'loading' });
  const run = useCallback(() => {
    let live = true;
    setData({ state: 'loading' });
    load().then(
      (value) => live && setData({ state: 'ok', value }),
      (e: unknown) => {
        if (!live) return;
        if (isSessionGone(e)) onSessionGone();
        else setData({ state: 'error', message: upstreamErrorText(t, e) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, onSessionGone, t]);
  useEffect(() => run(), [run]);
  return { data, reload: run };
}
