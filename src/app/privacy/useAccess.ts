/** The screens' side of the access log (PD4): record an access by the signed-in user, or a view when details show. */
import { useCallback, useEffect } from 'react';
import type { AccessKind } from '../../domain/privacy/accessLog';
import { useServices } from '../shell/services';
import { useSession } from '../shell/session';
import { recordAccess } from './accessLog';

/** Records an access by whoever is signed in; resolves once it is on disk (false: nobody signed in, or the write failed). */
export function useRecordAccess(): (kind: AccessKind, dossierIds: readonly string[], detail: string | null) => Promise<boolean> {
  const { db, now } = useServices();
  const userId = useSession((s) => s.user?.id ?? null);
  return useCallback(
    async (kind, dossierIds, detail) => {
      if (!userId) return false;
      try {
        await recordAccess(db, { actorId: userId, kind, dossierIds, detail }, now());
        return true;
      } catch {
        return false;
      }
    },
    [db, now, userId],
  );
}

/** Records a view of these dossiers when their personal details are on screen (`ids` null: they are not). */
export function useViewRecord(ids: readonly string[] | null, detail: string): void {
  const record = useRecordAccess();
  const key = ids?.join('\n') ?? null;
  useEffect(() => {
    if (key !== null) void record('view', key.split('\n'), detail);
  }, [key, detail, record]);
}
