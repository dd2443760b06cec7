/** TIM2: overdue, due today, due by the end of the next working day; per field and officer. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { useReference, userName } from '../shell/reference';
import { useServices } from '../shell/services';
import { DossierList } from './DossierList';
import { LATE_CATEGORIES, type LateCategory, type LateGroup } from '../../domain/timeliness/lateList';
import { LATE_LIST_PAGE, lateListPage, lateSummary } from './lateSummary';
import { useT } from './useT';

function GroupTable({
  groups,
  label,
  name,
  active,
  onPick,
  testId,
}: {
  groups: readonly LateGroup[];
  label: string;
  name: (key: string) => string;
  active: string;
  onPick: (key: string) => void;
  testId: string;
}) {
  const { t } = useT();
  return (
    <table className="list sv-groups" data-testid={testId}>
      <thead>
        <tr>
          <th>{label}</th>
          {LATE_CATEGORIES.map((c) => (
            <th key={c}>{t(`late.categories.${c}`)}</th>
          ))}
          <th>{t('late.total')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key} aria-selected={active === g.key} onClick={() => onPick(active === g.key ? '' : g.key)}>
            <td>{name(g.key)}</td>
            {LATE_CATEGORIES.map((c) => (
              <td key={c} className="num">
                {g.counts[c]}
              </td>
            ))}
            <td className="num">{g.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LateTab({ now }: { now: number }) {
  const { t } = useT();
  const { db } = useServices();
  const { calendar, catalog, users } = useReference();
  const [fieldCode, setFieldCode] = useState('');
  const [officerId, setOfficerId] = useState('');
  const [category, setCategory] = useState<LateCategory | ''>('');
  const summary = useLiveQuery(() => lateSummary(db, now, calendar), [db, now, calendar]);
  const filter = { ...(fieldCode ? { fieldCode } : {}), ...(officerId ? { officerId } : {}), ...(category ? { category } : {}) };
  const shown = useLiveQuery(() => lateListPage(db, now, calendar, filter), [db, now, calendar, fieldCode, officerId, category]);
  if (!summary || !shown) return <p className="muted">{t('loading')}</p>;
  const fieldName = (code: string) => catalog.fields.find((f) => f.code === code)?.name ?? code;
  const byId = new Map(shown.map((i) => [i.state.id, i]));
  return (
    <section data-testid="sv-late">
      <div className="tabs" role="tablist">
        <button role="tab" aria-selected={category === ''} onClick={() => setCategory('')}>
          {t('late.all')}
          <span className="count" data-testid="late-count-all">
            {summary.counts.all}
          </span>
        </button>
        {LATE_CATEGORIES.map((c) => (
          <button key={c} role="tab" aria-selected={category === c} onClick={() => setCategory(c)}>
            {t(`late.categories.${c}`)}
            <span className="count" data-testid={`late-count-${c}`}>
              {summary.counts[c]}
            </span>
          </button>
        ))}
      </div>
      <div className="grid2">
        <div className="card">
          <h2>{t('late.byField')}</h2>
          <GroupTable groups={summary.byField} label={t('late.field')} name={fieldName} active={fieldCode} onPick={setFieldCode} testId="late-by-field" />
        </div>
        <div className="card">
          <h2>{t('late.byOfficer')}</h2>
          <GroupTable
            groups={summary.byOfficer}
            label={t('late.officer')}
            name={(id) => userName(users, id)}
            active={officerId}
            onPick={setOfficerId}
            testId="late-by-officer"
          />
        </div>
      </div>
      {(fieldCode || officerId) && (
        <p className="row">
          {fieldCode && <span className="badge">{fieldName(fieldCode)}</span>}
          {officerId && <span className="badge">{userName(users, officerId)}</span>}
          <button
            onClick={() => {
              setFieldCode('');
              setOfficerId('');
            }}
          >
            {t('late.clearFilter')}
          </button>
        </p>
      )}
      {shown.length === LATE_LIST_PAGE && (
        <p className="muted" data-testid="late-list-capped">
          {t('late.capped', { n: LATE_LIST_PAGE })}
        </p>
      )}
      <DossierList
        testId="late-list"
        states={shown.map((i) => i.state)}
        extra={{
          heading: t('late.promised'),
          cell: (s) => {
            const i = byId.get(s.id);
            if (!i) return null;
            return (
              <>
                <span className={`badge ${i.category === 'overdue' ? 'overdue' : 'atRisk'}`}>{t(`late.categories.${i.category}`)}</span>
                <div className="muted">{formatVnDateTime(i.due)}</div>
                {s.apologies.length > 0 && <div className="muted">{t('late.rescheduled')}</div>}
              </>
            );
          },
        }}
      />
    </section>
  );
}
