/**
 * Pull: the commune's events after the checkpoint, page by page. Each page is stored with its
 * checkpoint in one transaction, so a failure mid-way resumes where it stopped and a checkpoint
 * never runs ahead of what is stored. Kiosks get kiosk-safe dossier rows instead of events.
 */
import type { DeviceStatus, KioskDossier, PullResponse, ReferenceVersions, Transport } from '../../protocol';
import { LIMITS, PROTOCOL_VERSION } from '../../protocol/version';
import { applyPulledBatch } from '../db/applyRemote';
import { getMeta, setMeta } from '../db/meta';
import type { KioskDossierRow, MotCuaDb } from '../db/schema';

export type PullProgress = { readonly done: number; readonly hasMore: boolean; readonly checkpoint: number };
export type PullOutcome = { readonly stored: number; readonly pages: number; readonly reference: ReferenceVersions | null };

/** Only the fields a kiosk may hold (PD3), whatever else an answer carried. */
export function kioskRow(k: KioskDossier): KioskDossierRow {
  return {
    code: k.code,
    procedureCode: k.procedureCode,
    procedureName: k.procedureName,
    officerId: k.officerId,
    status: k.status,
    receivedAt: k.receivedAt,
    dueAt: k.dueAt,
    effectiveDueAt: k.effectiveDueAt,
    rated: k.rated ? 1 : 0,
    supplementRequestedAt: k.supplementRequestedAt ?? null,
  };
}

/** SAT3: keeps the commune's receipt key the server sent (devices enrolled before it existed learn it here). */
async function rememberReceiptKey(db: MotCuaDb, receiptKey: string | undefined): Promise<void> {
  if (!receiptKey) return;
  await db.transaction('rw', db.meta, async () => {
    const device = await getMeta(db, 'device');
    if (device && device.receiptKey !== receiptKey) await setMeta(db, 'device', { ...device, receiptKey });
  });
}

/** Stores one page and moves the checkpoint, in one transaction. Returns how many rows were new or changed. */
export async function applyPullPage(db: MotCuaDb, res: PullResponse): Promise<number> {
  await rememberReceiptKey(db, res.receiptKey);
  if (res.kind === 'events') return (await applyPulledBatch(db, res.events, res.next)).stored;
  await db.transaction('rw', [db.kioskDossiers, db.meta], async () => {
    if (res.kioskDossiers.length) await db.kioskDossiers.bulkPut(res.kioskDossiers.map(kioskRow));
    await setMeta(db, 'checkpoint', res.next);
  });
  return res.kioskDossiers.length;
}

export async function pullAll(
  db: MotCuaDb,
  transport: Transport,
  token: string,
  status: () => Promise<DeviceStatus>,
  onProgress: (p: PullProgress) => void | Promise<void> = () => undefined,
  pageSize: number = LIMITS.defaultPullLimit,
): Promise<PullOutcome> {
  let stored = 0,
    pages = 0;
  let reference: ReferenceVersions | null;
  const ask = (after: number, st: Promise<DeviceStatus>) =>
    st.then((s) => transport.pull(token, { protocolVersion: PROTOCOL_VERSION, after, limit: pageSize, status: s }));
  let after = (await getMeta(db, 'checkpoint')) ?? 0;
  let request = ask(after, status());
  for (;;) {
    const res = await request;
    reference = res.reference;
    pages++;
    // a server that says "more" without moving forward would loop for ever
    const more = res.hasMore && res.next > after;
    // the next page is asked for while this one is stored; its checkpoint moves only with the store.
    // Its status is read first: begun after the store's write, its reads would wait behind it.
    if (more) {
      request = ask(res.next, Promise.resolve(await status()));
      request.catch(() => undefined);
    }
    stored += await applyPullPage(db, res);
    await onProgress({ done: stored, hasMore: res.hasMore, checkpoint: res.next });
    if (!more) break;
    after = res.next;
  }
  return { stored, pages, reference };
}
