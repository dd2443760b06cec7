/**
 * RET3: a dossier whose personal data the tablet dropped after the retention period (RET1) is
 * fetched again from the server when it is opened online, folded in memory and shown; nothing of
 * it is written back (the tablet keeps to its retention). Offline, or when the server cannot say,
 * the screen says the details are kept upstream.
 */
import { useEffect, useState } from 'react';
import type { DossierState } from '../../domain/dossier/state';
import { foldDossier } from '../../domain/dossier/fold';
import { TransportError } from '../../protocol/transport';
import type { StoredEvent } from '../db/schema';
import { useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { useOnline } from '../shell/useOnline';
import type { PurgedRow } from './retention';

export type UpstreamDetails =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'shown'; readonly state: DossierState; readonly events: readonly StoredEvent[] }
  | { readonly kind: 'unavailable'; readonly why: 'offline' | 'failed' | 'notFound' };

export function useUpstreamDetails(row: PurgedRow | undefined): UpstreamDetails {
  const { access, engine } = useServices();
  const { device } = useReference();
  const online = useOnline(engine);
  const purged = row?.purgedAt !== undefined;
  const code = row?.id ?? null;
  const token = device?.token ?? null;
  const [details, setDetails] = useState<UpstreamDetails>({ kind: 'none' });

  useEffect(() => {
    if (!purged || !code) {
      setDetails({ kind: 'none' });
      return;
    }
    if (!online || !access || !token) {
      setDetails({ kind: 'unavailable', why: 'offline' });
      return;
    }
    let live = true;
    setDetails({ kind: 'loading' });
    access.dossierEvents(token, code).then(
      (res) => {
        const events = res.events.map((p): StoredEvent => ({ ...p.event, serverSeq: p.serverSeq }));
        const state = foldDossier(events);
        if (live) setDetails(state ? { kind: 'shown', state, events } : { kind: 'unavailable', why: 'notFound' });
      },
      (e: unknown) => {
        if (!live) return;
        const offline = e instanceof TransportError && e.status === null;
        setDetails({ kind: 'unavailable', why: offline ? 'offline' : e instanceof TransportError && e.reason === 'notFound' ? 'notFound' : 'failed' });
      },
    );
    return () => {
      live = false;
    };
  }, [purged, code, online, access, token]);

  return details;
}
