/**
 * Where verified file bytes live upstream (DESIGN "Files"): a port with two implementations, a
 * folder beside the embedded database (the default, so `npm start` needs nothing else) and an
 * S3-compatible object store (production: S3_ENDPOINT, S3_BUCKET, keys). Keys are
 * `<commune>/<sha256>`: a commune's files are apart from every other commune's.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AwsClient } from 'aws4fetch';

export interface ObjectStore {
  readonly kind: 'folder' | 's3';
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** null when absent. */
  get(key: string): Promise<Uint8Array | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export const objectKey = (communeId: string, sha256: string): string => `${encodeURIComponent(communeId)}/${sha256}`;
/** A chunk of an upload in progress (offset zero-padded so keys sort in file order). */
export const chunkKey = (communeId: string, sha256: string, offset: number): string =>
  `partial/${encodeURIComponent(communeId)}/${sha256}/${String(offset).padStart(12, '0')}`;

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** Files in a folder; a write goes to a temporary name first, so a crash never leaves half a file under its key. */
export function folderObjectStore(dir: string): ObjectStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    const p = resolve(root, key);
    if (!p.startsWith(root + '/')) throw new Error(`key outside the folder: ${key}`);
    return p;
  };
  return {
    kind: 'folder',
    async put(key, bytes) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      const tmp = `${p}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, p);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    async has(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (e) {
        if (isMissing(e)) return false;
        throw e;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** A fresh folder under the system's temporary directory (servers started without FILES_DIR: tests, in-memory databases). */
export function tempFolderObjectStore(): ObjectStore {
  return folderObjectStore(mkdtempSync(join(tmpdir(), 'mot-cua-files-')));
}

export type S3Options = {
  /** e.g. https://s3.example.vn or http://127.0.0.1:9000 (path-style requests). */
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region?: string;
};

/** An S3-compatible object store over signed HTTP requests (SigV4, aws4fetch). */
export function s3ObjectStore(o: S3Options): ObjectStore {
  const client = new AwsClient({ accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, service: 's3', region: o.region ?? 'us-east-1' });
  const url = (key: string) => `${o.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(o.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  async function call(key: string, init: RequestInit): Promise<Response> {
    const res = await client.fetch(url(key), init);
    if (!res.ok && res.status !== 404) throw new Error(`S3 ${init.method ?? 'GET'} ${key}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return res;
  }
  return {
    kind: 's3',
    async put(key, bytes) {
      const res = await call(key, { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer>, headers: { 'content-type': 'application/octet-stream' } });
      if (res.status === 404) throw new Error(`S3 PUT ${key}: no bucket ${o.bucket}`);
    },
    async get(key) {
      const res = await call(key, { method: 'GET' });
      return res.status === 404 ? null : new Uint8Array(await res.arrayBuffer());
    },
    async has(key) {
      const res = await call(key, { method: 'HEAD' });
      return res.status !== 404;
    },
    async delete(key) {
      await call(key, { method: 'DELETE' });
    },
  };
}

/** S3 when S3_ENDPOINT is set, else the folder FILES_DIR (default .data/files). */
export function objectStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ObjectStore {
  if (env.S3_ENDPOINT) {
    const need = (k: string) => {
      const v = env[k];
      if (!v) throw new Error(`${k} is required when S3_ENDPOINT is set`);
      return v;
    };
    return s3ObjectStore({
      endpoint: env.S3_ENDPOINT,
      bucket: need('S3_BUCKET'),
      accessKeyId: need('S3_ACCESS_KEY_ID'),
      secretAccessKey: need('S3_SECRET_ACCESS_KEY'),
      ...(env.S3_REGION ? { region: env.S3_REGION } : {}),
    });
  }
  return folderObjectStore(env.FILES_DIR ?? '.data/files');
}
