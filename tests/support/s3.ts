/**
 * A local S3-compatible server for tests (s3rver, a real HTTP implementation of the S3 API), or
 * the one named by TEST_S3_ENDPOINT (CI may start its own). Each call gets a fresh bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import S3rver from 's3rver';
import { AwsClient } from 'aws4fetch';
import { s3ObjectStore, type ObjectStore, type S3Options } from '../../src/server/files/objectStore';

export type TestS3 = { readonly options: S3Options; readonly objects: ObjectStore; stop(): Promise<void> };

export async function startTestS3(): Promise<TestS3> {
  const bucket = `t-${randomBytes(4).toString('hex')}`;
  let stopServer = async () => undefined as void;
  let endpoint = process.env.TEST_S3_ENDPOINT;
  const accessKeyId = process.env.TEST_S3_ACCESS_KEY_ID ?? 'S3RVER';
  const secretAccessKey = process.env.TEST_S3_SECRET_ACCESS_KEY ?? 'S3RVER';
  if (!endpoint) {
    const dir = mkdtempSync(join(tmpdir(), 'mot-cua-s3-'));
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    stopServer = async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const client = new AwsClient({ accessKeyId, secretAccessKey, service: 's3', region: 'us-east-1' });
  const made = await client.fetch(`${endpoint}/${bucket}`, { method: 'PUT' });
  if (!made.ok) throw new Error(`cannot create bucket ${bucket}: HTTP ${made.status}`);
  const options: S3Options = { endpoint, bucket, accessKeyId, secretAccessKey };
  return { options, objects: s3ObjectStore(options), stop: stopServer };
}
