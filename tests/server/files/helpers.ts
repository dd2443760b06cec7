/** Devices, events and files against a real server, over HTTP. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createFileTransport, createHttpTransport, PROTOCOL_VERSION, type DeviceProfile, type DeviceRole } from '../../../src/protocol';
import type { DigitisedFile, DossierEvent } from '../../../src/domain/dossier/events';
import { buildEvent, buildReceived } from '../../support/builders';
import { STATUS } from '../../contracts/sync.contract';
import type { TestServer } from '../../support/server';

export async function enrolled(server: TestServer, role: DeviceRole, communeId?: string): Promise<DeviceProfile> {
  const code = await server.enrollCode(role, communeId);
  return createHttpTransport({ baseUrl: server.url }).enroll({ protocolVersion: PROTOCOL_VERSION, code, deviceName: `máy ${role}`, appVersion: '0.1.0' });
}

let seq = 100;
let dossierN = 0;

/** A fake PDF of `size` bytes (real magic bytes, random body). */
export function pdfBytes(size: number): Uint8Array {
  const b = new Uint8Array(randomBytes(size));
  b.set(new TextEncoder().encode('%PDF-1.4\n'));
  return b;
}

export const hashOf = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function fileOf(bytes: Uint8Array, paperCode = 'toKhai', type: DigitisedFile['type'] = 'application/pdf'): DigitisedFile {
  return { sha256: hashOf(bytes), size: bytes.length, type, pages: 1, paperCode, name: `Giấy ${paperCode}` };
}

/** Pushes an intake and a papersDigitised event naming `files`; returns the dossier code. */
export async function pushDossierWithFiles(server: TestServer, p: DeviceProfile, files: DigitisedFile[]): Promise<string> {
  const code = `000.00.06.H56-260302-${String(1000 + (++dossierN % 8999)).padStart(4, '0')}${randomUUID().slice(0, 3)}`;
  const env = { communeId: p.communeId, deviceId: p.deviceId, dossierId: code };
  const events: DossierEvent[] = [
    buildReceived(
      { papers: files.map((f) => ({ paperId: f.paperCode, name: f.name, kind: 'original' as const, count: 1 })) },
      { ...env, id: randomUUID(), deviceSeq: ++seq },
    ),
    buildEvent('papersDigitised', { stage: 'intake', files }, { ...env, id: randomUUID(), deviceSeq: ++seq, at: Date.UTC(2026, 2, 2, 3) }),
  ];
  const res = await createHttpTransport({ baseUrl: server.url }).push(p.token, { protocolVersion: PROTOCOL_VERSION, events, status: STATUS });
  if (res.results.some((r) => r.outcome === 'rejected')) throw new Error(JSON.stringify(res.results));
  return code;
}

/** The file protocol client, counting the bytes it sends. */
export function countingFiles(url: string) {
  const counter = { sent: 0 };
  const transport = createFileTransport({
    baseUrl: url,
    fetch: (input, init) => {
      if (init?.method === 'PUT' && init.body instanceof Uint8Array) counter.sent += init.body.length;
      return fetch(input, init);
    },
  });
  return { transport, counter };
}
