import { receiptCheckCode } from '../../src/domain/kiosk/receiptCheck';
/**
 * ONE contract suite for the sync protocol, run against the in-memory server and the real server
 * (HTTP on PGlite, HTTP on PostgreSQL). Both must give the same answers.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../src/domain/dossier/events';
import { PROTOCOL_VERSION, LIMITS, TransportError, type DeviceProfile, type DeviceRole, type DeviceStatus, type SupervisorTransport } from '../../src/protocol';
import { buildEvent, buildReceived, T0, HOUR } from '../support/builders';

export type ContractTarget = {
  readonly transport: SupervisorTransport;
  enrollCode(role: DeviceRole, communeId?: string): Promise<string>;
  revoke(deviceId: string): Promise<void>;
  eventCount(communeId: string): Promise<number>;
  /** The next exchange is carried out but its answer never arrives (network error). */
  dropNextAnswer(): void;
  /** HTTP targets only: POST a raw text body. */
  rawPost?(path: string, token: string, text: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
};

export const STATUS: DeviceStatus = {
  pendingCount: 0,
  oldestPendingAt: null,
  lastError: null,
  appVersion: '0.1.0',
  storagePersisted: true,
  clockOffsetMs: 0,
  lastSyncAt: null,
};

let communeCounter = 0;
const freshCommune = () => `xa-test-${Date.now().toString(36)}-${++communeCounter}`;
let dossierCounter = 0;
const freshCode = () => `000.00.06.H56-260302-${String(1000 + (++dossierCounter % 9000)).padStart(4, '0')}-${randomUUID().slice(0, 4)}`;

async function caught(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TransportError) return e;
    throw e;
  }
  throw new Error('expected the request to be refused');
}

