/**
 * The Store on SQL: the same statements on PGlite and PostgreSQL, one file per concern under
 * sql/ (events, dossier projections, devices, reference documents); the kept report aggregates
 * are in aggregatesSql.ts.
 */
import type { Database } from './db';
import type { Store } from './port';
import { createDeviceStore } from './sql/devicesSql';
import { createDossierReads } from './sql/dossiersSql';
import { createEventStore } from './sql/eventsSql';
import { createReferenceStore } from './sql/referencesSql';

/** `outboundQueue: false` only for the bench that measures what the portal connector's queue adds to ingest. */
export function createSqlStore(db: Database, o: { outboundQueue?: boolean } = {}): Store {
  return {
    ...createEventStore(db, o),
    ...createDossierReads(db),
    ...createDeviceStore(db),
    ...createReferenceStore(db),
    close: () => db.close(),
  };
}
