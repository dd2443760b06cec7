/**
 * The national portal's calls: `{session, madonvi, service, …}` POSTed to one integration
 * endpoint; the session comes from the auth endpoint and expires. The client authenticates
 * before the session's end and again when an answer says the session is gone, once per call.
 * Answers are `{error_code, message?, result?}`; 0, "0" and "00" mean success.
 */
import { HttpFailure, type JsonPoster } from '../http';

export type DvcqgSettings = {
  readonly endpoint: string;
  readonly authEndpoint: string;
  readonly username: string;
  readonly password: string;
  readonly madonvi: string;
  /** Sent as the `dstcode` header when set (OpenCPS does). */
  readonly dstcode?: string;
  /** How long a session lasts (OpenCPS keeps one 10 minutes). */
  readonly sessionTtlMs: number;
};

/** Renew this long before the session's end, so no call goes out on a session about to lapse. */
export const SESSION_RENEW_BEFORE_MS = 60_000;

export type PortalAnswer = { readonly errorCode: string; readonly message: string; readonly result: unknown };

export type CallResult =
  | { readonly kind: 'ok'; readonly answer: PortalAnswer; readonly httpStatus: number; readonly durationMs: number }
  | { readonly kind: 'refused'; readonly answer: PortalAnswer; readonly httpStatus: number; readonly durationMs: number }
  | { readonly kind: 'failed'; readonly message: string; readonly httpStatus: number | null; readonly durationMs: number };

export const isSuccessCode = (code: unknown): boolean => code === 0 || code === '0' || code === '00';

/** Parses an answer; null when it is not the portal's shape. */
export function parseAnswer(text: string): (PortalAnswer & { session?: string }) | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.error_code !== 'number' && typeof o.error_code !== 'string') return null;
  return {
    errorCode: String(o.error_code),
    message: typeof o.message === 'string' ? o.message : '',
    result: o.result,
    ...(typeof o.session === 'string' ? { session: o.session } : {}),
  };
}

/** The portal says the session is not (or no longer) valid: authenticate again. */
export function saysSessionGone(httpStatus: number, a: PortalAnswer | null): boolean {
  if (httpStatus === 401) return true;
  if (!a || isSuccessCode(a.errorCode)) return false;
  return /session|phiên/i.test(a.message) || a.errorCode === '401';
}

export type DvcqgClient = {
  call(service: string, fields: Record<string, unknown>, signal?: AbortSignal): Promise<CallResult>;
  /** How many times the client authenticated (for tests and the log). */
  readonly authCount: () => number;
};

export function createDvcqgClient(s: DvcqgSettings, post: JsonPoster, clock: () => number = Date.now): DvcqgClient {
  let session: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string | CallResult> | null = null;
  let auths = 0;
  const headers: Record<string, string> = s.dstcode ? { dstcode: s.dstcode } : {};

  async function authenticate(signal?: AbortSignal): Promise<string | CallResult> {
    const started = clock();
    try {
      const r = await post(s.authEndpoint, { username: s.username, password: s.password }, headers, signal);
      const a = parseAnswer(r.text);
      if (r.status >= 200 && r.status < 300 && a && isSuccessCode(a.errorCode) && a.session) {
        auths += 1;
        session = { token: a.session, expiresAt: clock() + s.sessionTtlMs };
        return a.session;
      }
      // no session: the portal's fault or our credentials; either way nothing to send now
      return {
        kind: 'failed',
        message: `authentication refused${a?.message ? `: ${a.message}` : ` (HTTP ${r.status})`}`,
        httpStatus: r.status,
        durationMs: clock() - started,
      };
    } catch (e) {
      return { kind: 'failed', message: `authentication: ${e instanceof Error ? e.message : String(e)}`, httpStatus: null, durationMs: clock() - started };
    }
  }

  /** One authentication at a time; concurrent calls wait for it. */
  function validSession(signal?: AbortSignal): Promise<string | CallResult> {
    if (session && clock() < session.expiresAt - SESSION_RENEW_BEFORE_MS) return Promise.resolve(session.token);
    pending ??= authenticate(signal).finally(() => {
      pending = null;
    });
    return pending;
  }

  async function once(
    service: string,
    fields: Record<string, unknown>,
    token: string,
    signal?: AbortSignal,
  ): Promise<{ result: CallResult; sessionGone: boolean }> {
    const started = clock();
    try {
      const r = await post(s.endpoint, { session: token, madonvi: s.madonvi, service, ...fields }, headers, signal);
      const durationMs = clock() - started;
      const a = parseAnswer(r.text);
      if (saysSessionGone(r.status, a)) return { result: { kind: 'failed', message: 'session expired', httpStatus: r.status, durationMs }, sessionGone: true };
      if (r.status >= 500 || r.status === 429 || r.status === 408)
        return { result: { kind: 'failed', message: `HTTP ${r.status}`, httpStatus: r.status, durationMs }, sessionGone: false };
      if (!a) return { result: { kind: 'failed', message: `malformed answer (HTTP ${r.status})`, httpStatus: r.status, durationMs }, sessionGone: false };
      if (isSuccessCode(a.errorCode)) return { result: { kind: 'ok', answer: a, httpStatus: r.status, durationMs }, sessionGone: false };
      return { result: { kind: 'refused', answer: a, httpStatus: r.status, durationMs }, sessionGone: false };
    } catch (e) {
      const message = e instanceof HttpFailure ? `${e.kind}: ${e.message}` : e instanceof Error ? e.message : String(e);
      return { result: { kind: 'failed', message, httpStatus: null, durationMs: clock() - started }, sessionGone: false };
    }
  }

  return {
    async call(service, fields, signal) {
      const token = await validSession(signal);
      if (typeof token !== 'string') return token;
      const first = await once(service, fields, token, signal);
      if (!first.sessionGone) return first.result;
      if (session?.token === token) session = null;
      const again = await validSession(signal);
      if (typeof again !== 'string') return again;
      return (await once(service, fields, again, signal)).result;
    },
    authCount: () => auths,
  };
}
