/** The access log's client over HTTP (the tablet, the upstream office, and the tests against the real server). */
import { createHttpCall, type HttpTransportOptions } from './httpTransport';
import {
  ACCESS_API,
  accessLogPageSchema,
  accessPushResponseSchema,
  dossierEventsResponseSchema,
  type AccessLogPage,
  type AccessLogQuery,
  type AccessPushRequest,
  type AccessPushResponse,
  type DossierEventsResponse,
  type UpstreamAccessLogQuery,
} from './access';

/** What a tablet asks: with its device token. */
export type AccessTransport = {
  pushAccess(token: string, req: AccessPushRequest): Promise<AccessPushResponse>;
  accessLog(token: string, q: AccessLogQuery): Promise<AccessLogPage>;
  /** RET3: one dossier's events from the server. */
  dossierEvents(token: string, code: string): Promise<DossierEventsResponse>;
};

export function createAccessTransport(options: HttpTransportOptions): AccessTransport {
  const call = createHttpCall(options);
  return {
    pushAccess: (token, req) => call(ACCESS_API.push, { method: 'POST', token, body: req }, accessPushResponseSchema),
    accessLog: (token, q) => call(ACCESS_API.list(q), { method: 'GET', token }, accessLogPageSchema),
    dossierEvents: (token, code) => call(ACCESS_API.dossier(code), { method: 'GET', token }, dossierEventsResponseSchema),
  };
}

/** The upstream office's read, with its session token. */
export function upstreamAccessLog(options: HttpTransportOptions): (token: string, q: UpstreamAccessLogQuery) => Promise<AccessLogPage> {
  const call = createHttpCall(options);
  return (token, q) => call(ACCESS_API.upstream(q), { method: 'GET', token }, accessLogPageSchema);
}
