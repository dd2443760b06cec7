/** GET /api/v1/portal-files/:token/:name: a file for the portal's fetch, only with a valid unexpired signed link. */
import { Hono } from 'hono';
import { errorBody } from '../../protocol/errors';
import type { FileLinks, FileSource } from '../connector/fileLinks';

export type PortalFileRouteOptions = { readonly links: FileLinks; readonly files: FileSource; readonly clock: () => number };

export function portalFileRoutes(o: PortalFileRouteOptions): Hono {
  const r = new Hono();
  const get = async (token: string) => {
    const check = o.links.verify(token, o.clock());
    if (!check.ok)
      return {
        status: 403 as const,
        body: errorBody('forbidden', check.why === 'expired' ? 'this download link has expired' : 'this download link is not valid'),
      };
    const file = await o.files.open(check.claim.communeId, check.claim.sha256);
    if (!file) return { status: 404 as const, body: errorBody('invalid', 'this file is not stored on the server') };
    return { status: 200 as const, file };
  };
  const handler = async (c: import('hono').Context) => {
    const a = await get(c.req.param('token') ?? '');
    c.header('cache-control', 'no-store');
    if (a.status !== 200) return c.json(a.body, a.status);
    return c.body(a.file.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': a.file.type });
  };
  r.get('/:token/:name', handler);
  r.get('/:token', handler);
  return r;
}
