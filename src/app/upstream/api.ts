/** The upstream API on the same origin, and how its refusals read to a person. */
import { createUpstreamClient, TransportError } from '../../protocol';
import { errorKeyOf } from '../sync/retryPolicy';
import type { Translate } from '../supervisor/exportTables';

export const upstreamApi = createUpstreamClient({ baseUrl: typeof location === 'undefined' ? '' : location.origin });

export const isSessionGone = (e: unknown): boolean => e instanceof TransportError && e.reason === 'unknownSession';

export function upstreamErrorText(t: Translate, e: unknown): string {
  if (e instanceof TransportError && e.reason === 'forbidden') return t('upstream.login.wrong');
  const k = errorKeyOf(e);
  return t(k.key, k.params);
}
