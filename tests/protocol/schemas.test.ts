import { describe, expect, it } from 'vitest';
import { buildEvent, buildReceived, T0 } from '../support/builders';
import {
  canonicalize,
  dossierEventSchema,
  LIMITS,
  outboxFileSchema,
  pushRequestSchema,
  signOutboxFile,
  verifyOutboxFile,
  versionProblem,
  PROTOCOL_VERSION,
  MIN_CLIENT_PROTOCOL,
  type DeviceStatus,
} from '../../src/protocol';

const status: DeviceStatus = {
  pendingCount: 0,
  oldestPendingAt: null,
  lastError: null,
  appVersion: '0.1.0',
  storagePersisted: null,
  clockOffsetMs: null,
  lastSyncAt: null,
};

describe('protocol schemas', () => {
  it('accepts every event type the builders make', () => {
    const events = [
      buildReceived(),
      buildEvent('transferred', { toUnit: 'Văn phòng' }),
      buildEvent('supplementRequested', { missing: ['Bản sao CCCD'] }),
      buildEvent('supplementReceived', { dueAt: T0, clockStartAt: T0, calendarVersion: 'vn-2026.1' }),
      buildEvent('awaitingFinancial', {}),
      buildEvent('resolved', { note: 'xong' }),
      buildEvent('resultReturned', {}),
      buildEvent('withdrawn', { reason: 'rút' }),
      buildEvent('stopped', { reason: 'dừng' }),
      buildEvent('apologyIssued', { number: '01/TB', reason: 'chậm', newDueAt: T0, signer: 'Chủ tịch', channel: 'paper' }),
      buildEvent('rated', { level: 'satisfied', criteria: { 1: 'verySatisfied', 9: 'dissatisfied' } }),
    ];
    for (const e of events) expect(dossierEventSchema.safeParse(JSON.parse(JSON.stringify(e))).success, e.type).toBe(true);
  });

  it('refuses unknown keys, wrong types, unknown event types and oversized strings', () => {
    const e = JSON.parse(JSON.stringify(buildReceived()));
    expect(dossierEventSchema.safeParse({ ...e, extra: 1 }).success).toBe(false);
    expect(dossierEventSchema.safeParse({ ...e, at: '2026-03-02' }).success).toBe(false);
    expect(dossierEventSchema.safeParse({ ...e, type: 'deleted' }).success).toBe(false);
    expect(dossierEventSchema.safeParse({ ...e, payload: { ...e.payload, note: 'x'.repeat(LIMITS.text + 1) } }).success).toBe(false);
    expect(dossierEventSchema.safeParse({ ...e, payload: { ...e.payload, applicant: { ...e.payload.applicant, ssn: '1' } } }).success).toBe(false);
    expect(dossierEventSchema.safeParse({ ...e, id: 'not-a-uuid' }).success).toBe(false);
  });

  it('refuses a push batch over 500 events', () => {
    const e = JSON.parse(JSON.stringify(buildReceived()));
    const ok = pushRequestSchema.safeParse({ protocolVersion: 1, events: Array(LIMITS.maxEventsPerPush).fill(e), status });
    const tooMany = pushRequestSchema.safeParse({ protocolVersion: 1, events: Array(LIMITS.maxEventsPerPush + 1).fill(e), status });
    expect(ok.success).toBe(true);
    expect(tooMany.success).toBe(false);
  });

  it('tells clientTooOld from an unknown future version', () => {
    expect(versionProblem(PROTOCOL_VERSION)).toBeNull();
    expect(versionProblem(MIN_CLIENT_PROTOCOL - 1)).toBe('clientTooOld');
    expect(versionProblem(PROTOCOL_VERSION + 1)).toBe('invalid');
  });
});

describe('canonical JSON and the outbox file', () => {
  it('sorts keys at every depth, drops undefined, keeps array order', () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalize('Nguyễn')).toBe('"Nguyễn"');
  });

  it('is independent of key insertion order', () => {
    expect(canonicalize({ x: 1, y: [1, 2] })).toBe(canonicalize({ y: [1, 2], x: 1 }));
  });

  it('signs and verifies; any change to the events breaks the signature', async () => {
    const body = {
      format: 'motcua-outbox' as const,
      version: 1 as const,
      deviceId: 'tablet-1',
      communeId: 'xa-demo',
      exportedAt: T0,
      events: [buildReceived()],
    };
    const file = await signOutboxFile('secret-key', body);
    expect(outboxFileSchema.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
    expect(await verifyOutboxFile('secret-key', JSON.parse(JSON.stringify(file)))).toBe(true);
    expect(await verifyOutboxFile('other-key', file)).toBe(false);
    const tampered = { ...file, events: [{ ...file.events[0]!, dossierId: 'X' }] } as typeof file;
    expect(await verifyOutboxFile('secret-key', tampered)).toBe(false);
  });
});
