/** The action's main text: the unit it goes to, the papers still missing, or the reason. */
import { useTranslation } from 'react-i18next';
import type { DomainError } from '../../../domain/result';
import { Field } from '../../shell/Field';
import { ACTION_TEXT, type TextAction } from './actionInputs';

export function TextSection({
  action,
  value,
  error,
  onChange,
}: {
  action: TextAction;
  value: string;
  error: DomainError | undefined;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation('counter');
  const { label, multiline } = ACTION_TEXT[action];
  return (
    <Field id="action-text" label={t(label)} error={error}>
      {multiline ? (
        <textarea id="action-text" value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id="action-text" value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
