/**
 * One bearer-token middleware for every authenticated route: it asks the core who holds the token
 * (a device, or an upstream supervisor's session) and puts the answer on the context as
 * `principal`, or refuses the request. Routes read `c.var.principal`.
 */
import type { MiddlewareHandler } from 'hono';
import type { Parsed } from '../../protocol/parse';
import { reject } from './answer';

export type AuthEnv<P> = { Variables: { principal: P } };

export function bearer<P>(authenticate: (authorization: string | undefined) => Promise<Parsed<P>>): MiddlewareHandler<AuthEnv<P>> {
  return async (c, next) => {
    const who = await authenticate(c.req.header('authorization'));
    if (!who.ok) return reject(c, who.rejection);
    c.set('principal', who.value);
    await next();
  };
}
