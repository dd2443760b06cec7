/** Who is at the counter, and whether the screen is locked (UI state only: zustand). */
import { create } from 'zustand';
import type { ReferenceUser } from '../../protocol';
import { forgetDataKey } from '../privacy/deviceKey';
import { lockVault } from '../privacy/vault';
import { ROUTES, useRouter } from './router';

type SessionState = {
  user: ReferenceUser | null;
  locked: boolean;
  /** A form with unsaved input is open: the update prompt waits (PWA). */
  formDirty: boolean;
  signIn: (user: ReferenceUser) => void;
  signOut: () => void;
  lock: () => void;
  setFormDirty: (dirty: boolean) => void;
};

export const useSession = create<SessionState>((set) => ({
  user: null,
  locked: false,
  formDirty: false,
  signIn: (user) => set({ user, locked: false }),
  // sign-out takes the data key out of memory (the idle lock keeps it), and leaves the screen it was
  // on: the next person to sign in starts at the queue, not on a citizen's dossier or receipt (PD4)
  signOut: () => {
    lockVault();
    forgetDataKey();
    set({ user: null, locked: false });
    if (useRouter.getState().path !== ROUTES.queue) useRouter.getState().navigate(ROUTES.queue, true);
  },
  lock: () => set((s) => (s.user ? { locked: true } : s)),
  setFormDirty: (formDirty) => set({ formDirty }),
}));
