/**
 * The JSON body of a request: `application/json` (else 415), well-formed UTF-8 (else invalid:
 * decoding with replacement characters would silently alter what the device sent), valid JSON.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { parseJsonText, parseRequest, type Parsed } from '../../protocol/parse';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function jsonBody(c: Context): Promise<Parsed<unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, rejection: { reason: 'unsupportedMediaType', message: `the body must be application/json, not ${type.slice(0, 100) || 'missing'}` } };
  }
  let text: string;
  try {
    text = utf8.decode(await c.req.arrayBuffer());
  } catch {
    return { ok: false, rejection: { reason: 'invalid', message: 'the body is not well-formed UTF-8', details: [{ path: '', message: 'not UTF-8' }] } };
  }
  return parseJsonText(text);
}

/** The body parsed with a protocol schema. */
export async function body<T>(c: Context, schema: z.ZodType<T>): Promise<Parsed<T>> {
  const json = await jsonBody(c);
  return json.ok ? parseRequest(schema, json.value) : json;
}
