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
import { BENCH_DEVICE, dossierEvents, intakePayloadAt, rng } from '../fixtures';
import { supervisorBench } from './supervisorBench';
import type { ReferenceUser } from '../../../src/protocol';
import { forgetDataKey, unlockForUser } from '../../../src/app/privacy/deviceKey';
import { lockVault, openWithDataKey, resetVault } from '../../../src/app/privacy/vault';

const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
const actor: Actor = { device: BENCH_DEVICE, userId: 'can-bo-lan' };

const clearActor: Actor = { ...actor, device: { ...actor.device, codeSlot: 8 } };

const ms = async (f: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
/** The time of one intake that must be saved (a refused one would time nothing but the refusal). */
const intakeMs = (db: MotCuaDb, who: Actor, payload: Parameters<typeof recordIntake>[3], at: number): Promise<number> =>
  ms(async () => {
    const saved = await recordIntake(db, cal, who, payload, at);
    if (!saved.ok) throw new Error(`intake refused: ${saved.error.code}`);
  });
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { median: r1(q(0.5)), p95: r1(q(0.95)) };
};

async function seed(db: MotCuaDb, n: number, batch = 2000): Promise<number> {
  const r = rng(42);
  return ms(async () => {
    for (let start = 0; start < n; start += batch) {
      const events: DossierEvent[] = [],
        rows: DossierRow[] = [];
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

const SEARCHES = ['nguyen', 'tran thi hoa', '0910000'] as const;

/**
 * PD4 at rest, on the same volume: a tablet whose vault is open (every row sealed, blind-index
 * search); its intakes alternate with intakes on the same database with no vault (the same save
 * without encryption), so both meet the same index sizes and the same background compaction.
 * And the sign-in (PIN check and data key unwrap).
 */
async function sealedRound(n: number, user: ReferenceUser): Promise<Record<string, unknown>> {
  await Dexie.delete('bench-sealed');
  const db = openDb('bench-sealed');
  await db.open();
  const now = vnInstant(2026, 9, 10, 10, 0);
  if ((await unlockForUser(db, user, '135790', [user], now)) !== 'open') throw new Error('vault');
  console.log('[bench] sealed round: vault open');
  const signIn: number[] = [];
  for (let i = 0; i < 3; i++) {
    lockVault();
    forgetDataKey();
    signIn.push(
      await ms(async () => {
        if ((await unlockForUser(db, user, '135790', [user], now)) !== 'open') throw new Error('unlock');
      }),
    );
  }
  // the same data key stays at hand so the clear intakes below can step out of the vault and back
  const dataKey = crypto.getRandomValues(new Uint8Array(32));
  await openWithDataKey(dataKey);
  const seedMs = await seed(db, n);
  console.log(`[bench] ${n} dossiers stored sealed`);
  const r = rng(7);
  const sealed: number[] = [],
    clear: number[] = [];
  for (let i = 0; i < 400; i++) {
    if (i % 2 === 0) await openWithDataKey(dataKey);
    else resetVault();
    // the clear ones on another numbering slot: with no vault, reading the last sealed code would be refused
    const who = i % 2 === 0 ? actor : clearActor;
    (i % 2 === 0 ? sealed : clear).push(await intakeMs(db, who, intakePayloadAt(n + i, r, now + i * 1000), now + i * 1000));
  }
  await openWithDataKey(dataKey);
  const searchMs: Record<string, number> = {};
  for (const q of SEARCHES) searchMs[q] = Math.round(await ms(() => searchDossiers(db, q)));
  const firstPageMs = Math.round(await ms(() => queuePage(db, 'open', { now, cal })));
  db.close();
  resetVault();
  forgetDataKey();
  await Dexie.delete('bench-sealed');
  const intake = stats(sealed),
    clearIntake = stats(clear);
  return {
    n,
    seedMs: Math.round(seedMs),
    intakeSealed: intake,
    intakeClear: clearIntake,
    intakeRatio: Math.round((intake.median / clearIntake.median) * 100) / 100,
    intakeRatioBudget: 1.3,
    searchMs,
    firstPageMs,
    listAndSearchBudgetMs: 50,
    signInMs: stats(signIn),
    signInBudgetMs: 1000,
  };
}

export async function runCounterBench(n: number, user?: ReferenceUser): Promise<Record<string, unknown>> {
  await Dexie.delete('bench-app');
  await Dexie.delete('bench-raw');
  const db = openDb('bench-app');
  await db.open();
  const seedMs = await seed(db, n);
  console.log(`[bench] ${n} dossiers stored in the clear round`);
  const now = vnInstant(2026, 9, 10, 10, 0);
  const r = rng(7);

  // one intake = event + projection + outbox, in one strict transaction (the app), alternating with
  // raw Dexie writing the same three rows in one transaction (same store, same indexes), so both
  // meet the same background compaction of the seed
  const app: number[] = [],
    raw: number[] = [];
  for (let i = 0; i < 200; i++) {
    app.push(await intakeMs(db, actor, intakePayloadAt(n + i, r, now + i * 1000), now + i * 1000));
    const evs = dossierEvents(n + 1000 + i, r);
    const rawEv = evs[0];
    const s = foldDossier(evs.slice(0, 1));
    if (!rawEv || !s) throw new Error('fixture');
    const row = toRow(s);
    raw.push(
      await ms(() =>
        db.transaction('rw', [db.events, db.dossiers, db.outbox], async () => {
          await db.events.put(rawEv);
          await db.dossiers.put(row);
          await db.outbox.put({
            eventId: rawEv.id,
            deviceSeq: i,
            dossierId: rawEv.dossierId,
            createdAt: now,
            state: 'pending',
            attempts: 0,
            lastError: null,
            permanent: false,
          });
        }),
      ),
    );
  }
  console.log('[bench] raw intakes done');
  const tabs: Record<string, number> = {};
  for (const tab of QUEUE_TABS) tabs[tab] = await ms(() => queuePage(db, tab, { now, cal }));
  const rawPage = await ms(() => db.dossiers.where('[open+due+id]').between([1, -Infinity, Dexie.minKey], [1, Infinity, Dexie.maxKey]).limit(50).toArray());
  let after = null;
  for (let i = 0; i < 20; i++) after = (await queuePage(db, 'open', { now, cal, after })).next;
  const deepPage = await ms(() => queuePage(db, 'open', { now, cal, after }));
  console.log('[bench] pages done');
  const search = {
    'nguyen (1 word, many hits)': await ms(() => searchDossiers(db, 'nguyen')),
    'tran thi hoa': await ms(() => searchDossiers(db, 'tran thi hoa')),
    'dang van': await ms(() => searchDossiers(db, 'dang van')),
    'phone prefix 0910000': await ms(() => searchDossiers(db, '0910000')),
  };
  const rawSearch = await ms(() => db.dossiers.where('keys').startsWith('nguyen').limit(50).toArray());
  console.log('[bench] search done');
  const counts = await ms(() => queueCounts(db, { now, cal }));
  const fullCount = await ms(() => db.dossiers.count());
  const supervisor = await supervisorBench(db, now, cal);
  db.close();
  console.log('[bench] clear round done');
  // the clear database goes first: two copies of N dossiers may not fit the browser's quota
  await Dexie.delete('bench-app');
  const privacy = user
    ? await sealedRound(n, user).catch((e: unknown) => ({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }))
    : 'no user given';
  return {
    n,
    seedMs: Math.round(seedMs),
    intake: { app: stats(app), rawDexie: stats(raw), ratio: Math.round((stats(app).median / stats(raw).median) * 100) / 100, ratioBudget: 1.5 },
    firstPageMs: tabs,
    rawDexieFirstPageMs: rawPage,
    page21Ms: deepPage,
    searchMs: search,
    rawDexiePrefixMs: rawSearch,
    tabCountsMs: counts,
    fullTableCountMs: fullCount,
    supervisor,
    privacy,
  };
}

declare global {
  interface Window {
    runCounterBench: typeof runCounterBench;
  }
}
window.runCounterBench = runCounterBench;
