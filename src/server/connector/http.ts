/**
 * One JSON POST with a connect timeout (until the socket is connected) and a read timeout (no
 * byte for that long once connected), over a keep-alive agent whose socket count caps the calls
 * in flight. OpenCPS set no connect timeout on these calls: a portal that did not answer the
 * handshake held its threads.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export type HttpTimeouts = { readonly connectTimeoutMs: number; readonly readTimeoutMs: number };
export type HttpAnswer = { readonly status: number; readonly text: string };

export class HttpFailure extends Error {
  constructor(
    readonly kind: 'connectTimeout' | 'readTimeout' | 'network' | 'aborted' | 'tooLarge',
    message: string,
  ) {
    super(message);
  }
}

const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export type JsonPoster = (url: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal) => Promise<HttpAnswer>;

export function createJsonPoster(o: HttpTimeouts & { maxSockets: number; lookup?: LookupFunction }): JsonPoster & { close(): void } {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: o.maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: o.maxSockets }),
  };
  const post: JsonPoster = (url, body, headers, signal) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const target = new URL(url);
      const transport = target.protocol === 'https:' ? https : http;
      const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
      const data = Buffer.from(JSON.stringify(body), 'utf8');
      let settled = false;
      let connectTimer: NodeJS.Timeout | null = null;
      const finish = (err: Error | null, answer?: HttpAnswer) => {
        if (settled) return;
        settled = true;
        if (connectTimer) clearTimeout(connectTimer);
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(answer!);
      };
      const req = transport.request(target, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', 'content-length': String(data.length), ...headers },
        ...(o.lookup ? { lookup: o.lookup } : {}),
      });
      const fail = (kind: HttpFailure['kind'], message: string) => {
        finish(new HttpFailure(kind, message));
        req.destroy();
      };
      const onAbort = () => fail('aborted', 'the call was cancelled');
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('socket', (socket) => {
        const armRead = () => {
          if (connectTimer) clearTimeout(connectTimer);
          connectTimer = null;
          req.setTimeout(o.readTimeoutMs);
        };
        // a reused keep-alive socket is connected already
        if ((socket as { connecting?: boolean }).connecting) {
          connectTimer = setTimeout(() => fail('connectTimeout', `no connection within ${o.connectTimeoutMs} ms`), o.connectTimeoutMs);
          socket.once('connect', armRead);
        } else armRead();
      });
      req.on('timeout', () => fail('readTimeout', `no answer within ${o.readTimeoutMs} ms`));
      req.on('error', (e) => fail('network', e.message));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) fail('tooLarge', 'the answer is too large');
          else chunks.push(c);
        });
        res.on('end', () => {
          finish(null, { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => fail('network', e.message));
      });
      req.end(data);
    });
  return Object.assign(post, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}
