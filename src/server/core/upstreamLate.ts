/**
 * The upstream late and at-risk list (TIM2): per commune, its open dossiers promised before the
 * end of the next working day, judged by the domain; bounded (the most overdue, and a count).
 */
import { buildWorkCalendar } from '../../domain/calendar/workCalendar';
import type { WorkCalendar } from '../../domain/calendar/types';
import { atRiskHorizon, lateCategoryOf } from '../../domain/timeliness/lateList';
import type { UpstreamLate, UpstreamLateItem } from '../../protocol/upstream';
import type { Commune } from '../store/port';
import type { UpstreamStore } from '../store/upstreamStore';

/** Overdue dossiers listed per commune (the most overdue); the count says how many there are in all. */
export const LATE_LIST_LIMIT = 50;

export async function lateList(upstream: UpstreamStore, communes: readonly Commune[], now: number): Promise<UpstreamLate> {
  const ids = communes.map((c) => c.id);
  const docs = await upstream.calendars(ids);
  // communes share the national calendar: build each distinct set of documents once
  const built = new Map<string, WorkCalendar>();
  const cal = new Map(
    ids.map((id) => {
      const d = docs.get(id) ?? [];
      const key = d.map((x) => x.version).join('+');
      if (!built.has(key)) built.set(key, buildWorkCalendar(d));
      return [id, built.get(key)!];
    }),
  );
  const horizon = Math.max(now, ...[...built.values()].map((c) => atRiskHorizon(c, now)));
  const { rows, overdue } = await upstream.lateCandidates(ids, now, horizon, LATE_LIST_LIMIT);
  const items = new Map<string, UpstreamLateItem[]>(ids.map((id) => [id, []]));
  for (const r of rows) {
    const category = lateCategoryOf(r.state, now, cal.get(r.communeId)!);
    if (category === null || r.state.effectiveDueAt === null) continue;
    items.get(r.communeId)?.push({
      code: r.state.id,
      fieldCode: r.state.fieldCode,
      procedureName: r.state.procedureName,
      officerName: r.officerName,
      receivedAt: r.state.receivedAt,
      promisedAt: r.state.effectiveDueAt,
      category,
    });
  }
  return {
    serverTime: now,
    limit: LATE_LIST_LIMIT,
    communes: communes.map((c) => ({ commune: { id: c.id, name: c.name }, overdueTotal: overdue.get(c.id) ?? 0, items: items.get(c.id) ?? [] })),
  };
}
