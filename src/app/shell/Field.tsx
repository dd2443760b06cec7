/** A labelled form field with its translated error and warnings. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainError } from '../../domain/result';

export function Field({ id, label, error, warnings, children }: { id: string; label: string; error?: DomainError | undefined; warnings?: readonly string[] | undefined; children: ReactNode }) {
  const { t } = useTranslation('errors');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <div className="error" id={`${id}-error`} role="alert">{t(error.code as never, { ...error.params, defaultValue: error.message })}</div>}
      {warnings?.map((w) => <div className="warning" key={w}>{t(w as never)}</div>)}
    </div>
  );
}

/** A domain error in the user's language. */
export function ErrorText({ error }: { error: DomainError | null }) {
  const { t } = useTranslation('errors');
  if (!error) return null;
  return <div className="error-box" role="alert">{t(error.code as never, { ...error.params, defaultValue: error.message })}</div>;
}
