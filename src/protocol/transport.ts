/**
 * How the sync engine talks to the server, injected so tests run it against the in-memory server
 * (tests/support/inMemoryServer.ts) and the real one (httpTransport.ts) alike.
 *
 * Every method resolves with the parsed answer or throws a TransportError:
 * - `status` null: the network failed (no answer) — retry;
 * - 5xx, 408, 429: retry (429 carries `retryAfterMs` from Retry-After);
 * - any other 4xx: permanent, show `reason` (i18n `errors:server.<reason>`).
 */
import type { RejectReason, ErrorDetail } from './errors';
import type { DeviceProfile, DevicesResponse, EnrollRequest, PullRequest, PullResponse, PushRequest, PushResponse } from './messages';
import type { ReferenceKind, ReferenceResponse } from './reference';
import type { CommunePortal, PortalRange } from './portal';

export type Transport = {
  enroll(req: EnrollRequest): Promise<DeviceProfile>;
  push(token: string, req: PushRequest): Promise<PushResponse>;
  pull(token: string, req: PullRequest): Promise<PullResponse>;
  reference(token: string, kind: ReferenceKind): Promise<ReferenceResponse>;
};

/** The supervisor screen also lists the commune's devices. */
export type SupervisorTransport = Transport & {
  devices(token: string): Promise<DevicesResponse>;
  /** CON16: the commune's dossiers on the national portal. */
  portal(token: string, range: PortalRange): Promise<CommunePortal>;
};

export class TransportError extends Error {
  constructor(
    /** HTTP status; null when no answer came (offline, DNS, connection reset, timeout). */
    readonly status: number | null,
    /** The server's reason when it sent the stable error body; null otherwise (e.g. a proxy's 502). */
    readonly reason: RejectReason | null,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    /** From Retry-After on 429/503, in ms. */
    readonly retryAfterMs: number | null = null,
    /** The server's clock in its refusal (every answer of ours carries it), for the clock-offset check. */
    readonly serverTime: number | null = null,
  ) {
    super(message);
    this.name = 'TransportError';
  }

  /** Network errors, 5xx, 408 and 429 are worth retrying; other 4xx are permanent. */
  get retryable(): boolean {
    return isRetryableStatus(this.status);
  }
}

export function isRetryableStatus(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429;
}
