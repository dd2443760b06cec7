/** What every screen needs from outside React: the database and the server transport. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Transport } from '../../protocol';
import type { MotCuaDb } from '../db/schema';
import type { SyncEngine } from '../sync/engine';

export type Services = {
  readonly db: MotCuaDb;
  readonly transport: Transport;
  readonly appVersion: string;
  readonly now: () => number;
  /** The background sync; absent in component tests that render a screen alone. */
  readonly engine?: SyncEngine;
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
