/**
 * How long the kiosk waits without a touch before it goes back to idle: KIOSK_IDLE_RESET_S, unless
 * the device's localStorage names another value (`motcua.kioskIdleResetS`, 1–600). Tests use it to
 * avoid waiting 30 s; a citizen cannot reach localStorage on a locked-down kiosk.
 */
import { KIOSK_IDLE_RESET_S } from '../../domain/kiosk/kioskPolicy';

export const IDLE_OVERRIDE_KEY = 'motcua.kioskIdleResetS';

export function kioskIdleResetS(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number {
  const raw = Number(storage?.getItem(IDLE_OVERRIDE_KEY) ?? NaN);
  return Number.isFinite(raw) && raw >= 1 && raw <= 600 ? raw : KIOSK_IDLE_RESET_S;
}
