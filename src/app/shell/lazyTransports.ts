/**
 * The HTTP transports, loaded on their first call: they parse every answer with the protocol's
 * schemas (zod), which the first screen does not need. Offline the chunk comes from the precache.
 */
import type { AccessTransport } from '../../protocol/accessClient';
import type { FileTransport } from '../../protocol/fileTransport';
import type { HttpTransportOptions } from '../../protocol/httpTransport';
import type { SupervisorTransport } from '../../protocol/transport';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () =>
    (made ??= load().catch((e: unknown) => {
      made = null; // a failed chunk load (an update mid-way) is tried again next time
      throw e;
    }));
}

export function lazyHttpTransport(o: HttpTransportOptions): SupervisorTransport {
  const t = once(async () => (await import('../../protocol/httpTransport')).createHttpTransport(o));
  return {
    enroll: async (req) => (await t()).enroll(req),
    push: async (token, req) => (await t()).push(token, req),
    pull: async (token, req) => (await t()).pull(token, req),
    reference: async (token, kind) => (await t()).reference(token, kind),
    devices: async (token) => (await t()).devices(token),
    portal: async (token, range) => (await t()).portal(token, range),
  };
}

export function lazyFileTransport(o: HttpTransportOptions): FileTransport {
  const t = once(async () => (await import('../../protocol/fileTransport')).createFileTransport(o));
  return {
    uploadStatus: async (token, sha256) => (await t()).uploadStatus(token, sha256),
    putChunk: async (token, sha256, offset, bytes, file) => (await t()).putChunk(token, sha256, offset, bytes, file),
    download: async (token, sha256) => (await t()).download(token, sha256),
  };
}

export function lazyAccessTransport(o: HttpTransportOptions): AccessTransport {
  const t = once(async () => (await import('../../protocol/accessClient')).createAccessTransport(o));
  return {
    pushAccess: async (token, req) => (await t()).pushAccess(token, req),
    accessLog: async (token, q) => (await t()).accessLog(token, q),
    dossierEvents: async (token, code) => (await t()).dossierEvents(token, code),
  };
}
