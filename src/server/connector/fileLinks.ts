/**
 * Signed, expiring download links for the portal's fetch of a dossier's papers and results: the
 * portal downloads each file from the URL it is given (DuongDanTaiTepTin), so the link itself is
 * the permission. A link names the commune and the file's SHA-256 and an expiry, sealed with
 * HMAC-SHA256 under a server secret; nothing personal is in it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type FileLinkClaim = { readonly communeId: string; readonly sha256: string; readonly expiresAt: number };
export type FileLinkCheck = { readonly ok: true; readonly claim: FileLinkClaim } | { readonly ok: false; readonly why: 'invalid' | 'expired' };

export interface FileLinks {
  /** An absolute URL the portal can fetch until `expiresAt`. */
  sign(f: { communeId: string; sha256: string; name: string }, expiresAt: number): string;
  verify(token: string, now: number): FileLinkCheck;
}

export const FILE_LINK_PATH = '/api/v1/portal-files';
export const FILE_LINK_TTL_MS = 7 * 24 * 3_600_000;
const SHA256 = /^[0-9a-f]{64}$/;

export function createHmacFileLinks(o: { secret: string; publicUrl: string }): FileLinks {
  if (o.secret.length < 32) throw new Error('the file link secret must be at least 32 characters');
  const base = o.publicUrl.replace(/\/+$/, '');
  const mac = (body: string) => createHmac('sha256', o.secret).update(body).digest();
  return {
    sign(f, expiresAt) {
      if (!SHA256.test(f.sha256)) throw new Error('a file is named by its lower-case hex SHA-256');
      const body = Buffer.from(JSON.stringify({ c: f.communeId, h: f.sha256, e: expiresAt })).toString('base64url');
      const token = `${body}.${mac(body).toString('base64url')}`;
      return `${base}${FILE_LINK_PATH}/${token}/${encodeURIComponent(f.name)}`;
    },
    verify(token, now) {
      const [body, sig, extra] = token.split('.');
      if (!body || !sig || extra !== undefined) return { ok: false, why: 'invalid' };
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'invalid' };
      let claim: unknown;
      try {
        claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, why: 'invalid' };
      }
      const c = claim as { c?: unknown; h?: unknown; e?: unknown };
      if (typeof c.c !== 'string' || typeof c.h !== 'string' || !SHA256.test(c.h) || typeof c.e !== 'number') return { ok: false, why: 'invalid' };
      if (now >= c.e) return { ok: false, why: 'expired' };
      return { ok: true, claim: { communeId: c.c, sha256: c.h, expiresAt: c.e } };
    },
  };
}

/** Where the route reads a file's bytes (the digitisation issue's server file store plugs in here). */
export interface FileSource {
  open(communeId: string, sha256: string): Promise<{ bytes: Uint8Array; type: string } | null>;
}
