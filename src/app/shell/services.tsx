/** What every screen needs from outside React: the database and the server transport. */
import { createContext, useContext, type ReactNode } from 'react';
import type { AccessTransport, Transport } from '../../protocol';
import type { MotCuaDb } from '../db/schema';
import type { SyncEngine } from '../sync/engine';
import type { FileTransport } from '../../protocol/fileTransport';
import type { Uploader } from '../files/uploader';

export type Services = {
  readonly db: MotCuaDb;
  readonly transport: Transport;
  readonly appVersion: string;
  readonly now: () => number;
  /** The background sync; absent in component tests that render a screen alone. */
  readonly engine?: SyncEngine;
  /** Digitised files: the upload queue and the download transport (absent in screen tests). */
  readonly files?: { readonly uploader: Uploader; readonly transport: FileTransport };
  /** PD4 access log and RET3's one-dossier read (absent in screen tests). */
  readonly access?: AccessTransport;
};

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesProvider missing');
  return s;
}
