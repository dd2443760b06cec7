/**
 * SAT3, SAT4 on the server: a rating is stored only when it binds to its dossier, by the receipt's
 * check code or because the server holds the dossier's intake, and never when it is dated before
 * that intake. The kiosk checks the same (domain kiosk/receiptCheck.ts) offline; the server checks
 * again, so a kiosk of an old version, a forged push or an imported outbox file cannot rate a
 * number nobody was given.
 */
import type { DossierEvent } from '../../domain/dossier/events';
import { bindRating, receiptCheckCode } from '../../domain/kiosk/receiptCheck';
import type { Store } from '../store/port';

/** Why each rating of `events` cannot be bound (by event id); events that are not ratings are never in it. */
export async function unboundRatings(store: Store, communeId: string, events: readonly DossierEvent[]): Promise<Map<string, string>> {
  const ratings = events.filter((e) => e.type === 'rated');
  const refused = new Map<string, string>();
  if (ratings.length === 0) return refused;
  const key = await store.receiptKey(communeId);
  const intakes = await store.intakeTimes(communeId, [...new Set(ratings.map((e) => e.dossierId))]);
  // an intake in the same batch (an outbox file from a counter) counts as known
  for (const e of events) if (e.type === 'received' && !intakes.has(e.dossierId)) intakes.set(e.dossierId, e.at);
  for (const e of ratings) {
    const checkCode = e.payload.checkCode ?? null;
    const expectedCheck = checkCode !== null && key !== null ? await receiptCheckCode(key, e.dossierId) : null;
    const bound = bindRating({ ratedAt: e.at, receivedAt: intakes.get(e.dossierId) ?? null, checkCode, expectedCheck });
    if (!bound.ok) refused.set(e.id, `${bound.error.code}: ${bound.error.message}`);
  }
  return refused;
}
