/**
 * The receipt's QR code (FRM3) carries what the kiosk needs and no personal data (PD3):
 * `MOTCUA1|<dossier code>|<procedure code>|<receiving officer id>`.
 */
import { err, ok, type Result } from '../result';
import { parseDossierCode } from './codes';

const PREFIX = 'MOTCUA1';
const SAFE = /^[0-9A-Za-z._:-]{1,64}$/;

export type ReceiptQr = { readonly code: string; readonly procedureCode: string; readonly officerId: string };

export function encodeReceiptQr(q: ReceiptQr): string {
  return [PREFIX, q.code, q.procedureCode, q.officerId].join('|');
}

export function decodeReceiptQr(text: string): Result<ReceiptQr> {
  const parts = text.trim().split('|');
  if (parts.length !== 4 || parts[0] !== PREFIX) return err('dossier.badQr', 'not a Một Cửa receipt QR code');
  const [, code = '', procedureCode = '', officerId = ''] = parts;
  const parsed = parseDossierCode(code);
  if (!parsed.ok || !SAFE.test(procedureCode) || !SAFE.test(officerId)) return err('dossier.badQr', 'not a Một Cửa receipt QR code');
  return ok({ code: code.toUpperCase(), procedureCode, officerId });
}
