/**
 * LIF5: dossier codes `<agency code>-<YYMMDD>-<NNNN>`, e.g. `000.00.06.H56-231027-0361`. Tablets
 * issue codes offline, so two devices must never issue the same one: the server gives each
 * enrolled device a slot (1–99) and the device numbers within it, slot·1000 + n (n 1–999 a day).
 */
import { err, ok, type Result } from '../result';
import { parseIsoDate, vnDate, type Instant, type IsoDate } from '../time/vnTime';

export const MAX_SLOT = 99;
export const CODES_PER_SLOT_PER_DAY = 999;

const CODE = /^([0-9A-Z]+(?:\.[0-9A-Z]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;
const AGENCY = /^[0-9A-Z]+(?:\.[0-9A-Z]+)*$/;

export type ParsedCode = { readonly agencyCode: string; readonly date: IsoDate; readonly seq: number };

export function codeSequence(slot: number, n: number): number {
  return slot * 1000 + n;
}

export function formatDossierCode(agencyCode: string, date: IsoDate, seq: number): string {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const yymmdd = `${String(p.year % 100).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
  return `${agencyCode}-${yymmdd}-${String(seq).padStart(4, '0')}`;
}

/** Reads a code typed or scanned; spaces are ignored and letters upper-cased. */
export function parseDossierCode(input: string): Result<ParsedCode> {
  const s = input.replace(/\s+/g, '').toUpperCase();
  const m = CODE.exec(s);
  if (!m) return err('dossier.badCode', `not a dossier code: ${input}`, { code: input });
  const date = `20${m[2]}-${m[3]}-${m[4]}`;
  if (!parseIsoDate(date)) return err('dossier.badCode', `not a real date in code: ${input}`, { code: input });
  return ok({ agencyCode: m[1] as string, date, seq: Number(m[5]) });
}

/** The codes a slot can issue on a date, first and last: they sort as strings in issue order (a key range). */
export function slotCodeRange(agencyCode: string, slot: number, date: IsoDate): readonly [string, string] {
  return [formatDossierCode(agencyCode, date, codeSequence(slot, 1)), formatDossierCode(agencyCode, date, codeSequence(slot, CODES_PER_SLOT_PER_DAY))];
}

/** The n of a code within a slot (0 when the slot did not issue it). */
export function slotNumberOf(code: string, slot: number): number {
  const p = parseDossierCode(code);
  const n = p.ok ? p.value.seq - codeSequence(slot, 0) : 0;
  return n >= 1 && n <= CODES_PER_SLOT_PER_DAY ? n : 0;
}

/**
 * The code a device issues next. `last` is the device's counter ({date, n}) from its storage;
 * `highestStoredToday` the n of the slot's highest code of that day the device holds. The counter
 * alone would repeat a code after the device's date went back and forth (a clock corrected, a
 * dossier entered with another date), so the higher of the two counts.
 */
export function nextDossierCode(input: {
  readonly agencyCode: string;
  readonly slot: number;
  readonly at: Instant;
  readonly last: { readonly date: IsoDate; readonly n: number } | null;
  readonly highestStoredToday?: number;
}): Result<{ code: string; date: IsoDate; n: number }> {
  if (!AGENCY.test(input.agencyCode)) return err('dossier.badAgencyCode', `bad agency code ${input.agencyCode}`, { agencyCode: input.agencyCode });
  if (!Number.isInteger(input.slot) || input.slot < 1 || input.slot > MAX_SLOT) {
    return err('dossier.noCodeSlot', `this device has no dossier code slot (${String(input.slot)})`);
  }
  const date = vnDate(input.at);
  const n = Math.max(input.last && input.last.date === date ? input.last.n : 0, input.highestStoredToday ?? 0) + 1;
  if (n > CODES_PER_SLOT_PER_DAY)
    return err('dossier.codeSlotExhausted', `this device issued ${CODES_PER_SLOT_PER_DAY} codes today`, { max: CODES_PER_SLOT_PER_DAY });
  return ok({ code: formatDossierCode(input.agencyCode, date, codeSequence(input.slot, n)), date, n });
}

/**
 * SRCH1: the parts of a code a person types to find it: the whole code and every tail that starts
 * after a dot or a dash (`h56-261201-1001`, `261201-1001`, `1001`), lower-cased. A prefix search on
 * these keys also finds the date alone (`261201`).
 */
export function codeSearchKeys(code: string): string[] {
  const s = code.replace(/\s+/g, '').toLowerCase();
  const keys = [s];
  for (let i = 0; i < s.length; i++) if ((s[i] === '.' || s[i] === '-') && i + 1 < s.length) keys.push(s.slice(i + 1));
  return [...new Set(keys)];
}
