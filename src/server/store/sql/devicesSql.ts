/** Enrollment codes and devices (tables enrollment_codes, devices): numbering slots, tokens, status. */
import type { DeviceInfo, DeviceRole, DeviceStatus } from '../../../protocol/messages';
import type { Database } from '../db';
import type { Device, Redeem, Store } from '../port';
import { lockCommune, num } from './rows';

type DeviceRow = {
  id: string;
  commune_id: string;
  agency_code: string;
  name: string;
  role: DeviceRole;
  code_slot: number | null;
  export_key: string;
  revoked_at: number | null;
};
const DEVICE_COLUMNS = 'd.id, d.commune_id, c.agency_code, d.name, d.role, d.code_slot, d.export_key, d.revoked_at';
/** A device with its commune's agency code, one lookup. */
const DEVICES = 'devices d JOIN communes c ON c.id = d.commune_id';

function deviceOf(r: DeviceRow): Device {
  return {
    id: r.id,
    communeId: r.commune_id,
    agencyCode: r.agency_code,
    name: r.name,
    role: r.role,
    codeSlot: r.code_slot === null ? null : Number(r.code_slot),
    exportKey: r.export_key,
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

class NoSlot extends Error {}

export type DeviceStore = Pick<
  Store,
  'issueEnrollmentCode' | 'redeemEnrollmentCode' | 'deviceByTokenHash' | 'device' | 'revokeDevice' | 'recordStatus' | 'listDevices'
>;

export function createDeviceStore(db: Database): DeviceStore {
  return {
    async issueEnrollmentCode(c) {
      await db.query('INSERT INTO enrollment_codes (code_hash, commune_id, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        c.codeHash,
        c.communeId,
        c.role,
        c.now,
        c.expiresAt,
      ]);
    },

    async redeemEnrollmentCode(r: Redeem) {
      try {
        return await db.transaction(async (tx) => {
          const [code] = await tx.query<{ commune_id: string; role: DeviceRole }>(
            `UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING commune_id, role`,
            [r.codeHash, r.now, r.deviceId],
          );
          if (!code) return 'noCode' as const;
          await lockCommune(tx, code.commune_id);
          let slot: number | null = null;
          if (code.role !== 'kiosk') {
            const taken = new Set(
              (await tx.query<{ code_slot: number }>('SELECT code_slot FROM devices WHERE commune_id = $1 AND code_slot IS NOT NULL', [code.commune_id])).map(
                (x) => Number(x.code_slot),
              ),
            );
            for (let s = 1; s <= 99 && slot === null; s++) if (!taken.has(s)) slot = s;
            if (slot === null) throw new NoSlot();
          }
          await tx.query(
            `INSERT INTO devices (id, commune_id, name, role, token_hash, code_slot, export_key, enrolled_at, app_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [r.deviceId, code.commune_id, r.deviceName, code.role, r.tokenHash, slot, r.exportKey, r.now, r.appVersion],
          );
          const [row] = await tx.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM ${DEVICES} WHERE d.id = $1`, [r.deviceId]);
          return deviceOf(row!);
        });
      } catch (e) {
        if (e instanceof NoSlot) return 'noSlot';
        throw e;
      }
    },

    async deviceByTokenHash(tokenHash) {
      const [r] = await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM ${DEVICES} WHERE d.token_hash = $1`, [tokenHash]);
      return r ? deviceOf(r) : null;
    },

    async device(id) {
      const [r] = await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM ${DEVICES} WHERE d.id = $1`, [id]);
      return r ? deviceOf(r) : null;
    },

    async revokeDevice(id, now) {
      const rows = await db.query('UPDATE devices SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id', [id, now]);
      return rows.length > 0;
    },

    async recordStatus(deviceId, status: DeviceStatus, now) {
      await db.query('UPDATE devices SET last_status = $2::jsonb, last_seen_at = $3, app_version = $4 WHERE id = $1', [
        deviceId,
        JSON.stringify(status),
        now,
        status.appVersion,
      ]);
    },

    async listDevices(communeId): Promise<DeviceInfo[]> {
      const rows = await db.query<
        DeviceRow & { enrolled_at: number; last_seen_at: number | null; app_version: string | null; last_status: DeviceStatus | null }
      >(
        `SELECT ${DEVICE_COLUMNS}, d.enrolled_at, d.last_seen_at, d.app_version, d.last_status
         FROM ${DEVICES} WHERE d.commune_id = $1 ORDER BY d.enrolled_at, d.id`,
        [communeId],
      );
      return rows.map((r) => ({
        deviceId: r.id,
        name: r.name,
        role: r.role,
        codeSlot: num(r.code_slot),
        enrolledAt: Number(r.enrolled_at),
        revokedAt: num(r.revoked_at),
        lastSeenAt: num(r.last_seen_at),
        appVersion: r.app_version,
        status: r.last_status,
      }));
    },
  };
}
