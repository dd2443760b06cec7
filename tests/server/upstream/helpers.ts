/** Helpers for the upstream tests: a counter device on the real server, histories stored as from sync. */
import { createHttpTransport, createUpstreamClient, PROTOCOL_VERSION, type DeviceStatus } from '../../../src/protocol';
import type { DossierEvent } from '../../../src/domain/dossier/events';
import { randomHistories, type History } from '../../app/supervisor/fixtures';
import type { TestServer } from '../../support/server';

export const STATUS: DeviceStatus = {
  pendingCount: 0,
  oldestPendingAt: null,
  lastError: null,
  appVersion: 'test',
  storagePersisted: true,
  clockOffsetMs: 0,
  lastSyncAt: null,
};

export async function counterDevice(server: TestServer, communeId = 'xa-demo') {
  const transport = createHttpTransport({ baseUrl: server.url });
  const profile = await transport.enroll({
    protocolVersion: PROTOCOL_VERSION,
    code: await server.enrollCode('counter', communeId),
    deviceName: 'Máy 1',
    appVersion: 'test',
  });
  return { transport, profile };
}

export const upstreamClient = (server: TestServer) => createUpstreamClient({ baseUrl: server.url });

/** Histories of one commune and device, only the events before `notAfter` (nothing from the future). */
export function historiesFor(seed: number, count: number, start: number, spanDays: number, communeId: string, deviceId: string, notAfter: number): History[] {
  return randomHistories(seed, count, start, spanDays)
    .map((h) => ({
      id: h.id,
      events: h.events.filter((e) => e.at < notAfter).map((e): DossierEvent => ({ ...e, communeId, deviceId })),
    }))
    .filter((h) => h.events.length > 0);
}

/** Stores events as sync would: interleaved across dossiers by time, in batches, so aggregates are kept event by event. */
export async function storeInterleaved(server: TestServer, communeId: string, histories: readonly History[], batch = 40): Promise<number> {
  const all = histories.flatMap((h) => h.events).sort((a, b) => a.at - b.at);
  for (let i = 0; i < all.length; i += batch) await server.admin.store.appendEvents(communeId, all.slice(i, i + batch), Date.now());
  return all.length;
}
