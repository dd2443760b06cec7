/**
 * A new event recorded on this device (the counter's actions, the kiosk's ratings): its envelope,
 * and the writes that keep it until the server has it. The caller issues those writes in the
 * transaction that also writes whatever else the event changes.
 */
import type { DossierEvent, DossierEventOf, EventPayloads, EventType } from '../../domain/dossier/events';
import type { DeviceProfile } from '../../protocol';
import { setMeta } from './meta';
import type { MotCuaDb, StoredEvent } from './schema';
import { uuidv7 } from './uuidv7';

/** Events are recorded in Vietnam time (UTC+7), whatever the machine's zone. */
const TZ_OFFSET_MIN = 420;

export function localEvent<T extends EventType>(
  device: Pick<DeviceProfile, 'communeId' | 'deviceId'>,
  actorId: string,
  dossierId: string,
  type: T,
  payload: EventPayloads[T],
  at: number,
  deviceSeq: number,
): DossierEventOf<T> {
  return {
    id: uuidv7(at),
    dossierId,
    communeId: device.communeId,
    deviceId: device.deviceId,
    actorId,
    at,
    tzOffsetMin: TZ_OFFSET_MIN,
    deviceSeq,
    type,
    payload,
  } as DossierEventOf<T>;
}

/** The event, its pending outbox item and the device's sequence: requests to issue together. */
export function queueLocalEvent(db: MotCuaDb, event: DossierEvent): Promise<unknown>[] {
  return [
    setMeta(db, 'deviceSeq', event.deviceSeq),
    db.events.add({ ...event, ownSeq: event.deviceSeq } satisfies StoredEvent),
    db.outbox.add({
      eventId: event.id,
      deviceSeq: event.deviceSeq,
      dossierId: event.dossierId,
      createdAt: event.at,
      state: 'pending',
      attempts: 0,
      lastError: null,
      permanent: false,
    }),
  ];
}
