/**
 * The service worker and the app update: a new version waits until the officer says "update",
 * and the button waits until no form has unsaved input (drafts are in IndexedDB anyway). A tablet
 * left open all day checks for a new version every UPDATE_CHECK_MS and when it is shown again.
 * Also asks for persistent storage and remembers the answer.
 */
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

/** The part of a ServiceWorkerRegistration the update watch reads. */
export type RegistrationLike = Pick<ServiceWorkerRegistration, 'waiting' | 'installing' | 'addEventListener'>;

/**
 * Calls `onWaiting` for every new version that finishes installing while an older one controls
 * the page (and for one already waiting when the watch starts): each new version of the day, not
 * only the first, and whoever asked for the update check.
 */
export function watchForWaiting(reg: RegistrationLike, hasController: () => boolean, onWaiting: (sw: ServiceWorker) => void): void {
  if (reg.waiting && hasController()) onWaiting(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const sw = reg.installing;
    sw?.addEventListener('statechange', () => {
      if (sw.state === 'installed' && reg.waiting === sw && hasController()) onWaiting(sw);
    });
  });
}

/**
 * Registers the service worker and watches the registration the browser already has: a tablet
 * started offline has it at once, while `register()` may wait on the network; the first
 * registration, if it failed offline, is tried again at the next update check.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const container = navigator.serviceWorker;
  const register = () => container.register('/sw.js', { scope: '/' }).catch(() => undefined);
  const onWaiting = (waiting: ServiceWorker) =>
    usePwa.setState({
      updateReady: true,
      applyUpdate: () => {
        container.addEventListener('controllerchange', () => location.reload(), { once: true });
        waiting.postMessage({ type: 'SKIP_WAITING' });
      },
    });
  let watching = false;
  const watch = (reg: ServiceWorkerRegistration | undefined) => {
    if (!reg || watching) return;
    watching = true;
    watchForWaiting(reg, () => container.controller !== null, onWaiting);
  };
  const registration = async () => (await container.getRegistration('/')) ?? register();
  void container.ready.then(() => usePwa.setState({ offlineReady: true }));
  void registration().then((reg) => {
    watch(reg);
    // an update check offline fails; the next one tries again
    startUpdateChecks(() => {
      void registration()
        .then((r) => {
          watch(r);
          return r?.update();
        })
        .catch(() => undefined);
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
