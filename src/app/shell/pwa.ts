/**
 * The service worker and the app update: a new version waits until the officer says "update",
 * and the button waits until no form has unsaved input (drafts are in IndexedDB anyway).
 * Also asks for persistent storage (tech.md §5) and remembers the answer.
 */
import { Workbox } from 'workbox-window';
import { create } from 'zustand';
import type { MotCuaDb } from '../db/schema';
import { setMeta } from '../db/meta';

type PwaState = { updateReady: boolean; offlineReady: boolean; persisted: boolean | null; applyUpdate: () => void };

export const usePwa = create<PwaState>(() => ({ updateReady: false, offlineReady: false, persisted: null, applyUpdate: () => undefined }));

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
  wb.addEventListener('activated', (e) => { if (!e.isUpdate) usePwa.setState({ offlineReady: true }); });
  void wb.register();
}

export async function requestPersistentStorage(db: MotCuaDb): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  const persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  usePwa.setState({ persisted });
  await setMeta(db, 'storagePersisted', persisted);
  return persisted;
}
