/**
 * Sync status of the commune's devices: this device's own (from meta 'sync' and the outbox, the
 * same report it sends on every exchange) and, when online, every device the server knows
 * (GET /api/v1/devices; the server answers counter and supervisor tokens, not kiosks).
 */
import type { DeviceInfo, DeviceStatus, DevicesResponse, FilesMissing, SupervisorTransport, Transport } from '../../protocol';

/** A device not heard from for longer than this stands out. */
export const SILENT_AFTER_MS = 2 * 60 * 60_000;

export type DeviceLine = {
  readonly deviceId: string;
  readonly name: string;
  readonly role: DeviceInfo['role'] | null;
  readonly self: boolean;
  readonly revoked: boolean;
  /** When the server last heard from it (its last exchange), or its own last success. */
  readonly lastSeenAt: number | null;
  readonly status: DeviceStatus | null;
  /** Files it still owes the server (DIG2); null when the server keeps no files. */
  readonly filesMissing: FilesMissing | null;
};

export function canListDevices(t: Transport): t is SupervisorTransport {
  return typeof (t as Partial<SupervisorTransport>).devices === 'function';
}

export async function fetchDevices(t: Transport, token: string): Promise<DevicesResponse> {
  if (!canListDevices(t)) throw new Error('this transport cannot list devices');
  return t.devices(token);
}

export function lineOf(d: DeviceInfo, selfId: string | null): DeviceLine {
  return {
    deviceId: d.deviceId,
    name: d.name,
    role: d.role,
    self: d.deviceId === selfId,
    revoked: d.revokedAt !== null,
    lastSeenAt: d.lastSeenAt,
    status: d.status,
    filesMissing: d.filesMissing ?? null,
  };
}

/** Silent: never heard from, or not for longer than `afterMs` (revoked devices are not expected to call). */
export function isSilent(line: Pick<DeviceLine, 'lastSeenAt' | 'revoked'>, now: number, afterMs = SILENT_AFTER_MS): boolean {
  if (line.revoked) return false;
  return line.lastSeenAt === null || now - line.lastSeenAt > afterMs;
}

/** Silent devices first, then the most items waiting, then by name. Pass the server's time as `now`. */
export function sortLines(lines: readonly DeviceLine[], now: number): DeviceLine[] {
  return [...lines].sort(
    (a, b) =>
      Number(isSilent(b, now)) - Number(isSilent(a, now)) ||
      (b.status?.pendingCount ?? 0) - (a.status?.pendingCount ?? 0) ||
      (b.filesMissing?.files ?? 0) - (a.filesMissing?.files ?? 0) ||
      (a.name < b.name ? -1 : 1),
  );
}
