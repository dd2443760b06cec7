/**
 * Counter speed in real Chromium (issue 3 "Speed"): the app's own repository functions side by
 * side with raw Dexie doing the same writes and reads, on N stored dossiers.
 */
import Dexie from 'dexie';
import { openDb, type DossierRow, type MotCuaDb } from '../../../src/app/db/schema';
import type { DossierEvent } from '../../../src/domain/dossier/events';
import { recordIntake, type Actor } from '../../../src/app/db/record';
import { toRow } from '../../../src/app/db/projection';
import { QUEUE_TABS, queueCounts, queuePage, searchDossiers } from '../../../src/app/db/queue';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { dossierEvents, rng } from '../fixtures';
import { supervisorBench } from './supervisorBench';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const actor: Actor = {
  device: { deviceId: 'bench-tablet', token: 'x', role: 'counter', communeId: 'xa-demo', communeName: 'Xã Demo', agencyCode: '000.00.06.H56', codeSlot: 7, exportKey: 'k', serverTime: 0 },
  userId: 'can-bo-lan',
};

const ms = async (f: () => Promise<unknown>): Promise<number> => { const t = performance.now(); await f(); return performance.now() - t; };
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { median: q(0.5), p95: q(0.95) };
};

async function seed(db: MotCuaDb, n: number, batch = 2000): Promise<number> {
  const r = rng(42);
  return ms(async () => {
    for (let start = 0; start < n; start += batch) {
      const events: DossierEvent[] = [], rows: DossierRow[] = [];
      for (let i = start; i < Math.min(n, start + batch); i++) {
        const evs = dossierEvents(i, r);
        events.push(...evs);
        const s = foldDossier(evs);
        if (s) rows.push(toRow(s));
      }
      await db.transaction('rw', [db.events, db.dossiers], async () => {
        await db.events.bulkAdd(events);
        await db.dossiers.bulkAdd(rows);
      });
    }
  });
}

export async function runCounterBench(n: number): Promise<Record<string, unknown>> {
  await Dexie.delete('bench-app');
  await Dexie.delete('bench-raw');
  const db = openDb('bench-app');
  await db.open();
  const seedMs = await seed(db, n);
  const now = vnInstant(2026, 9, 10, 10, 0);
  const r = rng(7);

  // one intake = event + projection + outbox, in one strict transaction (the app) …
  const app: number[] = [];
  for (let i = 0; i < 200; i++) {
    const ev = dossierEvents(n + i, r)[0];
    if (ev?.type !== 'received') throw new Error('fixture');
    app.push(await ms(() => recordIntake(db, cal, actor, ev.payload, now + i * 1000)));
  }
  // … and raw Dexie writing the same three rows in one transaction (same store, same indexes)
  const raw: number[] = [];
  for (let i = 0; i < 200; i++) {
    const evs = dossierEvents(n + 1000 + i, r);
    const ev = evs[0];
    const s = foldDossier(evs.slice(0, 1));
    if (!ev || !s) throw new Error('fixture');
    const row = toRow(s);
    raw.push(await ms(() => db.transaction('rw', [db.events, db.dossiers, db.outbox], async () => {
      await db.events.put(ev);
      await db.dossiers.put(row);
      await db.outbox.put({ eventId: ev.id, deviceSeq: i, dossierId: ev.dossierId, createdAt: now, state: 'pending', attempts: 0, lastError: null, permanent: false });
    })));
  }

  const tabs: Record<string, number> = {};
  for (const tab of QUEUE_TABS) tabs[tab] = await ms(() => queuePage(db, tab, { now, cal }));
  const rawPage = await ms(() => db.dossiers.where('[open+due+id]').between([1, -Infinity, Dexie.minKey], [1, Infinity, Dexie.maxKey]).limit(50).toArray());
  let after = null;
  for (let i = 0; i < 20; i++) after = (await queuePage(db, 'open', { now, cal, after })).next;
  const deepPage = await ms(() => queuePage(db, 'open', { now, cal, after }));
  const search = {
    'nguyen (1 word, many hits)': await ms(() => searchDossiers(db, 'nguyen')),
    'tran thi hoa': await ms(() => searchDossiers(db, 'tran thi hoa')),
    'dang van': await ms(() => searchDossiers(db, 'dang van')),
    'phone prefix 0910000': await ms(() => searchDossiers(db, '0910000')),
  };
  const rawSearch = await ms(() => db.dossiers.where('keys').startsWith('nguyen').limit(50).toArray());
  const counts = await ms(() => queueCounts(db, { now, cal }));
  const fullCount = await ms(() => db.dossiers.count());
  const supervisor = await supervisorBench(db, now, cal);
  db.close();
  return {
    n, seedMs: Math.round(seedMs),
    intake: { app: stats(app), rawDexie: stats(raw) },
    firstPageMs: tabs, rawDexieFirstPageMs: rawPage, page21Ms: deepPage,
    searchMs: search, rawDexiePrefixMs: rawSearch,
    tabCountsMs: counts, fullTableCountMs: fullCount,
    supervisor,
  };
}

declare global { interface Window { runCounterBench: typeof runCounterBench } }
window.runCounterBench = runCounterBench;
