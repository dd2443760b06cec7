/**
 * The receipt's QR code (FRM3) carries what the kiosk needs and no personal data (PD3):
 * `MOTCUA2|<dossier code>|<procedure code>|<receiving officer id>|<check code>` (SAT3,
 * kiosk/receiptCheck.ts). Receipts printed before the check code read `MOTCUA1|…` without it.
 */
import { err, ok, type Result } from '../result';
import { isCheckCodeFormat } from '../kiosk/receiptCheck';
import { parseDossierCode } from './codes';

const V1 = 'MOTCUA1';
const V2 = 'MOTCUA2';
const SAFE = /^[0-9A-Za-z._:-]{1,64}$/;

export type ReceiptQr = {
  readonly code: string;
  readonly procedureCode: string;
  readonly officerId: string;
  /** SAT3: the receipt's check code; absent on receipts printed without one. */
  readonly checkCode?: string;
};

export function encodeReceiptQr(q: ReceiptQr): string {
  return q.checkCode === undefined ? [V1, q.code, q.procedureCode, q.officerId].join('|') : [V2, q.code, q.procedureCode, q.officerId, q.checkCode].join('|');
}

export function decodeReceiptQr(text: string): Result<ReceiptQr> {
  const parts = text.trim().split('|');
  const v2 = parts.length === 5 && parts[0] === V2;
  if (!v2 && !(parts.length === 4 && parts[0] === V1)) return err('dossier.badQr', 'not a Một Cửa receipt QR code');
  const [, code = '', procedureCode = '', officerId = '', checkCode = ''] = parts;
  const parsed = parseDossierCode(code);
  if (!parsed.ok || !SAFE.test(procedureCode) || !SAFE.test(officerId) || (v2 && !isCheckCodeFormat(checkCode))) {
    return err('dossier.badQr', 'not a Một Cửa receipt QR code');
  }
  return ok({ code: code.toUpperCase(), procedureCode, officerId, ...(v2 ? { checkCode } : {}) });
}
