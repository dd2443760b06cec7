/** The few PouchDB and express-pouchdb entry points the bench uses (the packages ship no types). */
declare module 'pouchdb-core' {
  export type ReplicationResult = { readonly ok: boolean; readonly docs_written: number; readonly docs_read: number; readonly errors: readonly unknown[] };
  export type ReplicateOptions = { readonly batch_size?: number; readonly batches_limit?: number };
  export interface Database {
    bulkDocs(docs: readonly object[]): Promise<readonly { ok?: boolean; error?: string }[]>;
    info(): Promise<{ readonly doc_count: number }>;
    replicate: {
      to(target: string | Database, options?: ReplicateOptions): Promise<ReplicationResult>;
      from(source: string | Database, options?: ReplicateOptions): Promise<ReplicationResult>;
    };
    destroy(): Promise<unknown>;
    close(): Promise<unknown>;
  }
  export interface PouchStatic {
    new (name: string, options?: { adapter?: string }): Database;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: { adapter?: string }): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';
  import type { PouchStatic } from 'pouchdb-core';
  type App = ((req: IncomingMessage, res: ServerResponse) => void) & { listen(port: number, host: string, cb: () => void): Server };
  export default function expressPouchDB(
    pouch: PouchStatic,
    options?: { mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'; inMemoryConfig?: boolean; logPath?: string },
  ): App;
}
