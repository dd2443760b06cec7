/** The wire protocol version. Bump it on a breaking change; raise MIN_CLIENT_PROTOCOL to refuse old apps. */
export const PROTOCOL_VERSION = 1;
/** Requests below this version are refused with `clientTooOld` (HTTP 426): the app must update first. */
export const MIN_CLIENT_PROTOCOL = 1;

/** Size limits, enforced by the schemas and the server. */
export const LIMITS = {
  /** Events in one push batch. */
  maxEventsPerPush: 500,
  /** Events (or kiosk dossiers) in one pull answer. */
  maxPullLimit: 1000,
  defaultPullLimit: 500,
  /** Serialised JSON of one event, in characters. */
  maxEventChars: 32_000,
  /** A whole HTTP request body, in bytes (413 beyond). */
  maxBodyBytes: 2_000_000,
  /** A published reference document or an import file may be larger than one request. */
  maxOutboxFileEvents: 100_000,
  id: 64,
  code: 64,
  short: 100,
  name: 300,
  text: 2000,
  list: 200,
} as const;

/** `clientTooOld` below the minimum; `invalid` for a version this server does not know yet; null when fine. */
export function versionProblem(protocolVersion: number): 'clientTooOld' | 'invalid' | null {
  if (protocolVersion < MIN_CLIENT_PROTOCOL) return 'clientTooOld';
  if (protocolVersion > PROTOCOL_VERSION) return 'invalid';
  return null;
}

/** An access-log push: records and dossier codes named, at most (PD4b). */
export const ACCESS_PUSH_LIMITS = { records: 200, dossierIds: 20_000 } as const;
