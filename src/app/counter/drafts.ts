/** Half-filled forms live in IndexedDB, so a reload or an app update loses nothing. */
import { useEffect, useRef, useState } from 'react';
import type { MotCuaDb } from '../db/schema';
import { useSession } from '../shell/session';

/** Loads the draft once, then saves every change (debounced); `clear` after a successful save. */
export function useDraft<T>(
  db: MotCuaDb,
  id: string,
  userId: string,
  empty: T,
): { value: T; set: (v: T) => void; loaded: boolean; clear: () => Promise<void> } {
  const [value, setValue] = useState<T>(empty);
  const [loaded, setLoaded] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const setFormDirty = useSession((s) => s.setFormDirty);

  useEffect(() => {
    let live = true;
    void db.drafts.get(id).then((d) => {
      if (!live) return;
      if (d && d.userId === userId) {
        setValue({ ...empty, ...(d.data as Partial<T>) });
        setFormDirty(true);
      }
      setLoaded(true);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per draft id
  }, [db, id, userId]);

  useEffect(
    () => () => {
      setFormDirty(false);
    },
    [setFormDirty],
  );

  const set = (v: T) => {
    setValue(v);
    setFormDirty(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      void db.drafts.put({ id, userId, updatedAt: Date.now(), data: v });
    }, 250);
  };
  const clear = async () => {
    window.clearTimeout(timer.current);
    await db.drafts.delete(id);
    setFormDirty(false);
    setValue(empty);
  };
  return { value, set, loaded, clear };
}
