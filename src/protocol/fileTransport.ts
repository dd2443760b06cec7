/** The file protocol over HTTP (files.ts), for the tablet's upload queue and viewer. */
import { errorBodySchema } from './errors';
import { z } from 'zod';
import { FILE_API, type UploadStatus } from './files';
import type { HttpTransportOptions } from './httpTransport';
import { parseRetryAfter } from './httpTransport';
import { TransportError } from './transport';

const uploadStatusSchema = z.strictObject({ received: z.number().int().min(0), present: z.boolean() });
const _u = (p: z.infer<typeof uploadStatusSchema>): UploadStatus => p;
void _u;

export type FileTransport = {
  uploadStatus(token: string, sha256: string): Promise<UploadStatus>;
  putChunk(token: string, sha256: string, offset: number, bytes: Uint8Array, file: { size: number; type: string }): Promise<UploadStatus>;
  download(token: string, sha256: string): Promise<Uint8Array>;
};

/** A refused answer (not ok) as the TransportError that carries its reason and details. */
export async function refusalOf(res: Response): Promise<TransportError> {
  const body = errorBodySchema.safeParse(await res.json().catch(() => null));
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
  if (body.success) return new TransportError(res.status, body.data.error.reason, body.data.error.message, body.data.error.details ?? [], retryAfterMs);
  return new TransportError(res.status, null, `HTTP ${res.status}`, [], retryAfterMs);
}

export function createFileTransport(options: HttpTransportOptions): FileTransport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(options.baseUrl + path, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new TransportError(null, null, `network: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (res.ok) return res;
    throw await refusalOf(res);
  }

  async function status(res: Response): Promise<UploadStatus> {
    const parsed = uploadStatusSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new TransportError(res.status, null, 'unexpected answer to an upload');
    return parsed.data;
  }

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    async uploadStatus(token, sha256) {
      return status(await send(FILE_API.upload(sha256), { method: 'GET', headers: { ...auth(token), accept: 'application/json' } }));
    },
    async putChunk(token, sha256, offset, bytes, file) {
      return status(
        await send(`${FILE_API.upload(sha256)}?offset=${offset}`, {
          method: 'PUT',
          headers: { ...auth(token), 'content-type': 'application/octet-stream', 'x-file-size': String(file.size), 'x-file-type': file.type },
          body: bytes as Uint8Array<ArrayBuffer>,
        }),
      );
    },
    async download(token, sha256) {
      const res = await send(FILE_API.file(sha256), { method: 'GET', headers: auth(token) });
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
