/** Seeded builders for dossier events, in Vietnam time. */
import type { DigitisedFile, DossierEvent, DossierEventOf, EventPayloads, EventType, ReceivedPayload } from '../../src/domain/dossier/events';
import { vnInstant } from '../../src/domain/time/vnTime';
import type { DeviceProfile } from '../../src/protocol';

export const T0 = vnInstant(2026, 3, 2, 9, 0); // Monday 2/3/2026 09:00, Vietnam time

/** The enrolled counter tablet of the demo commune, as the app-level tests use it. */
export const TABLET_1: DeviceProfile = {
  deviceId: 'tablet-1',
  token: 't',
  role: 'counter',
  communeId: 'xa-demo',
  communeName: 'Xã Demo',
  agencyCode: '000.00.06.H56',
  codeSlot: 1,
  exportKey: 'k',
  serverTime: T0,
};
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const CODE = '000.00.06.H56-260302-1001';

let counter = 0;
/** A UUIDv7-shaped id whose order follows `at` (then creation order). */
export function eventId(at: number): string {
  counter += 1;
  const hex = at.toString(16).padStart(12, '0');
  const tail = counter.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${tail}`;
}

export function receivedPayload(overrides: Partial<ReceivedPayload> = {}): ReceivedPayload {
  return {
    outcome: 'accepted',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    fieldCode: 'HT',
    channel: 1,
    applicant: { name: 'Nguyễn Thị Đào', idType: 'cccd', idNumber: '001190012345', phone: '0912345678', address: 'Thôn Đông, xã Demo' },
    papers: [{ paperId: 'p1', name: 'Giấy chứng sinh', kind: 'original', count: 1 }],
    sets: 1,
    feeVnd: 0,
    processing: { unit: 'workingDays', amount: 3 },
    supplementPolicy: 'restart',
    dueAt: vnInstant(2026, 3, 5, 9, 0),
    clockStartAt: T0,
    calendarVersion: 'vn-2026.1',
    ...overrides,
  };
}

type EnvelopeOverrides = Partial<Pick<DossierEvent, 'id' | 'dossierId' | 'communeId' | 'deviceId' | 'actorId' | 'at' | 'deviceSeq'>>;

export function buildEvent<T extends EventType>(type: T, payload: EventPayloads[T], o: EnvelopeOverrides = {}): DossierEventOf<T> {
  const at = o.at ?? T0;
  return {
    id: o.id ?? eventId(at),
    dossierId: o.dossierId ?? CODE,
    communeId: o.communeId ?? 'xa-demo',
    deviceId: o.deviceId ?? 'tablet-1',
    actorId: o.actorId ?? 'officer-lan',
    at,
    tzOffsetMin: 420,
    deviceSeq: o.deviceSeq ?? counter,
    type,
    payload,
  } as DossierEventOf<T>;
}

export function buildReceived(overrides: Partial<ReceivedPayload> = {}, o: EnvelopeOverrides = {}): DossierEventOf<'received'> {
  return buildEvent('received', receivedPayload(overrides), o);
}

/** For tests that pick the type at run time (table walks, property tests). */
export function buildAnyEvent(type: EventType, payload: EventPayloads[EventType], o: EnvelopeOverrides = {}): DossierEvent {
  return buildEvent(type, payload as never, o) as DossierEvent;
}

/** DIG1: a digitised file's facts (the hash is made from `seed`, so two seeds give two files). */
export function digitisedFile(paperCode: string, overrides: Partial<DigitisedFile> & { seed?: number } = {}): DigitisedFile {
  const { seed = 1, ...rest } = overrides;
  return { sha256: seed.toString(16).padStart(64, 'a'), size: 120_000, type: 'application/pdf', pages: 2, paperCode, name: `Giấy tờ ${paperCode}`, ...rest };
}
