/**
 * The service worker and the app update: a new version waits until the officer says "update",
 * and the button waits until no form has unsaved input (drafts are in IndexedDB anyway). A tablet
 * left open all day checks for a new version every UPDATE_CHECK_MS and when it is shown again.
 * Also asks for persistent storage and remembers the answer.
 */
import { Workbox } from 'workbox-window';
import { create } from 'zustand';
import type { MotCuaDb } from '../db/schema';
import { setMeta } from '../db/meta';

type PwaState = { updateReady: boolean; offlineReady: boolean; persisted: boolean | null; applyUpdate: () => void };

export const usePwa = create<PwaState>(() => ({ updateReady: false, offlineReady: false, persisted: null, applyUpdate: () => undefined }));

/** How often an open tablet asks the server whether a new version of the app is out. */
export const UPDATE_CHECK_MS = 30 * 60_000;

type Timers = { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
const WINDOW_TIMERS: Timers = { setInterval: (fn, ms) => window.setInterval(fn, ms), clearInterval: (h) => window.clearInterval(h as number) };

/** Calls `check` every `everyMs` and whenever the page becomes visible again; returns the stop. */
export function startUpdateChecks(
  check: () => void,
  o: { everyMs?: number; timers?: Timers; doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> } = {},
): () => void {
  const timers = o.timers ?? WINDOW_TIMERS;
  const doc = o.doc ?? document;
  const handle = timers.setInterval(check, o.everyMs ?? UPDATE_CHECK_MS);
  const onVisible = () => {
    if (doc.visibilityState === 'visible') check();
  };
  doc.addEventListener('visibilitychange', onVisible);
  return () => {
    timers.clearInterval(handle);
    doc.removeEventListener('visibilitychange', onVisible);
  };
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    usePwa.setState({
      updateReady: true,
      applyUpdate: () => {
        wb.addEventListener('controlling', () => location.reload());
        wb.messageSkipWaiting();
      },
    });
  });
  wb.addEventListener('activated', (e) => {
    if (!e.isUpdate) usePwa.setState({ offlineReady: true });
  });
  void wb.register().then((reg) => {
    if (reg?.active) usePwa.setState({ offlineReady: true });
    // an update check offline fails; the next one tries again
    startUpdateChecks(() => {
      void wb.update().catch(() => undefined);
    });
  });
}

export async function requestPersistentStorage(db: MotCuaDb): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  const persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  usePwa.setState({ persisted });
  await setMeta(db, 'storagePersisted', persisted);
  return persisted;
}

/** Notices said once: once per device (`local`) or once per session of the browser tab (`session`). */
export function onceFlag(key: string, where: 'local' | 'session'): { seen: () => boolean; mark: () => void } {
  const store = () => {
    try {
      return where === 'local' ? localStorage : sessionStorage;
    } catch {
      return null;
    }
  };
  return {
    seen: () => store()?.getItem(key) === '1',
    mark: () => {
      try {
        store()?.setItem(key, '1');
      } catch {
        /* private mode: it may show again */
      }
    },
  };
}