export function syncContract(name: string, factory: () => Promise<ContractTarget>): void {
  describe(`sync protocol contract: ${name}`, () => {
    let t: ContractTarget;
    beforeAll(async () => {
      t = await factory();
    });
    afterAll(async () => {
      await t?.stop();
    });

    async function enroll(role: DeviceRole, communeId: string): Promise<DeviceProfile> {
      return t.transport.enroll({
        protocolVersion: PROTOCOL_VERSION,
        code: await t.enrollCode(role, communeId),
        deviceName: `${role} test`,
        appVersion: '0.1.0',
      });
    }
    let seq = 0;
    const env = (p: DeviceProfile, dossierId: string, at = T0) => ({
      id: randomUUID(),
      communeId: p.communeId,
      deviceId: p.deviceId,
      actorId: 'can-bo-lan',
      dossierId,
      at,
      deviceSeq: ++seq,
    });
    const intake = (p: DeviceProfile, dossierId = freshCode(), at = T0) => buildReceived({}, env(p, dossierId, at));
    const push = (p: DeviceProfile, events: readonly DossierEvent[]) =>
      t.transport.push(p.token, { protocolVersion: PROTOCOL_VERSION, events, status: STATUS });
    const pull = (p: DeviceProfile, after = 0, limit = 1000) => t.transport.pull(p.token, { protocolVersion: PROTOCOL_VERSION, after, limit, status: STATUS });
    async function pullAll(p: DeviceProfile, limit: number) {
      const got: { serverSeq: number; event: DossierEvent }[] = [];
      let after = 0;
      for (;;) {
        const r = await pull(p, after, limit);
        if (r.kind !== 'events') throw new Error('expected events');
        got.push(...r.events);
        after = r.next;
        if (!r.hasMore) return got;
      }
    }

    it('enrolls with a one-time code: counters get distinct numbering slots (LIF5), kiosks none; a used code is refused', async () => {
      const c = freshCommune();
      const code = await t.enrollCode('counter', c);
      const a = await t.transport.enroll({ protocolVersion: PROTOCOL_VERSION, code, deviceName: 'Máy 1', appVersion: '0.1.0' });
      const b = await enroll('counter', c);
      const k = await enroll('kiosk', c);
      expect(a.communeId).toBe(c);
      expect(a.role).toBe('counter');
      expect(a.codeSlot).not.toBeNull();
      expect(b.codeSlot).not.toBe(a.codeSlot);
      expect(k.codeSlot).toBeNull();
      expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Math.abs(a.serverTime - Date.now())).toBeLessThan(60_000);
      const again = await caught(t.transport.enroll({ protocolVersion: PROTOCOL_VERSION, code, deviceName: 'Máy 3', appVersion: '0.1.0' }));
      expect([again.status, again.reason]).toEqual([403, 'forbidden']);
    });

    it('stores each event once: a retried batch answers duplicate with the same serverSeq and changes nothing', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const code = freshCode();
      const batch = [intake(p, code), buildEvent('transferred', { toUnit: 'Công chức Tư pháp' }, env(p, code, T0 + HOUR))];
      const first = await push(p, batch);
      expect(first.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
      const second = await push(p, batch);
      expect(second.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
      expect(second.results.map((r) => ('serverSeq' in r ? r.serverSeq : null))).toEqual(first.results.map((r) => ('serverSeq' in r ? r.serverSeq : null)));
      expect(await t.eventCount(c)).toBe(2);
    });

    it('a reordered batch with old and new events stores only the new; the same event twice in one batch is stored once', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const [e1, e2, e3] = [intake(p), intake(p), intake(p)];
      await push(p, [e1!, e2!]);
      const r = await push(p, [e3!, e2!, e1!, e3!]);
      expect(r.results.map((x) => [x.id, x.outcome])).toEqual([
        [e3!.id, 'accepted'],
        [e2!.id, 'duplicate'],
        [e1!.id, 'duplicate'],
        [e3!.id, 'duplicate'],
      ]);
      expect(await t.eventCount(c)).toBe(3);
    });

    it('an id reused by a different event is rejected as a conflict and not stored', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const e = intake(p);
      await push(p, [e]);
      const r = await push(p, [{ ...e, dossierId: freshCode() }]);
      expect(r.results[0]).toMatchObject({ outcome: 'rejected', reason: 'conflict' });
      expect(await t.eventCount(c)).toBe(1);
    });

    it('conflicting lifecycle events are stored, never dropped (both tablets returned the dossier)', async () => {
      const c = freshCommune();
      const a = await enroll('counter', c);
      const b = await enroll('counter', c);
      const code = freshCode();
      await push(a, [intake(a, code)]);
      const ra = await push(a, [buildEvent('resolved', {}, env(a, code, T0 + HOUR)), buildEvent('resultReturned', {}, env(a, code, T0 + 2 * HOUR))]);
      const rb = await push(b, [buildEvent('resolved', {}, env(b, code, T0 + 3 * HOUR))]);
      expect([...ra.results, ...rb.results].every((r) => r.outcome === 'accepted')).toBe(true);
      expect(await t.eventCount(c)).toBe(4);
    });

    it('two devices pulling after N in pages converge on the same events in the same order', async () => {
      const c = freshCommune();
      const a = await enroll('counter', c);
      const b = await enroll('counter', c);
      await push(a, [intake(a), intake(a), intake(a)]);
      await push(b, [intake(b), intake(b)]);
      await push(a, [intake(a)]);
      const seenByA = await pullAll(a, 2);
      const seenByB = await pullAll(b, 4);
      expect(seenByA).toHaveLength(6);
      expect(seenByB.map((x) => x.event.id)).toEqual(seenByA.map((x) => x.event.id));
      const seqs = seenByA.map((x) => x.serverSeq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      const after = await pull(a, seqs[2]!);
      expect(after.kind === 'events' && after.events.map((x) => x.serverSeq)).toEqual(seqs.slice(3));
      const end = await pull(a, seqs[5]!);
      expect(end).toMatchObject({ kind: 'events', events: [], next: seqs[5], hasMore: false });
    });

    it('[PD3] a kiosk pulls dossiers without names, ID numbers, phones or addresses, and cannot read users', async () => {
      const c = freshCommune();
      const counter = await enroll('counter', c);
      const kiosk = await enroll('kiosk', c);
      const code = freshCode();
      await push(counter, [intake(counter, code)]);
      const r = await pull(kiosk);
      expect(r.kind).toBe('kiosk');
      if (r.kind !== 'kiosk') return;
      expect(r.kioskDossiers).toEqual([
        expect.objectContaining({ code, procedureCode: '1.001193', officerId: 'can-bo-lan', status: 'received', rated: false }),
      ]);
      const text = JSON.stringify(r);
      for (const secret of ['Nguyễn Thị Đào', '001190012345', '0912345678', 'Thôn Đông']) expect(text).not.toContain(secret);
      const users = await caught(t.transport.reference(kiosk.token, 'users'));
      expect([users.status, users.reason]).toEqual([403, 'forbidden']);
    });

    it('a kiosk can push ratings and nothing else', async () => {
      const c = freshCommune();
      const counter = await enroll('counter', c);
      const kiosk = await enroll('kiosk', c);
      const code = freshCode();
      await push(counter, [intake(counter, code)]);
      const kenv = { ...env(kiosk, code, T0 + HOUR), actorId: kiosk.deviceId };
      const r = await push(kiosk, [
        buildEvent('rated', { level: 'verySatisfied', officerId: 'can-bo-lan', procedureCode: '1.001193' }, kenv),
        buildReceived({}, { ...env(kiosk, freshCode()), actorId: kiosk.deviceId }),
        buildEvent('resultReturned', {}, { ...env(kiosk, code, T0 + 2 * HOUR), actorId: kiosk.deviceId }),
      ]);
      expect(r.results.map((x) => (x.outcome === 'rejected' ? x.reason : x.outcome))).toEqual(['accepted', 'forbidden', 'forbidden']);
      expect(await t.eventCount(c)).toBe(2);
      const view = await pull(kiosk);
      expect(view.kind === 'kiosk' && view.kioskDossiers.find((d) => d.code === code)?.rated).toBe(true);
    });

    it("[DUE4] a kiosk learns since when a dossier waits for the citizen's papers", async () => {
      const c = freshCommune();
      const counter = await enroll('counter', c);
      const kiosk = await enroll('kiosk', c);
      const code = freshCode();
      await push(counter, [intake(counter, code), buildEvent('supplementRequested', { missing: ['Giấy chứng sinh'] }, env(counter, code, T0 + HOUR))]);
      const r = await pull(kiosk);
      expect(r.kind === 'kiosk' && r.kioskDossiers.find((d) => d.code === code)).toMatchObject({
        status: 'supplementRequested',
        supplementRequestedAt: T0 + HOUR,
      });
    });

    it('no device writes or reads another commune: foreign commune or device ids are forbidden', async () => {
      const [ca, cb] = [freshCommune(), freshCommune()];
      const a = await enroll('counter', ca);
      const b = await enroll('counter', cb);
      await push(a, [intake(a)]);
      const foreign = { ...intake(b), communeId: ca };
      const otherDevice = { ...intake(b), deviceId: a.deviceId };
      const mine = intake(b);
      const r = await push(b, [foreign, otherDevice, mine]);
      expect(r.results.map((x) => (x.outcome === 'rejected' ? x.reason : x.outcome))).toEqual(['forbidden', 'forbidden', 'accepted']);
      expect(await t.eventCount(ca)).toBe(1);
      const seen = await pullAll(b, 100);
      expect(seen.map((x) => x.event.communeId)).toEqual([cb]);
    });

    it('a revoked token is refused on its next request; an unknown token is unknownDevice', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      await push(p, [intake(p)]);
      await t.revoke(p.deviceId);
      const e = await caught(push(p, [intake(p)]));
      expect([e.status, e.reason, e.retryable]).toEqual([401, 'revoked', false]);
      const pulled = await caught(pull(p));
      expect(pulled.reason).toBe('revoked');
      const u = await caught(t.transport.pull('A'.repeat(43), { protocolVersion: PROTOCOL_VERSION, after: 0, limit: 10, status: STATUS }));
      expect([u.status, u.reason]).toEqual([401, 'unknownDevice']);
      expect(await t.eventCount(c)).toBe(1);
    });

    it('an app below the minimum protocol is told clientTooOld (426); an unknown future version is invalid', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const old = await caught(t.transport.push(p.token, { protocolVersion: 0, events: [intake(p)], status: STATUS }));
      expect([old.status, old.reason]).toEqual([426, 'clientTooOld']);
      const future = await caught(t.transport.push(p.token, { protocolVersion: PROTOCOL_VERSION + 1, events: [intake(p)], status: STATUS }));
      expect([future.status, future.reason]).toEqual([400, 'invalid']);
      expect(await t.eventCount(c)).toBe(0);
    });

    it('[SYNC1] a wrong event (wrong type, unknown key) is refused by itself as invalid, with a message; the rest of the batch is stored', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const good = intake(p);
      const wrongType = { ...intake(p), at: '2026-03-02T09:00' } as unknown as DossierEvent;
      const extraKey = { ...intake(p), secret: 'x' } as unknown as DossierEvent;
      const r = await push(p, [good, wrongType, extraKey]);
      expect(r.results.map((x) => [x.id, x.outcome])).toEqual([
        [good.id, 'accepted'],
        [wrongType.id, 'rejected'],
        [extraKey.id, 'rejected'],
      ]);
      expect(r.results[1]).toMatchObject({ reason: 'invalid', message: expect.stringMatching(/^at: /) });
      expect(r.results[2]).toMatchObject({ reason: 'invalid', message: expect.stringMatching(/secret/) });
      expect(await t.eventCount(c)).toBe(1);
    });

    it('[SYNC1] text the database cannot store (a NUL, lone surrogates) is refused per event as invalid, never a 5xx', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const withText = (note: string) => buildReceived({ note }, env(p, freshCode()));
      const batch = [withText('có\u0000NUL'), withText('nửa \uD800 cặp'), withText('\uDFFF đứng trước'), withText('hợp lệ')];
      const r = await push(p, batch);
      expect(r.results.map((x) => (x.outcome === 'rejected' ? x.reason : x.outcome))).toEqual(['invalid', 'invalid', 'invalid', 'accepted']);
      expect(r.results[0]).toMatchObject({ message: expect.stringMatching(/payload\.note: contains a NUL/) });
      expect(r.results[1]).toMatchObject({ message: expect.stringMatching(/lone UTF-16 surrogate/) });
      const inName = { ...intake(p), dossierId: `${freshCode()}\u0000` };
      expect((await push(p, [inName])).results[0]).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
      const status = await caught(
        t.transport.push(p.token, { protocolVersion: PROTOCOL_VERSION, events: [intake(p)], status: { ...STATUS, lastError: 'x\u0000' } }),
      );
      expect([status.status, status.reason]).toEqual([400, 'invalid']);
      const name = await caught(
        t.transport.enroll({ protocolVersion: PROTOCOL_VERSION, code: await t.enrollCode('counter', c), deviceName: 'Máy \uD83D', appVersion: '1' }),
      );
      expect([name.status, name.reason]).toEqual([400, 'invalid']);
      expect(await t.eventCount(c)).toBe(1);
    });

    it('[SYNC1] what is stored is byte for byte what was accepted (no normalisation, no replacement)', async () => {
      const c = freshCommune();
      const a = await enroll('counter', c);
      const b = await enroll('counter', c);
      const tricky = ['Nguye\u0302\u0303n (NFD)', 'Nguyễn (NFC)', '\u{1F600} \uFFFF \uFFFE \u2028 \u200B', 'tab\t "quote" \\ back', ' lề  hai  bên '];
      const events = tricky.map((note) => buildReceived({ note, applicant: { name: note, idType: 'other' } }, env(a, freshCode())));
      expect((await push(a, events)).results.every((r) => r.outcome === 'accepted')).toBe(true);
      const got = await pullAll(b, 100);
      expect(got.map((x) => (x.event.type === 'received' ? [x.event.payload.note, x.event.payload.applicant.name] : null))).toEqual(tricky.map((n) => [n, n]));
    });

    it('[SYNC1] property: any text in any field gets a per-event answer (accepted or invalid), never a 5xx; accepted text comes back byte for byte', async () => {
      const c = freshCommune();
      const a = await enroll('counter', c);
      const b = await enroll('counter', c);
      const text = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uD83D\uDE00', 'e\u0301', '\uFFFE', 'đ', '"', '\\'), maxLength: 8 }),
      );
      let after = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), async (pairs) => {
          const events = pairs.map(([note, name]) => buildReceived({ note, applicant: { name: name || 'x', idType: 'other' } }, env(a, freshCode())));
          // a keep-alive connection the server closed while the test's event loop was busy is reset: the engine retries those too
          const r = await push(a, events).catch((e: unknown) => {
            if (e instanceof TransportError && e.status === null) return push(a, events);
            throw e;
          });
          expect(r.results.map((x) => x.id)).toEqual(events.map((e) => e.id));
          const storable = (s: string) => !s.includes('\u0000') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
          const accepted = events.filter((e, i) => {
            const want = storable(e.payload.note!) && storable(e.payload.applicant.name) && e.payload.applicant.name.length <= 300;
            expect(r.results[i]!.outcome === 'rejected' ? (r.results[i] as { reason: string }).reason : r.results[i]!.outcome).toBe(
              want ? 'accepted' : 'invalid',
            );
            return want;
          });
          const got: DossierEvent[] = [];
          for (;;) {
            const p = await pull(b, after, 100);
            if (p.kind !== 'events') throw new Error('expected events');
            got.push(...p.events.map((x) => x.event));
            after = p.next;
            if (!p.hasMore) break;
          }
          expect(got.map((e) => (e.type === 'received' ? [e.payload.note, e.payload.applicant.name] : null))).toEqual(
            accepted.map((e) => [e.payload.note, e.payload.applicant.name]),
          );
        }),
        { numRuns: 15 },
      );
    }, 120_000);

    it('[SYNC1] the batch envelope is all or nothing: too many events is 400 invalid and nothing is stored', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const tooMany = Array.from({ length: LIMITS.maxEventsPerPush + 1 }, () => intake(p));
      const e = await caught(push(p, tooMany));
      expect([e.status, e.reason]).toEqual([400, 'invalid']);
      expect(await t.eventCount(c)).toBe(0);
    });

    it("[SYNC3] a dossier code whose agency part is not the commune's is refused as forbidden, with the reason", async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const foreign = intake(p, '000.00.07.H56-260302-1001');
      const noAgency = intake(p, 'HS-1');
      const mine = intake(p);
      const r = await push(p, [foreign, noAgency, mine]);
      expect(r.results.map((x) => (x.outcome === 'rejected' ? x.reason : x.outcome))).toEqual(['forbidden', 'forbidden', 'accepted']);
      expect(r.results[0]).toMatchObject({ message: expect.stringMatching(/agency 000\.00\.07\.H56/) });
      expect(await t.eventCount(c)).toBe(1);
    });

    describe('[SYNC4] an action on a dossier the server has not received yet', () => {
      async function scene() {
        const c = freshCommune();
        const counter = await enroll('counter', c);
        const other = await enroll('counter', c);
        const kiosk = await enroll('kiosk', c);
        const code = freshCode();
        const kenv = (at: number) => ({ ...env(kiosk, code, at), actorId: kiosk.deviceId });
        // bound by the receipt's check code (SAT3): without it a rating for an unknown dossier is refused, not held
        const checkCode = await receiptCheckCode(kiosk.receiptKey!, code);
        const rating = (at: number) => buildEvent('rated', { level: 'satisfied', officerId: 'can-bo-lan', procedureCode: '1.001193', checkCode }, kenv(at));
        return { c, counter, other, kiosk, code, rating, intake: intake(counter, code, T0) };
      }
      const kioskView = async (k: DeviceProfile, code: string) => {
        const v = await pull(k);
        return v.kind === 'kiosk' ? (v.kioskDossiers.find((d) => d.code === code) ?? null) : null;
      };

      it('is held apart (pulled by nobody, folded into no dossier) and released when the intake arrives: same state as the other order', async () => {
        const s = await scene();
        const rating = s.rating(T0 + HOUR);
        expect((await push(s.kiosk, [rating])).results).toEqual([{ id: rating.id, outcome: 'held' }]);
        expect((await push(s.kiosk, [rating])).results).toEqual([{ id: rating.id, outcome: 'held' }]); // a retry: still held, once
        expect(await t.eventCount(s.c)).toBe(0);
        expect(await pullAll(s.other, 100)).toEqual([]);
        expect(await kioskView(s.kiosk, s.code)).toBeNull();
        const r = await push(s.counter, [s.intake]);
        expect(r.results[0]).toMatchObject({ outcome: 'accepted' });
        const seen = await pullAll(s.other, 100);
        expect(seen.map((x) => x.event.id)).toEqual([s.intake.id, rating.id]); // the rating comes after its intake
        expect(await kioskView(s.kiosk, s.code)).toMatchObject({ rated: true });
        expect((await push(s.kiosk, [rating])).results[0]).toMatchObject({ outcome: 'duplicate' });

        const o = await scene(); // the other order
        const rating2 = o.rating(T0 + HOUR);
        await push(o.counter, [o.intake]);
        expect((await push(o.kiosk, [rating2])).results[0]).toMatchObject({ outcome: 'accepted' });
        expect(await kioskView(o.kiosk, o.code)).toMatchObject({ rated: true });
        expect((await pullAll(o.other, 100)).map((x) => x.event.type)).toEqual(['received', 'rated']);
      });

      it('is refused with the reason when it does not fit the intake (a rating dated before it), in both orders of arrival', async () => {
        const s = await scene();
        const early = s.rating(T0 - HOUR);
        expect((await push(s.kiosk, [early])).results[0]).toMatchObject({ outcome: 'held' });
        await push(s.counter, [s.intake]);
        expect(await t.eventCount(s.c)).toBe(1);
        expect((await pullAll(s.other, 100)).map((x) => x.event.type)).toEqual(['received']);
        expect(await kioskView(s.kiosk, s.code)).toMatchObject({ rated: false });
        const again = await push(s.kiosk, [early]); // the kiosk hears the refusal on a retry
        expect(again.results[0]).toMatchObject({
          outcome: 'rejected',
          reason: 'invalid',
          message: expect.stringMatching(/before the dossier was received|dated before the intake/),
        });

        const o = await scene();
        await push(o.counter, [o.intake]);
        const late = await push(o.kiosk, [o.rating(T0 - HOUR)]);
        expect(late.results[0]).toMatchObject({
          outcome: 'rejected',
          reason: 'invalid',
          message: expect.stringMatching(/before the dossier was received|dated before the intake/),
        });
        expect(await t.eventCount(o.c)).toBe(1);
      });

      it('an intake and its rating in one batch, in either order, are both accepted', async () => {
        const s = await scene();
        const rating = s.rating(T0 + HOUR);
        const both = await push(s.counter, [{ ...rating, deviceId: s.counter.deviceId }, s.intake]);
        expect(both.results.map((x) => x.outcome)).toEqual(['accepted', 'accepted']);
      });
    });

    it('garbage JSON is 400 invalid', async () => {
      if (!t.rawPost) return; // the in-memory server has no text body
      const c = freshCommune();
      const p = await enroll('counter', c);
      const r = await t.rawPost('/api/v1/push', p.token, '{"protocolVersion":1, "events": [');
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { reason: 'invalid' } });
      expect(await t.eventCount(c)).toBe(0);
    });

    it('the connection dropped after the server committed: the re-pushed batch is all duplicate, nothing doubled', async () => {
      const c = freshCommune();
      const p = await enroll('counter', c);
      const batch = [intake(p), intake(p), intake(p)];
      t.dropNextAnswer();
      const lost = await caught(push(p, batch));
      expect([lost.status, lost.retryable]).toEqual([null, true]);
      const again = await push(p, batch);
      expect(again.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(await t.eventCount(c)).toBe(3);
    });

    it('a supervisor (or a counter tablet, where the commune supervisor signs in) lists the commune devices with their last status; a kiosk may not', async () => {
      const c = freshCommune();
      const counter = await enroll('counter', c);
      const sup = await enroll('supervisor', c);
      const kiosk = await enroll('kiosk', c);
      await t.transport.push(counter.token, { protocolVersion: PROTOCOL_VERSION, events: [], status: { ...STATUS, pendingCount: 7, appVersion: '0.2.0' } });
      const list = await t.transport.devices(sup.token);
      const row = list.devices.find((d) => d.deviceId === counter.deviceId);
      expect(row).toMatchObject({ role: 'counter', appVersion: '0.2.0', status: { pendingCount: 7 } });
      expect(list.devices.map((d) => d.deviceId).sort()).toEqual([counter.deviceId, sup.deviceId, kiosk.deviceId].sort());
      expect((await t.transport.devices(counter.token)).devices).toHaveLength(3);
      const no = await caught(t.transport.devices(kiosk.token));
      expect(no.reason).toBe('forbidden');
    });

    it('reference documents: catalog and calendar by version, named in every pull', async () => {
      const p = await enroll('counter', 'xa-demo'); // the seeded commune, with its catalog
      const r = await pull(p);
      expect(r.reference.catalog).not.toBeNull();
      const catalog = await t.transport.reference(p.token, 'catalog');
      expect(catalog.kind === 'catalog' && catalog.body.procedures.length).toBeGreaterThan(0);
      expect(catalog.version).toBe(r.reference.catalog);
      const calendar = await t.transport.reference(p.token, 'calendar');
      expect(calendar.kind === 'calendar' && calendar.body.calendars.length).toBeGreaterThan(0);
      expect(calendar.version).toBe(r.reference.calendar);
    });
  });
}
