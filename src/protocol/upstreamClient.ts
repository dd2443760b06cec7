/** The upstream office's client over HTTP (the /thuong-cap screens, and the tests against the real server). */
import { createHttpCall, type HttpTransportOptions } from './httpTransport';
import {
  UPSTREAM_API,
  upstreamDevicesSchema,
  upstreamNamesSchema,
  upstreamPortalRetriedSchema,
  upstreamPortalSchema,
  type UpstreamPortal,
  type UpstreamPortalRetry,
  upstreamLateSchema,
  upstreamReportSchema,
  upstreamSessionSchema,
  type UpstreamDevices,
  type UpstreamLate,
  type UpstreamReport,
  type UpstreamReportQuery,
  type UpstreamSession,
  type UpstreamSessionRequest,
  type UpstreamNames,
} from './upstream';

export type UpstreamClient = {
  signIn(req: UpstreamSessionRequest): Promise<UpstreamSession>;
  names(): Promise<UpstreamNames>;
  devices(token: string): Promise<UpstreamDevices>;
  report(token: string, q: UpstreamReportQuery): Promise<UpstreamReport>;
  late(token: string): Promise<UpstreamLate>;
  portal(token: string): Promise<UpstreamPortal>;
  portalRetry(token: string, req: UpstreamPortalRetry): Promise<{ serverTime: number; retried: boolean }>;
};

export function createUpstreamClient(options: HttpTransportOptions): UpstreamClient {
  const call = createHttpCall(options);
  return {
    signIn: (req) => call(UPSTREAM_API.session, { method: 'POST', body: req }, upstreamSessionSchema),
    names: () => call(UPSTREAM_API.names, { method: 'GET' }, upstreamNamesSchema),
    devices: (token) => call(UPSTREAM_API.devices, { method: 'GET', token }, upstreamDevicesSchema),
    report: (token, q) => call(UPSTREAM_API.report(q), { method: 'GET', token }, upstreamReportSchema),
    late: (token) => call(UPSTREAM_API.late, { method: 'GET', token }, upstreamLateSchema),
    portal: (token) => call(UPSTREAM_API.portal, { method: 'GET', token }, upstreamPortalSchema),
    portalRetry: (token, req) => call(UPSTREAM_API.portalRetry, { method: 'POST', token, body: req }, upstreamPortalRetriedSchema),
  };
}
