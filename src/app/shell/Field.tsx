/** A labelled form field with its translated error and warnings. */
import type { ReactNode } from 'react';
import type { DomainError } from '../../domain/result';
import { domainErrorText, useErrorsT } from '../i18n/keys';

export function Field({ id, label, error, warnings, children }: { id: string; label: string; error?: DomainError | undefined; warnings?: readonly string[] | undefined; children: ReactNode }) {
  const { t, i18n } = useErrorsT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <div className="error" id={`${id}-error`} role="alert">{domainErrorText(t, i18n, error)}</div>}
      {warnings?.map((w) => <div className="warning" key={w}>{domainErrorText(t, i18n, { code: w, message: w })}</div>)}
    </div>
  );
}

/** A domain error in the user's language. */
export function ErrorText({ error }: { error: DomainError | null }) {
  const { t, i18n } = useErrorsT();
  if (!error) return null;
  return <div className="error-box" role="alert">{domainErrorText(t, i18n, error)}</div>;
}
