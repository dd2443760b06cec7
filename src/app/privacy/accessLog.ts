/**
 * PD4: the tablet's access log. Opening a dossier's details, printing a form or list with personal
 * data, exporting a list, opening a digitised paper: each writes a record (who, when, which
 * dossiers, what kind; never the personal data) to IndexedDB in a strict transaction, and the sync
 * run sends the records up after the outbox. A record leaves the tablet only when the server says
 * it has it (accepted or duplicate); a refused one stays, marked failed with the reason, for the
 * supervisor to see. The same rules as the outbox (push.ts), on a stream of its own: records are
 * not dossier events (they change no state and no report, and other tablets never pull them).
 */
import { dossierChunks, isRepeatView, type AccessFacts, type AccessKind } from '../../domain/privacy/accessLog';
import { codeMatches } from '../../domain/privacy/accessLog';
import type { AccessPushResult, AccessRecord } from '../../protocol/access';
import type { AccessTransport } from '../../protocol/accessClient';
import { TransportError } from '../../protocol/transport';
import { ACCESS_PUSH_LIMITS, PROTOCOL_VERSION } from '../../protocol/version';
import type { MotCuaDb } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';

export type AccessLogState = 'pending' | 'failed';

export type AccessLogRow = AccessRecord & {
  readonly state: AccessLogState;
  readonly attempts: number;
  /** i18n key of the refusal (errors:server.<reason>), with the server's message. */
  readonly lastError: string | null;
  readonly lastErrorParams?: Readonly<Record<string, string | number>>;
};

export type AccessInput = { readonly actorId: string; readonly kind: AccessKind; readonly dossierIds: readonly string[]; readonly detail: string | null };

// PD4c: the last view recorded in this tab (a reload starts afresh, which records one view more, never one fewer)
let lastView: (AccessFacts & { at: number }) | undefined;

/** Forgets the last view (tests; a sign-out, so the next person's first view is theirs). */
export function forgetLastView(): void {
  lastView = undefined;
}

/**
 * Writes the records of one access (several when it names more than MAX_DOSSIERS_PER_RECORD
 * dossiers); returns their ids, none for a repeated view (PD4c) or an access of no dossier.
 */
export async function recordAccess(db: MotCuaDb, input: AccessInput, now: number): Promise<string[]> {
  const facts = { ...input, at: now };
  if (input.dossierIds.length === 0 || isRepeatView(lastView, facts)) return [];
  if (input.kind === 'view') lastView = facts;
  const rows: AccessLogRow[] = dossierChunks(input.dossierIds).map((dossierIds) => ({
    id: uuidv7(now),
    at: now,
    actorId: input.actorId,
    kind: input.kind,
    dossierIds,
    detail: input.detail,
    state: 'pending',
    attempts: 0,
    lastError: null,
  }));
  await db.transaction('rw', db.accessLog, () => db.accessLog.bulkAdd(rows));
  return rows.map((r) => r.id);
}

const wire = (r: AccessLogRow): AccessRecord => ({ id: r.id, at: r.at, actorId: r.actorId, kind: r.kind, dossierIds: r.dossierIds, detail: r.detail });

/** The oldest pending records within the push limits (always at least one). */
async function nextBatch(db: MotCuaDb): Promise<AccessLogRow[]> {
  const rows = await db.accessLog
    .orderBy('id')
    .filter((r) => r.state === 'pending')
    .limit(ACCESS_PUSH_LIMITS.records)
    .toArray();
  let ids = 0;
  const out: AccessLogRow[] = [];
  for (const r of rows) {
    ids += r.dossierIds.length;
    if (out.length > 0 && ids > ACCESS_PUSH_LIMITS.dossierIds) break;
    out.push(r);
  }
  return out;
}

async function settle(db: MotCuaDb, results: readonly AccessPushResult[]): Promise<{ sent: number; rejected: number }> {
  return db.transaction('rw', db.accessLog, async () => {
    const done = results.filter((r) => r.outcome !== 'rejected').map((r) => r.id);
    const refused = results.filter((r): r is Extract<AccessPushResult, { outcome: 'rejected' }> => r.outcome === 'rejected');
    await db.accessLog.bulkDelete(done);
    for (const r of refused) {
      await db.accessLog
        .where('id')
        .equals(r.id)
        .modify((row) => {
          Object.assign(row, {
            state: 'failed',
            attempts: row.attempts + 1,
            lastError: `errors:server.${r.reason}`,
            lastErrorParams: { detail: r.message.slice(0, 300) },
          });
        });
    }
    return { sent: done.length, rejected: refused.length };
  });
}

export type AccessPushOutcome = { readonly sent: number; readonly rejected: number };

/**
 * Sends every pending record, oldest first. A network failure or a server fault leaves them
 * pending and is thrown (the sync run backs off). A batch refused whole as `invalid` is sent one
 * record at a time, so only the record at fault is set aside (SYNC2).
 */
export async function pushAccessLog(db: MotCuaDb, transport: AccessTransport, token: string): Promise<AccessPushOutcome> {
  let sent = 0,
    rejected = 0;
  const send = async (batch: readonly AccessLogRow[]) => {
    const res = await transport.pushAccess(token, { protocolVersion: PROTOCOL_VERSION, records: batch.map(wire) });
    const answered = res.results.filter((r) => batch.some((b) => b.id === r.id));
    const s = await settle(db, answered);
    sent += s.sent;
    rejected += s.rejected;
    return answered.length;
  };
  for (;;) {
    const batch = await nextBatch(db);
    if (batch.length === 0) break;
    try {
      // a server that answers for none of them would loop for ever: stop and try at the next run
      if ((await send(batch)) === 0) break;
    } catch (e) {
      if (!(e instanceof TransportError) || e.reason !== 'invalid') throw e;
      for (const one of batch) {
        try {
          await send([one]);
        } catch (alone) {
          if (!(alone instanceof TransportError) || alone.reason !== 'invalid') throw alone;
          await db.accessLog.update(one.id, {
            state: 'failed',
            attempts: one.attempts + 1,
            lastError: 'errors:server.invalid',
            lastErrorParams: { detail: alone.message.slice(0, 300) },
          });
          rejected += 1;
        }
      }
    }
  }
  return { sent, rejected };
}

/** Puts the failed records back in line (after the cause was fixed, e.g. a user added on the server). */
export async function retryFailedAccess(db: MotCuaDb): Promise<number> {
  return db.accessLog
    .where('state')
    .equals('failed')
    .modify((r) => {
      Object.assign(r, { state: 'pending', lastError: null });
      delete (r as { lastErrorParams?: unknown }).lastErrorParams;
    });
}

/** This device's records not on the server yet, newest first, filtered like the server's listing. */
export async function unsyncedAccess(db: MotCuaDb, filter: { dossier?: string; user?: string } = {}): Promise<AccessLogRow[]> {
  const rows = await db.accessLog.toArray();
  return rows
    .filter((r) => (!filter.user || r.actorId === filter.user) && (!filter.dossier || r.dossierIds.some((c) => codeMatches(c, filter.dossier!))))
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
}
