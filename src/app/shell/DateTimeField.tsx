/**
 * The one date or time input of the app (TXT2): typed and shown as dd/MM/yyyy or 24-hour HH:mm
 * whatever the browser's language, with the slashes and colon added while typing digits. The
 * value is an ISO date (`2026-12-02`) or `HH:mm`, and '' while empty or not yet a date.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDmy, parseTimeText, shapeDateTyping, shapeTimeTyping } from '../../domain/time/dateInput';
import { formatIsoDate } from '../../domain/time/vnTime';

type Props = {
  readonly id: string;
  readonly kind: 'date' | 'time';
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly 'aria-invalid'?: boolean | undefined;
  readonly 'aria-describedby'?: string | undefined;
  readonly 'aria-label'?: string | undefined;
};

const KINDS = {
  date: { parse: parseDmy, shape: shapeDateTyping, show: formatIsoDate, size: 10 },
  time: { parse: parseTimeText, shape: shapeTimeTyping, show: (v: string) => v, size: 5 },
} as const;

export function DateTimeField({ id, kind, value, onChange, ...aria }: Props) {
  const { t } = useTranslation();
  const k = KINDS[kind];
  const [text, setText] = useState(() => (value ? k.show(value) : ''));
  const [badText, setBadText] = useState(false);
  // a value set from outside (a reset, a draft loaded) replaces what is shown
  useEffect(() => {
    if ((k.parse(text) ?? '') !== value) setText(value ? k.show(value) : '');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change of the value
  }, [value]);
  const invalid = aria['aria-invalid'] || badText;
  const errorId = `${id}-format`;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className={`datetime ${kind}`}
        value={text}
        maxLength={k.size}
        placeholder={t(`dateField.placeholder.${kind}`)}
        aria-label={aria['aria-label']}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[aria['aria-describedby'], badText ? errorId : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => {
          const shaped = k.shape(e.target.value);
          setText(shaped);
          setBadText(false);
          onChange(k.parse(shaped) ?? '');
        }}
        onBlur={() => {
          const parsed = k.parse(text);
          if (parsed) setText(k.show(parsed));
          setBadText(text.trim() !== '' && parsed === null);
        }}
      />
      {badText && (
        <div className="error" id={errorId}>
          {t(`dateField.bad.${kind}`)}
        </div>
      )}
    </>
  );
}
