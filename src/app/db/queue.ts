/**
 * The work queue's reads: every tab is a range of a compound index, paged by keyset (the last
 * row's sort key), so a page costs the same at 100 rows or 100,000. Counts are index-range
 * counts, never a whole-table count().
 */
import Dexie, { type Collection } from 'dexie';
import type { WorkCalendar } from '../../domain/calendar/types';
import { atRiskHorizon } from '../../domain/timeliness/lateList';
import { foldSearchKey, matchesSearch } from '../../domain/text/searchKey';
import { MAX_DUE, type DossierRow, type MotCuaDb } from './schema';
import { dossiersWithKeyPrefix, legacyBlindKeysLeft } from '../privacy/blindSearch';

export const QUEUE_TABS = ['open', 'overdue', 'atRisk', 'supplement', 'toReturn', 'closed', 'conflicts'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export type QueueFilter = {
  readonly fieldCode?: string;
  readonly officerId?: string;
  /** Receipt date range, inclusive instants. */
  readonly from?: number;
  readonly to?: number;
};

/** The keyset cursor: the last row's sort key. */
export type PageCursor = readonly [number, string];
export type Page = { readonly rows: DossierRow[]; readonly next: PageCursor | null };

export const PAGE_SIZE = 50;

/** Due today or by the end of the next working day (TIM2 "at risk"), as an instant. */

type Range = { index: string; lower: unknown[]; upper: unknown[]; reverse: boolean; sortKey: (r: DossierRow) => number };

function rangeOf(tab: QueueTab, now: number, cal: WorkCalendar): Range {
  const byDue = (r: DossierRow) => r.due;
  const { minKey, maxKey } = Dexie;
  switch (tab) {
    case 'open':
      return { index: '[open+due+id]', lower: [1, -Infinity, minKey], upper: [1, MAX_DUE, maxKey], reverse: false, sortKey: byDue };
    // `due` is the running legal due date (judge.ts): overdue when now > due, at risk up to the horizon
    case 'overdue':
      return { index: '[open+due+id]', lower: [1, -Infinity, minKey], upper: [1, now - 1, maxKey], reverse: false, sortKey: byDue };
    case 'atRisk':
      return { index: '[open+due+id]', lower: [1, now, minKey], upper: [1, atRiskHorizon(cal, now) - 1, maxKey], reverse: false, sortKey: byDue };
    case 'supplement':
      return {
        index: '[status+due+id]',
        lower: ['supplementRequested', -Infinity, minKey],
        upper: ['supplementRequested', MAX_DUE, maxKey],
        reverse: false,
        sortKey: byDue,
      };
    case 'toReturn':
      return { index: '[status+due+id]', lower: ['resolved', -Infinity, minKey], upper: ['resolved', MAX_DUE, maxKey], reverse: false, sortKey: byDue };
    case 'closed':
      return { index: '[open+receivedAt+id]', lower: [0, -Infinity, minKey], upper: [0, MAX_DUE, maxKey], reverse: true, sortKey: (r) => r.receivedAt };
    case 'conflicts':
      return { index: '[conflict+due+id]', lower: [1, -Infinity, minKey], upper: [1, MAX_DUE, maxKey], reverse: false, sortKey: byDue };
  }
}

function applyFilter(c: Collection<DossierRow, string>, f: QueueFilter): Collection<DossierRow, string> {
  const active = f.fieldCode || f.officerId || f.from !== undefined || f.to !== undefined;
  if (!active) return c;
  return c.filter(
    (r) =>
      (!f.fieldCode || r.fieldCode === f.fieldCode) &&
      (!f.officerId || r.receivedBy === f.officerId) &&
      (f.from === undefined || r.receivedAt >= f.from) &&
      (f.to === undefined || r.receivedAt <= f.to),
  );
}

export async function queuePage(
  db: MotCuaDb,
  tab: QueueTab,
  opts: { now: number; cal: WorkCalendar; filter?: QueueFilter; after?: PageCursor | null; limit?: number },
): Promise<Page> {
  const limit = opts.limit ?? PAGE_SIZE;
  const r = rangeOf(tab, opts.now, opts.cal);
  let lower = r.lower,
    upper = r.upper;
  if (opts.after) {
    const key = [r.lower[0], opts.after[0], opts.after[1]];
    if (r.reverse) upper = key;
    else lower = key;
  }
  const index = db.dossiers.where(r.index);
  let c = index.between(lower, upper, !opts.after || r.reverse, !opts.after || !r.reverse);
  if (r.reverse) c = c.reverse();
  const rows = await applyFilter(c, opts.filter ?? {})
    .limit(limit)
    .toArray();
  const last = rows.at(-1);
  return { rows, next: rows.length === limit && last ? [r.sortKey(last), last.id] : null };
}

/** Rows in the tab; index-range counts (filters, when set, walk only that range). */
export async function queueCount(db: MotCuaDb, tab: QueueTab, opts: { now: number; cal: WorkCalendar; filter?: QueueFilter }): Promise<number> {
  const r = rangeOf(tab, opts.now, opts.cal);
  const c = db.dossiers.where(r.index).between(r.lower, r.upper, true, true);
  return applyFilter(c, opts.filter ?? {}).count();
}

export async function queueCounts(db: MotCuaDb, opts: { now: number; cal: WorkCalendar; filter?: QueueFilter }): Promise<Record<QueueTab, number>> {
  const entries = await Promise.all(QUEUE_TABS.map(async (t) => [t, await queueCount(db, t, opts)] as const));
  return Object.fromEntries(entries) as Record<QueueTab, number>;
}

/**
 * Search by code, by name with or without diacritics (from any word on), by ID number or phone.
 * First as a prefix of the folded keys (one index range); when nothing matches and the query
 * skips or shortens words ("nguyen hoa", "ng th d"), by its longest word with every word checked.
 */
export async function searchDossiers(db: MotCuaDb, query: string, limit = PAGE_SIZE): Promise<DossierRow[]> {
  const q = foldSearchKey(query);
  if (!q) return [];
  const compact = q.replace(/\s+/g, '');
  const key = /^[\d+]+$/.test(compact) ? compact : q;
  const legacy = await legacyBlindKeysLeft(db);
  const direct = await dossiersWithKeyPrefix(db, key, legacy).limit(limit).toArray();
  if (direct.length > 0 || !q.includes(' ')) return direct;
  const longest = q.split(' ').reduce((a, b) => (b.length > a.length ? b : a));
  return dossiersWithKeyPrefix(db, longest, legacy)
    .filter((r) => matchesSearch(`${r.state.applicant.name} ${r.state.applicant.organisation ?? ''}`, q))
    .limit(limit)
    .toArray();
}
