/** The access log's routes and the one-dossier read (protocol/access.ts): thin, like routes/api.ts. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { accessLogQuerySchema, upstreamAccessLogQuerySchema } from '../../protocol/access';
import { parseRequest } from '../../protocol/parse';
import { LIMITS } from '../../protocol/version';
import type { SyncCore } from '../core/sync';
import type { UpstreamCore } from '../core/upstream';
import { errorJson, send } from '../edge/answer';
import { bearer, type AuthEnv } from '../edge/auth';
import type { Device } from '../store/port';
import type { Supervisor } from '../core/upstream';
import { jsonBody } from '../edge/body';
import type { AccessCore } from './accessCore';

/** /api/v1/access-log (POST a device's records, GET its commune's log). */
export function accessRoutes(o: { core: SyncCore; access: AccessCore }): Hono<AuthEnv<Device>> {
  const r = new Hono<AuthEnv<Device>>();
  const device = bearer((authorization) => o.core.authenticate(authorization));
  const limit = bodyLimit({
    maxSize: LIMITS.maxBodyBytes,
    onError: (c) => errorJson(c, 413, 'invalid', `the body is larger than ${LIMITS.maxBodyBytes} bytes`, [{ path: '', message: 'payload too large' }]),
  });
  r.post('/', limit, device, async (c) => {
    const json = await jsonBody(c);
    return send(c, json.ok ? await o.access.push(c.var.principal, json.value) : json);
  });
  r.get('/', device, async (c) => {
    const q = parseRequest(accessLogQuerySchema, c.req.query());
    return send(c, q.ok ? await o.access.list(c.var.principal, q.value) : q);
  });
  return r;
}

/** /api/v1/dossiers/:code: RET3, a dossier's events for a device of its commune. */
export function dossierRoutes(o: { core: SyncCore; access: AccessCore }): Hono<AuthEnv<Device>> {
  const r = new Hono<AuthEnv<Device>>();
  const device = bearer((authorization) => o.core.authenticate(authorization));
  r.get('/:code', device, async (c) => send(c, await o.access.dossierEvents(c.var.principal, c.req.param('code'))));
  return r;
}

/** /api/v1/upstream/access-log: the communes in the supervisor's scope. */
export function upstreamAccessRoutes(o: { upstream: UpstreamCore; access: AccessCore }): Hono<AuthEnv<Supervisor>> {
  const r = new Hono<AuthEnv<Supervisor>>();
  const session = bearer((authorization) => o.upstream.authenticate(authorization));
  r.get('/', session, async (c) => {
    const q = parseRequest(upstreamAccessLogQuerySchema, c.req.query());
    return send(c, q.ok ? await o.access.listUpstream(c.var.principal, q.value) : q);
  });
  return r;
}
