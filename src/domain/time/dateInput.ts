/**
 * TXT2: dates are typed as dd/MM/yyyy and times as 24-hour HH:mm, whatever the browser's
 * language (a native date input shows mm/dd/yyyy in an English browser, so 12/09 reads as
 * 12 September). These read what a person types and shape it as they type.
 */
import { isoDate, parseIsoDate, type IsoDate } from './vnTime';

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** `12/09/2026`, `1/9/2026`, `12.09.2026`, `12-09-2026` or `12092026` to `2026-09-12`; null when it is not a real date. */
export function parseDmy(text: string): IsoDate | null {
  const s = text.trim();
  const m = DMY.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const date = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return parseIsoDate(date) ? date : null;
}

/** `HH:mm`, `H:mm`, `HHmm`, `16h30` or `16.30` to `16:30`; null when it is not a time of day. */
export function parseTimeText(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.hH]?)(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]),
    mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

/** True when `text` is digits with `sep` only where the shaping puts it: the person lets the field add them. */
const shapedSoFar = (text: string, sep: string, at: readonly number[]) => [...text].every((c, i) => (c >= '0' && c <= '9') || (c === sep && at.includes(i)));

/**
 * While typing digits, the slashes come by themselves: `1209` shows as `12/09`, `12092026` as
 * `12/09/2026`, and typing on after `12/0` goes on the same way. Text with separators of its
 * own (`1/9/2026`) is left as typed.
 */
export function shapeDateTyping(text: string): string {
  if (!shapedSoFar(text, '/', [2, 5])) return text.slice(0, 10);
  const d = text.replace(/\//g, '').slice(0, 8);
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
  return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
}

/** `1630` shows as `16:30` while typing. */
export function shapeTimeTyping(text: string): string {
  if (!shapedSoFar(text, ':', [2])) return text.slice(0, 5);
  const d = text.replace(/:/g, '').slice(0, 4);
  return d.length <= 2 ? d : `${d.slice(0, 2)}:${d.slice(2)}`;
}
