/**
 * SYNC4 on SQL: actions on a dossier whose intake the server has not received are held apart in
 * held_events (migration 010) and released into the event log, or refused, when the intake
 * arrives. The decisions are the domain's (dossier/belongs.ts); this file only reads and writes.
 */
import { doesNotFitIntake } from '../../domain/dossier/belongs';
import type { DossierEvent, DossierEventOf } from '../../domain/dossier/events';
import { canonicalize } from '../../protocol/canonicalJson';
import type { Sql } from './db';

/** A stored `received` row as the event it is. */
export function intakeOf(
  communeId: string,
  r: { id: string; dossier_id: string; device_id: string; device_seq: number; actor_id: string; at: number; tz_offset_min: number; payload: unknown },
): DossierEventOf<'received'> {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    communeId,
    deviceId: r.device_id,
    deviceSeq: Number(r.device_seq),
    actorId: r.actor_id,
    at: Number(r.at),
    tzOffsetMin: Number(r.tz_offset_min),
    type: 'received',
    payload: r.payload,
  } as DossierEventOf<'received'>;
}

/** Holds events apart. Per id: 'held' (now or before, same content) or 'conflict' (the id is held for another event). */
export async function holdEvents(tx: Sql, communeId: string, events: readonly DossierEvent[], now: number): Promise<Map<string, 'held' | 'conflict'>> {
  const out = new Map<string, 'held' | 'conflict'>();
  if (events.length === 0) return out;
  await tx.query(
    `INSERT INTO held_events (id, commune_id, dossier_id, event, held_at, state)
     SELECT id, $1, dossier_id, event, $2, 'held' FROM unnest($3::uuid[], $4::text[], $5::jsonb[]) AS t(id, dossier_id, event)
     ON CONFLICT (id) DO NOTHING`,
    [communeId, now, events.map((e) => e.id), events.map((e) => e.dossierId), events.map((e) => JSON.stringify(e))],
  );
  const rows = await tx.query<{ id: string; event: DossierEvent; state: string }>('SELECT id, event, state FROM held_events WHERE id = ANY($1::uuid[])', [
    events.map((e) => e.id),
  ]);
  const had = new Map(rows.map((r) => [r.id, r]));
  for (const e of events) {
    const r = had.get(e.id);
    out.set(e.id, r && r.state === 'held' && canonicalize(r.event) === canonicalize(e) ? 'held' : 'conflict');
  }
  return out;
}

/**
 * The held events of dossiers whose intake just arrived: those that fit are returned (to be stored
 * now) and marked released; those that do not are marked refused with the reason. `waiting`: the
 * events held for these dossiers (and maybe others), read under the commune's lock, oldest first.
 */
export async function releaseHeld(
  tx: Sql,
  intakes: ReadonlyMap<string, DossierEventOf<'received'>>,
  waiting: readonly DossierEvent[],
  now: number,
): Promise<DossierEvent[]> {
  const rows = waiting.filter((e) => intakes.has(e.dossierId));
  if (rows.length === 0) return [];
  const release: DossierEvent[] = [];
  const refused: { id: string; reason: string }[] = [];
  for (const e of rows) {
    const why = doesNotFitIntake(intakes.get(e.dossierId)!, e);
    if (why) refused.push({ id: e.id, reason: why });
    else release.push(e);
  }
  if (release.length > 0)
    await tx.query(`UPDATE held_events SET state = 'released', settled_at = $2 WHERE id = ANY($1::uuid[])`, [release.map((e) => e.id), now]);
  if (refused.length > 0) {
    await tx.query(
      `UPDATE held_events h SET state = 'refused', settled_at = $3, reason = t.reason FROM unnest($1::uuid[], $2::text[]) AS t(id, reason) WHERE h.id = t.id`,
      [refused.map((x) => x.id), refused.map((x) => x.reason), now],
    );
  }
  return release;
}
