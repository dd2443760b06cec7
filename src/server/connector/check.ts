/**
 * `npm run admin -- portal-check`: what the operator needs before turning the connector on. The
 * configuration as the server reads it (never the password), then one harmless call (TraCuuHoSo of
 * a code that does not exist), which signs in first: the portal's own answer says whether the
 * endpoint, the account and the unit code are right.
 */
import type { ConnectorConfig } from './config';
import { createDvcqgClient } from './dvcqg/client';
import { createJsonPoster } from './http';

export type PortalCheck = { readonly ok: boolean; readonly lines: readonly string[] };

export async function checkPortal(config: ConnectorConfig): Promise<PortalCheck> {
  if (config.kind === 'off') return { ok: false, lines: ['the connector is off: no PORTAL_* variable is set (see the README, "National portal connector")'] };
  if (config.kind === 'invalid') return { ok: false, lines: ['the configuration is refused:', ...config.problems.map((p) => `  - ${p}`)] };
  const s = config.settings;
  const lines = [
    `format ${s.format}, endpoint ${s.portal.endpoint}, authentication ${s.portal.authEndpoint}`,
    `account ${s.portal.username} (password set, not shown), madonvi ${s.portal.madonvi}${s.portal.dstcode ? `, dstcode ${s.portal.dstcode}` : ''}`,
    `batches of ${s.worker.batchSize ?? '?'}, ${s.worker.maxInFlight ?? '?'} at once, timeouts ${s.connectTimeoutMs} ms to connect and ${s.readTimeoutMs} ms to read`,
    s.links ? `papers and results offered by signed links under ${s.links.publicUrl}` : 'no PORTAL_PUBLIC_URL: the portal is sent no papers nor results',
  ];
  const post = createJsonPoster({ connectTimeoutMs: s.connectTimeoutMs, readTimeoutMs: s.readTimeoutMs, maxSockets: 1 });
  try {
    const r = await createDvcqgClient(s.portal, post).call('TraCuuHoSo', { mahoso: 'MOTCUA-PORTAL-CHECK' });
    if (r.kind === 'ok')
      return { ok: true, lines: [...lines, `the portal signed us in and answered a lookup (HTTP ${r.httpStatus}, ${Math.round(r.durationMs)} ms)`] };
    if (r.kind === 'refused')
      return { ok: false, lines: [...lines, `signed in, but the portal refused the lookup: ${r.answer.errorCode} ${r.answer.message}`] };
    return { ok: false, lines: [...lines, `the portal could not be used: ${r.message}`] };
  } finally {
    post.close();
  }
}
