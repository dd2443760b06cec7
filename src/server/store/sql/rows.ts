/** Row shapes and conversions shared by the SQL store's parts. */
import type { DossierEvent } from '../../../domain/dossier/events';
import type { Sql } from '../db';

export type EventRow = {
  id: string;
  server_seq: number;
  commune_id: string;
  dossier_id: string;
  device_id: string;
  device_seq: number;
  actor_id: string;
  type: string;
  at: number;
  tz_offset_min: number;
  payload: unknown;
};

export const EVENT_COLUMNS = 'id, server_seq, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload';

export function eventOf(r: Omit<EventRow, 'server_seq'>): DossierEvent {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    communeId: r.commune_id,
    deviceId: r.device_id,
    actorId: r.actor_id,
    at: Number(r.at),
    tzOffsetMin: Number(r.tz_offset_min),
    deviceSeq: Number(r.device_seq),
    type: r.type,
    payload: r.payload,
  } as DossierEvent;
}

export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Serialises the writers of one commune, so server_seq order is commit order within a commune. */
export const lockCommune = (tx: Sql, communeId: string) => tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`motcua:commune:${communeId}`]);
