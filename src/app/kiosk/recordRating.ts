/**
 * The kiosk's recorder (SAT1, PD3). The counter's recorder folds the dossier's past events; a
 * kiosk has none (it holds only kioskDossiers summaries), so this one writes the `rated` event,
 * its outbox item and the summary's rated flag in one transaction, and leaves the lifecycle check
 * to the fold on the server and the counters (a second rating from elsewhere becomes a marked
 * `duplicateRating` conflict there, never a lost event). SAT3/SAT4: it writes only a rating that
 * binds to its dossier (bindTarget.ts), the same rule the server applies again.
 */
import { parseDossierCode } from '../../domain/dossier/codes';
import type { RatingPayload } from '../../domain/dossier/events';
import { decideRating } from '../../domain/kiosk/ratingDecision';
import { bindRating } from '../../domain/kiosk/receiptCheck';
import { DISSATISFACTION_REASONS, KIOSK_COMMENT_MAX_CHARS } from '../../domain/kiosk/kioskPolicy';
import { err, ok, type Result } from '../../domain/result';
import { localEvent, queueLocalEvent } from '../db/localEvent';
import { getMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import { expectedCheckOf } from './bindTarget';

export type KioskRatingInput = {
  readonly code: string;
  readonly level: RatingPayload['level'];
  readonly criteria?: RatingPayload['criteria'];
  readonly reasons?: readonly string[];
  readonly comment?: string;
  /** From the receipt QR, when scanned. */
  readonly officerId?: string;
  readonly procedureCode?: string;
  /** SAT3: the receipt's check code (typed, or from the QR); required for a dossier the kiosk has not synced. */
  readonly checkCode?: string;
};

export type KioskRatingOutcome = {
  /** 'repeat': a double tap within the window, nothing new written. */
  readonly kind: 'recorded' | 'repeat';
  readonly eventId: string | null;
  /** The kiosk had a summary of this dossier (else its status is not known here yet). */
  readonly known: boolean;
};

function payloadOf(input: KioskRatingInput, officerId: string | undefined, procedureCode: string | undefined): RatingPayload {
  const reasons = (input.reasons ?? []).filter((r) => (DISSATISFACTION_REASONS as readonly string[]).includes(r));
  const comment = input.comment?.trim().slice(0, KIOSK_COMMENT_MAX_CHARS);
  return {
    level: input.level,
    ...(input.criteria && Object.keys(input.criteria).length ? { criteria: input.criteria } : {}),
    ...(input.level === 'dissatisfied' && reasons.length ? { reasons } : {}),
    ...(input.level === 'dissatisfied' && comment ? { comment } : {}),
    ...(officerId ? { officerId } : {}),
    ...(procedureCode ? { procedureCode } : {}),
    ...(input.checkCode ? { checkCode: input.checkCode } : {}),
  };
}

/**
 * Records one citizen rating. Refuses a malformed code (`kiosk.badCode`), a rating that does not
 * bind (`kiosk.unbound`, `kiosk.wrongCheck`, `kiosk.beforeIntake`: SAT3, SAT4) and a dossier already
 * rated (`kiosk.alreadyRated`), changing nothing; a code the kiosk has not synced but whose check
 * code is right is accepted (it queues, the server checks again) with `known: false`.
 */
export async function recordKioskRating(db: MotCuaDb, input: KioskRatingInput, at: number): Promise<Result<KioskRatingOutcome>> {
  const parsed = parseDossierCode(input.code);
  if (!parsed.ok) return err('kiosk.badCode', parsed.error.message, { code: input.code });
  const code = input.code.replace(/\s+/g, '').toUpperCase();
  // WebCrypto is not IndexedDB: awaiting it inside the transaction would commit the transaction early
  const expectedCheck = input.checkCode === undefined ? null : await expectedCheckOf(db, code);
  return db.transaction('rw', [db.events, db.outbox, db.meta, db.kioskDossiers], async () => {
    const device = await getMeta(db, 'device');
    if (!device) return err('kiosk.notEnrolled', 'the kiosk is not enrolled');
    const row = await db.kioskDossiers.get(code);
    const bound = bindRating({ ratedAt: at, receivedAt: row?.receivedAt ?? null, checkCode: input.checkCode ?? null, expectedCheck });
    if (!bound.ok) return err(bound.error.code, bound.error.message, { code });
    const mine = await db.events
      .where('dossierId')
      .equals(code)
      .filter((e) => e.type === 'rated')
      .toArray();
    const decision = decideRating({ ratedUpstream: row?.rated === 1, localRatingTimes: mine.map((e) => e.at), now: at, receivedAt: row?.receivedAt ?? null });
    if (decision === 'alreadyRated') return err('kiosk.alreadyRated', `dossier ${code} is already rated`, { code });
    if (decision === 'repeat') return ok({ kind: 'repeat' as const, eventId: mine.at(-1)?.id ?? null, known: row !== undefined });
    const deviceSeq = ((await getMeta(db, 'deviceSeq')) ?? 0) + 1;
    // The officer is the one the receipt names; typed codes take the synced summary's, else the fold's receivedBy.
    // the kiosk acted, not the officer (events.ts): per-officer reports read payload.officerId
    const event = localEvent(
      device,
      device.deviceId,
      code,
      'rated',
      payloadOf(input, input.officerId ?? row?.officerId, input.procedureCode ?? row?.procedureCode),
      at,
      deviceSeq,
    );
    await Promise.all([...queueLocalEvent(db, event), row ? db.kioskDossiers.update(code, { rated: 1 }) : null]);
    return ok({ kind: 'recorded' as const, eventId: event.id, known: row !== undefined });
  });
}
