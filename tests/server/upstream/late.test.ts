import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../src/domain/dossier/events';
import { addDays, startOfVnDay, vnDate } from '../../../src/domain/time/vnTime';
import { hashPin } from '../../../src/server/core/secrets';
import { buildEvent, buildReceived, DAY } from '../../support/builders';
import { hashPassword } from '../../../src/server/credentials/password';
import { startTestServer, type TestServer } from '../../support/server';
import { upstreamClient } from './helpers';

describe('[TIM2] upstream late and at-risk list', () => {
  let server: TestServer;
  const now = Date.now();
  const o = (dossierId: string, at: number, communeId = 'xa-demo') => ({ dossierId, at, communeId, deviceId: 'dev-1', actorId: 'can-bo-lan' });
  const received = (id: string, at: number, dueAt: number, communeId?: string) => buildReceived({ dueAt, clockStartAt: at }, o(id, at, communeId));

  beforeAll(async () => {
    server = await startTestServer({ storage: 'memory' });
    await server.enrollCode('counter', 'xa-b');
    const endOfToday = startOfVnDay(addDays(vnDate(now), 1)) - 1;
    const events: DossierEvent[] = [
      received('OVERDUE', now - 5 * DAY, now - DAY),
      received('TODAY', now - 2 * DAY, endOfToday),
      received('FAR', now - DAY, now + 30 * DAY),
      received('RESOLVED', now - 5 * DAY, now - DAY),
      buildEvent('resolved', {}, o('RESOLVED', now - 3_600_000)),
      received('APOLOGISED', now - 5 * DAY, now - DAY),
      buildEvent(
        'apologyIssued',
        { number: '01/XL', reason: 'xác minh', newDueAt: now + 20 * DAY, signer: 'Lê Thị Hoa', channel: 'paper' },
        o('APOLOGISED', now - 2 * DAY),
      ),
      // DUE4: asked for papers before its due date, still waiting: not late for waiting
      received('WAITING', now - 5 * DAY, now - DAY),
      buildEvent('supplementRequested', { missing: ['Tờ khai'] }, o('WAITING', now - 3 * DAY)),
    ];
    await server.admin.store.appendEvents('xa-demo', events, now);
    await server.admin.store.appendEvents('xa-b', [received('OTHER', now - 5 * DAY, now - DAY, 'xa-b')], now);
    await server.admin.store.upsertUser({ id: 'lanh-dao-b', communeId: 'xa-b', name: 'Phạm Văn Bình', role: 'supervisor', pin: hashPin('555555', 1000) }, now);
    await server.admin.credentials.setPassword('lanh-dao-b', await hashPassword('Binh-Upstream-2026'), now);
  }, 60_000);
  afterAll(() => server?.stop());

  it('[TIM2][APO2][DUE4] lists overdue (by the legal date, rescheduled too) and due-today dossiers, not ended or waiting ones, without applicant data', async () => {
    const c = upstreamClient(server);
    const { token } = await c.signIn({ login: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' });
    const late = await c.late(token);
    expect(late.communes.map((x) => x.commune.id)).toEqual(['xa-demo']);
    const items = late.communes[0]!.items;
    expect(items.map((i) => [i.code, i.category])).toEqual([
      ['APOLOGISED', 'overdue'],
      ['OVERDUE', 'overdue'],
      ['TODAY', 'dueToday'],
    ]);
    expect(late.communes[0]!.overdueTotal).toBe(2);
    expect(items[0]!.officerName).toBe('Nguyễn Thị Lan');
    expect(JSON.stringify(late)).not.toContain('001190012345');
    expect(JSON.stringify(late)).not.toContain('Nguyễn Thị Đào');
  });

  it("another commune's supervisor sees only theirs", async () => {
    const c = upstreamClient(server);
    const { token } = await c.signIn({ login: 'lanh-dao-b', password: 'Binh-Upstream-2026' });
    const late = await c.late(token);
    expect(late.communes.map((x) => [x.commune.id, x.items.map((i) => i.code)])).toEqual([['xa-b', ['OTHER']]]);
  });

  it('stays bounded: the most overdue per commune, and how many there are in all', async () => {
    await server.enrollCode('counter', 'xa-c');
    const many = Array.from({ length: 55 }, (_, i) => received(`C-${String(i).padStart(2, '0')}`, now - 40 * DAY, now - (i + 1) * 3_600_000, 'xa-c'));
    await server.admin.store.appendEvents('xa-c', many, now);
    await server.admin.upstream.store.grantCommune('lanh-dao-b', 'xa-c');
    const c = upstreamClient(server);
    const { token } = await c.signIn({ login: 'lanh-dao-b', password: 'Binh-Upstream-2026' });
    const late = await c.late(token);
    const xc = late.communes.find((x) => x.commune.id === 'xa-c')!;
    expect(late.limit).toBe(50);
    expect(xc.overdueTotal).toBe(55);
    expect(xc.items).toHaveLength(50);
    expect(xc.items[0]!.code).toBe('C-54'); // the most overdue first
    expect(xc.items.map((i) => i.promisedAt)).toEqual([...xc.items.map((i) => i.promisedAt)].sort((a, b) => a - b));
  });
});
