/**
 * PD4: every access to a citizen's details is recorded. A record says who (the user), when (the
 * device's time), which dossiers, on which device and what kind of access; never the personal
 * data itself (its `detail` is a code from a small alphabet: a form's name, an export's format, a
 * file's SHA-256). Pure rules shared by the tablet and the server.
 */
import type { Instant } from '../time/vnTime';

/** view: a dossier's details on screen; print: a form or list with personal data printed; export: a list saved to a file; file: a digitised paper opened. */
export const ACCESS_KINDS = ['view', 'print', 'export', 'file'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** PD4b: the detail alphabet: no space, no letter with a diacritic, so no name fits in it. */
export const ACCESS_DETAIL_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** Dossiers in one record at most; a longer list (a year's logbook) is recorded as several. */
export const MAX_DOSSIERS_PER_RECORD = 5000;

export type AccessFacts = {
  readonly actorId: string;
  readonly kind: AccessKind;
  readonly dossierIds: readonly string[];
  readonly detail: string | null;
};

/** PD4c: a view repeated by the same person on the same dossiers within this time is one access. */
export const REPEAT_VIEW_MS = 5 * 60_000;

/**
 * PD4c: true when `next` repeats the view `previous` recorded (same person, same dossiers, within
 * REPEAT_VIEW_MS, on the same device). Prints, exports and file openings always count: each one
 * puts personal data somewhere new.
 */
export function isRepeatView(previous: (AccessFacts & { readonly at: Instant }) | undefined, next: AccessFacts & { readonly at: Instant }): boolean {
  if (!previous || next.kind !== 'view' || previous.kind !== 'view') return false;
  if (previous.actorId !== next.actorId) return false;
  if (next.at < previous.at || next.at - previous.at >= REPEAT_VIEW_MS) return false;
  return sameIds(previous.dossierIds, next.dossierIds);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/** The dossier ids without repeats, in chunks of at most `max` (one record each). */
export function dossierChunks(ids: readonly string[], max = MAX_DOSSIERS_PER_RECORD): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += max) out.push(unique.slice(i, i + max));
  return out;
}

/**
 * SRCH1 for the access log's dossier filter: `query` (lower case) finds a code when it is a prefix
 * of the whole code or of a tail that starts after a dot or a dash.
 */
export function codeMatches(code: string, query: string): boolean {
  const c = code.toLowerCase();
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (c.startsWith(q)) return true;
  for (let i = 0; i < c.length; i++) if ((c[i] === '.' || c[i] === '-') && c.startsWith(q, i + 1)) return true;
  return false;
}

/** The keyset cursor of the access log's pages (newest first): the last row's time and id. */
export function accessCursor(at: Instant, id: string): string {
  return `${at}_${id}`;
}

export function parseAccessCursor(s: string): { at: Instant; id: string } | null {
  const m = /^(\d{1,16})_([0-9a-f-]{36})$/.exec(s);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}
