/**
 * The upstream office's digitised files (DIG1), for the communes in the supervisor's scope only:
 *   GET /api/v1/upstream/files?code=…            → the dossiers of that code in scope, each paper received
 *                                                 with its newest file, and the result file
 *   GET /api/v1/upstream/files/:communeId/:sha256 → the bytes (403 outside the scope, 404 when absent)
 * Upstream session tokens only: a device token (counter or kiosk) is not a session.
 */
import { z } from 'zod';
import { instantSchema } from './events';
import { refusalOf } from './fileTransport';
import type { HttpTransportOptions } from './httpTransport';
import { TransportError } from './transport';
import { LIMITS } from './version';

export type UpstreamFile = {
  readonly sha256: string;
  readonly size: number;
  readonly type: string;
  readonly pages: number;
  /** When the tablet attached it. */
  readonly at: number;
  /** The server has its verified bytes (false while the tablet has not uploaded it). */
  readonly present: boolean;
};
export type UpstreamPaperFile = {
  readonly paperCode: string;
  readonly name: string;
  readonly kind: 'paper' | 'result';
  readonly file: UpstreamFile | null;
};
export type UpstreamDossierFiles = {
  readonly commune: { readonly id: string; readonly name: string };
  readonly code: string;
  readonly procedureName: string;
  readonly receivedAt: number;
  /** Every paper received has a file (DIG1b). */
  readonly fully: boolean;
  readonly papers: readonly UpstreamPaperFile[];
};
export type UpstreamFilesLookup = { readonly serverTime: number; readonly dossiers: readonly UpstreamDossierFiles[] };

const fileSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  type: z.string(),
  pages: z.number().int().min(0),
  at: instantSchema,
  present: z.boolean(),
});
export const upstreamFilesLookupSchema = z.strictObject({
  serverTime: instantSchema,
  dossiers: z.array(
    z.strictObject({
      commune: z.strictObject({ id: z.string(), name: z.string() }),
      code: z.string(),
      procedureName: z.string(),
      receivedAt: instantSchema,
      fully: z.boolean(),
      papers: z.array(z.strictObject({ paperCode: z.string(), name: z.string(), kind: z.enum(['paper', 'result']), file: fileSchema.nullable() })),
    }),
  ),
});
export const upstreamFilesQuerySchema = z.strictObject({ code: z.string().trim().min(1).max(LIMITS.code) });

export const UPSTREAM_FILES_API = {
  lookup: (code: string) => `/api/v1/upstream/files?code=${encodeURIComponent(code)}`,
  file: (communeId: string, sha256: string, code?: string) =>
    `/api/v1/upstream/files/${encodeURIComponent(communeId)}/${sha256}${code ? `?code=${encodeURIComponent(code)}` : ''}`,
} as const;

export type UpstreamFilesClient = {
  lookup(token: string, code: string): Promise<UpstreamFilesLookup>;
  /** The bytes of one file and their type. */
  /** `code`: the dossier it is opened from (the server records the access, PD4). */
  open(token: string, communeId: string, sha256: string, code?: string): Promise<{ bytes: Uint8Array; type: string }>;
};

export function createUpstreamFilesClient(options: HttpTransportOptions): UpstreamFilesClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 60_000;
  async function get(path: string, token: string): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(options.baseUrl + path, { method: 'GET', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new TransportError(null, null, `network: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (res.ok) return res;
    throw await refusalOf(res);
  }
  return {
    async lookup(token, code) {
      const res = await get(UPSTREAM_FILES_API.lookup(code), token);
      const parsed = upstreamFilesLookupSchema.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new TransportError(res.status, null, `unexpected answer: ${parsed.error.message.slice(0, 300)}`);
      return parsed.data;
    },
    async open(token, communeId, sha256, code) {
      const res = await get(UPSTREAM_FILES_API.file(communeId, sha256, code), token);
      return { bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type') ?? 'application/octet-stream' };
    },
  };
}

const _l = (p: z.infer<typeof upstreamFilesLookupSchema>): UpstreamFilesLookup => p;
void _l;
