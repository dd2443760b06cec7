/** Dossier histories for the supervisor tests: hand-picked and seeded-random, in Vietnam time. */
import type { DossierEvent, ReceivedPayload } from '../../../src/domain/dossier/events';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierState } from '../../../src/domain/dossier/state';
import { buildEvent, buildReceived, DAY, HOUR } from '../../support/builders';

let n = 0;
export const nextCode = (): string => `000.00.06.H56-260302-${String(1000 + ++n)}`;

export type History = { readonly id: string; readonly events: DossierEvent[] };

export function history(
  receivedAt: number,
  dueAt: number | null,
  more: (id: string) => DossierEvent[] = () => [],
  o: Partial<ReceivedPayload> = {},
  actorId = 'can-bo-lan',
): History {
  const id = nextCode();
  const first = buildReceived({ dueAt, clockStartAt: dueAt === null ? null : receivedAt, ...o }, { dossierId: id, at: receivedAt, actorId });
  return { id, events: [first, ...more(id)] };
}

export const stateOf = (h: History): DossierState => foldDossier(h.events)!;

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = ['HT', 'CT', 'DD'];

/** Random lifecycles between `start` and `start + spanDays`: supplements, apologies, ends, returns, ratings. */
export function randomHistories(seed: number, count: number, start: number, spanDays: number): History[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: History[] = [];
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor(r() * spanDays * DAY);
    const incomplete = r() < 0.1;
    const due = at + Math.floor((1 + r() * 20) * DAY);
    let t = at;
    const step = () => (t += Math.floor((0.2 + r() * 12) * DAY) + HOUR);
    out.push(
      history(
        at,
        incomplete ? null : due,
        (id) => {
          const ev: DossierEvent[] = [];
          const e = (type: Parameters<typeof buildEvent>[0], payload: never) =>
            ev.push(buildEvent(type, payload, { dossierId: id, at: step() }) as DossierEvent);
          if (incomplete) {
            if (r() < 0.3) return ev;
            e('supplementReceived', { dueAt: t + 30 * DAY, clockStartAt: t, calendarVersion: 'v' } as never);
          }
          if (r() < 0.25) {
            e('supplementRequested', { missing: ['Tờ khai'] } as never);
            if (r() < 0.7) e('supplementReceived', { dueAt: due + 10 * DAY, clockStartAt: t, calendarVersion: 'v' } as never);
          }
          if (r() < 0.2) e('apologyIssued', { number: '01/XL', reason: 'xác minh', newDueAt: due + 20 * DAY, signer: 'Chủ tịch', channel: 'paper' } as never);
          const end = r();
          if (end < 0.55) {
            e('resolved', {} as never);
            if (r() < 0.6) e('resultReturned', {} as never);
          } else if (end < 0.62) e('withdrawn', { reason: 'rút' } as never);
          else if (end < 0.67) e('stopped', { reason: 'dừng' } as never);
          if (r() < 0.4) e('rated', { level: pick(['verySatisfied', 'satisfied', 'dissatisfied'] as const) } as never);
          return ev;
        },
        {
          fieldCode: pick(FIELDS),
          channel: pick([1, 2, 3] as const),
          outOfArea: r() < 0.1,
          ...(incomplete ? { outcome: 'incomplete', missing: ['Giấy'] } : {}),
        },
        pick(['can-bo-lan', 'can-bo-minh']),
      ),
    );
  }
  return out;
}
