/** The file routes (protocol/files.ts): thin, like routes/api.ts. */
import type { AccessCore } from '../access/accessCore';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody, type RejectReason } from '../../protocol/errors';
import { FILE_CHUNK_BYTES, type FileRefusal } from '../../protocol/files';
import { parseRequest } from '../../protocol/parse';
import { upstreamFilesQuerySchema, type UpstreamFilesLookup } from '../../protocol/upstreamFiles';
import type { SyncCore } from '../core/sync';
import type { UpstreamCore } from '../core/upstream';
import { send } from '../edge/answer';
import type { FileCore, FileOutcome, FileBytes } from './fileCore';

const STATUS: Record<FileRefusal, 400 | 403 | 404 | 409 | 413 | 415 | 422> = {
  notExpected: 409,
  badOffset: 409,
  mismatch: 400,
  badType: 415,
  tooLarge: 413,
  hashMismatch: 422,
  forbidden: 403,
  notFound: 404,
};
const REASON: Record<FileRefusal, RejectReason> = {
  notExpected: 'conflict',
  badOffset: 'conflict',
  mismatch: 'invalid',
  badType: 'invalid',
  tooLarge: 'invalid',
  hashMismatch: 'invalid',
  forbidden: 'forbidden',
  notFound: 'invalid',
};

function refuse(c: Context, refusal: FileRefusal, message: string) {
  c.header('cache-control', 'no-store');
  return c.json(errorBody(REASON[refusal], message, [{ path: 'file', message: refusal }]), STATUS[refusal]);
}

function answer<T>(c: Context, o: FileOutcome<T>) {
  if (!o.ok) return refuse(c, o.refusal, o.message);
  c.header('cache-control', 'no-store');
  return c.json(o.value as object, 200);
}

function bytes(c: Context, o: FileOutcome<FileBytes>) {
  if (!o.ok) return refuse(c, o.refusal, o.message);
  // personal data (PD4): never cached by a proxy, never sniffed into something runnable
  return c.body(o.value.bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': o.value.type,
    'content-length': String(o.value.bytes.length),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
}

export function fileRoutes(o: { core: SyncCore; files: FileCore }): Hono {
  const r = new Hono();
  r.use('*', bodyLimit({ maxSize: FILE_CHUNK_BYTES + 1024, onError: (c) => refuse(c, 'tooLarge', `a chunk is at most ${FILE_CHUNK_BYTES} bytes`) }));

  r.get('/signed/:communeId/:sha256', async (c) => {
    const exp = Number(c.req.query('exp'));
    return bytes(c, await o.files.openSigned(c.req.param('communeId'), c.req.param('sha256'), exp, c.req.query('sig') ?? ''));
  });

  r.get('/:sha256/upload', async (c) => {
    const device = await o.core.authenticate(c.req.header('authorization'));
    if (!device.ok) return send(c, device);
    return answer(c, await o.files.uploadStatus(device.value, c.req.param('sha256')));
  });

  r.put('/:sha256/upload', async (c) => {
    const device = await o.core.authenticate(c.req.header('authorization'));
    if (!device.ok) return send(c, device);
    const offset = Number(c.req.query('offset'));
    const size = Number(c.req.header('x-file-size'));
    const type = c.req.header('x-file-type') ?? '';
    if (!Number.isSafeInteger(size) || size < 1) return refuse(c, 'mismatch', 'x-file-size must be the whole file size in bytes');
    const chunk = new Uint8Array(await c.req.arrayBuffer());
    return answer(c, await o.files.putChunk(device.value, c.req.param('sha256'), offset, { size, type }, chunk));
  });

  r.get('/:sha256', async (c) => {
    const device = await o.core.authenticate(c.req.header('authorization'));
    if (!device.ok) return send(c, device);
    return bytes(c, await o.files.download(device.value, c.req.param('sha256')));
  });

  r.all('*', (c) => c.json(errorBody('invalid', `no such endpoint: ${c.req.method} ${c.req.path}`), 404));
  return r;
}

/** The upstream office: a dossier's file list and a file, for the communes in the supervisor's scope. */
export function upstreamFileRoutes(o: { upstream: UpstreamCore; files: FileCore; access?: AccessCore }): Hono {
  const r = new Hono();
  const inScope = async (c: Context) => {
    const s = await o.upstream.authenticate(c.req.header('authorization'));
    if (!s.ok) return { ok: false as const, res: send(c, s) };
    const communeId = c.req.param('communeId') ?? '';
    if (!s.value.communes.some((x) => x.id === communeId)) return { ok: false as const, res: refuse(c, 'forbidden', 'this commune is not in your scope') };
    return { ok: true as const, communeId, supervisor: s.value };
  };

  r.get('/', async (c) => {
    const s = await o.upstream.authenticate(c.req.header('authorization'));
    if (!s.ok) return send(c, s);
    const q = parseRequest(upstreamFilesQuerySchema, c.req.query());
    if (!q.ok) return send(c, q);
    const dossiers = await o.files.lookup(s.value.communes, q.value.code);
    c.header('cache-control', 'no-store');
    return c.json({ serverTime: o.upstream.clock(), dossiers } satisfies UpstreamFilesLookup, 200);
  });

  r.get('/:communeId/dossier/:code', async (c) => {
    const s = await inScope(c);
    if (!s.ok) return s.res;
    const files = await o.files.dossierFiles(s.communeId, c.req.param('code'));
    if (!files) return refuse(c, 'notFound', 'no such dossier in this commune');
    c.header('cache-control', 'no-store');
    return c.json({ files }, 200);
  });

  r.get('/:communeId/:sha256', async (c) => {
    const s = await inScope(c);
    if (!s.ok) return s.res;
    const sha256 = c.req.param('sha256');
    const found = await o.files.bytesOf(s.communeId, sha256);
    if (found.ok) await o.access?.recordUpstreamFile(s.supervisor, s.communeId, sha256, c.req.query('code') ?? null);
    return bytes(c, found);
  });
  return r;
}
