/**
 * Typed i18n keys beyond one namespace. `KeyIn<'sync'>` is a key of the `sync` namespace with its
 * prefix (`sync:error.offline`), checked by the compiler against the Vietnamese source files. A key
 * known only at run time (an error key stored in IndexedDB, or reported by another device) becomes
 * one through `isKeyIn`, which asks i18next, never through a cast.
 */
import type { i18n as I18n, ParseKeys, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DomainError } from '../../domain/result';
import type { Namespace } from './resources';

export type KeyIn<N extends Namespace> = { [M in N]: `${M}:${ParseKeys<M>}` }[N];

/** What a failure says: a sync or errors key with the parameters its text takes. */
export type MessageKey = { readonly key: KeyIn<'sync' | 'errors'>; readonly params?: Readonly<Record<string, string | number>> };

export function isKeyIn<N extends Namespace>(i18n: Pick<I18n, 'exists'>, key: string, namespaces: readonly N[]): key is KeyIn<N> {
  return namespaces.some((ns) => key.startsWith(`${ns}:`)) && i18n.exists(key);
}

const ERRORS_NS = ['errors'] as const;
export type ErrorsT = TFunction<typeof ERRORS_NS>;

/** A domain error (its code names a key of the `errors` namespace) in words; a code without a text shows its message. */
export function domainErrorText(t: ErrorsT, i18n: Pick<I18n, 'exists'>, e: Pick<DomainError, 'code' | 'message' | 'params'>): string {
  const key = `errors:${e.code}`;
  return isKeyIn(i18n, key, ERRORS_NS) ? t(key, { ...e.params }) : e.message;
}

export const useErrorsT = () => useTranslation(ERRORS_NS);
