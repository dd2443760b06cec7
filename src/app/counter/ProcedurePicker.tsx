/** Searchable procedure picker: name or code, with or without diacritics. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, Procedure } from '../../domain/catalog/procedure';
import { matchesSearch } from '../../domain/text/searchKey';

type Props = {
  readonly catalog: Catalog;
  readonly selected: string;
  readonly onPick: (p: Procedure) => void;
  /** From the Field around it: the search box carries the field's error mark. */
  readonly 'aria-invalid'?: boolean | undefined;
  readonly 'aria-describedby'?: string | undefined;
};

export function ProcedurePicker({ catalog, selected, onPick, ...aria }: Props) {
  const { t } = useTranslation('counter');
  const [q, setQ] = useState('');
  const fieldName = (code: string) => catalog.fields.find((f) => f.code === code)?.name ?? code;
  const list = catalog.procedures.filter((p) => !q.trim() || matchesSearch(`${p.name} ${p.code} ${fieldName(p.fieldCode)}`, q));
  return (
    <div>
      <input
        id="intake-procedure"
        type="search"
        value={q}
        placeholder={t('intake.procedureSearch')}
        aria-label={t('intake.procedureSearch')}
        {...aria}
        onChange={(e) => setQ(e.target.value)}
      />
      <div className="picker-list" role="listbox" aria-label={t('intake.procedure')}>
        {list.map((p) => (
          <button type="button" key={p.code} role="option" aria-selected={p.code === selected} onClick={() => onPick(p)}>
            <strong>{p.name}</strong>
            <div className="muted">
              {p.code} · {fieldName(p.fieldCode)} · {t(`processing.${p.processing.unit}`, { amount: 'amount' in p.processing ? p.processing.amount : 0 })}
            </div>
          </button>
        ))}
        {list.length === 0 && (
          <div className="muted" style={{ padding: 10 }}>
            {t('intake.noProcedure')}
          </div>
        )}
      </div>
    </div>
  );
}
