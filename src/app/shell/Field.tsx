/**
 * A labelled form field with its translated error and warnings. An error marks the control
 * itself (aria-invalid, a red border) and ties the message to it (aria-describedby), so a screen
 * reader reads why; a form can then focus the first `[aria-invalid=true]`.
 */
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import type { DomainError } from '../../domain/result';
import { domainErrorText, useErrorsT } from '../i18n/keys';

export function Field({
  id,
  label,
  error,
  warnings,
  children,
}: {
  id: string;
  label: string;
  error?: DomainError | undefined;
  warnings?: readonly string[] | undefined;
  children: ReactNode;
}) {
  const { t, i18n } = useErrorsT();
  const describedBy = [error ? `${id}-error` : '', warnings?.length ? `${id}-warning` : ''].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children as ReactElement<Record<string, unknown>>, { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })
    : children;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {error && (
        <div className="error" id={`${id}-error`}>
          {domainErrorText(t, i18n, error)}
        </div>
      )}
      {warnings?.length ? (
        <div className="warning" id={`${id}-warning`}>
          {warnings.map((w) => (
            <div key={w}>{domainErrorText(t, i18n, { code: w, message: w })}</div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** A domain error in the user's language. */
export function ErrorText({ error }: { error: DomainError | null }) {
  const { t, i18n } = useErrorsT();
  if (!error) return null;
  return (
    <div className="error-box" role="alert">
      {domainErrorText(t, i18n, error)}
    </div>
  );
}

/** After a render that marked errors: focus the first marked control inside `root`. */
export function focusFirstInvalid(root: HTMLElement | null): void {
  root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
