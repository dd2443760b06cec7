/** Screen 3: per commune, the open dossiers overdue or due by the end of the next working day (TIM2), by promised date. */
import { useCallback } from 'react';
import { formatVnDate, formatVnDateTime } from '../../domain/time/vnTime';
import { LATE_CATEGORIES } from '../../domain/timeliness/lateList';
import { useT } from '../supervisor/useT';
import { upstreamApi } from './api';
import { useUpstream } from './useUpstream';

const BADGE = { overdue: 'bad', dueToday: 'warn', dueNextWorkingDay: 'warn' } as const;

export function UpstreamLate({ token, onSessionGone }: { token: string; onSessionGone: () => void }) {
  const { t } = useT();
  const load = useCallback(() => upstreamApi.late(token), [token]);
  const { data } = useUpstream(load, onSessionGone);
  if (data.state === 'loading') return <p className="muted">{t('loading')}</p>;
  if (data.state === 'error')
    return (
      <p className="error-box" role="alert">
        {data.message}
      </p>
    );
  const communes = [...data.value.communes].sort(
    (a, b) => b.overdueTotal - a.overdueTotal || b.items.length - a.items.length || (a.commune.name < b.commune.name ? -1 : 1),
  );
  return (
    <section data-testid="up-late">
      <p className="muted">{t('upstream.late.help')}</p>
      {communes.map(({ commune, items, overdueTotal }) => (
        <div className="card" key={commune.id} data-commune={commune.id}>
          <div className="row">
            <h3 style={{ margin: 0 }}>{commune.name}</h3>
            {LATE_CATEGORIES.map((k) => {
              const n = k === 'overdue' ? overdueTotal : items.filter((i) => i.category === k).length;
              return (
                n > 0 && (
                  <span key={k} className={`badge ${BADGE[k]}`}>
                    {t(`late.categories.${k}`)}: {n}
                  </span>
                )
              );
            })}
          </div>
          {overdueTotal > data.value.limit && <p className="muted">{t('upstream.late.truncated', { shown: data.value.limit, total: overdueTotal })}</p>}
          {items.length === 0 ? (
            <p className="muted">{t('list.empty')}</p>
          ) : (
            <table className="list" data-testid={`up-late-${commune.id}`}>
              <thead>
                <tr>
                  <th>{t('list.code')}</th>
                  <th>{t('late.field')}</th>
                  <th>{t('list.procedure')}</th>
                  <th>{t('list.officer')}</th>
                  <th>{t('list.received')}</th>
                  <th>{t('late.promised')}</th>
                  <th>{t('list.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.code} data-code={i.code}>
                    <td>{i.code}</td>
                    <td>{i.fieldCode}</td>
                    <td>{i.procedureName}</td>
                    <td>{i.officerName}</td>
                    <td>{formatVnDate(i.receivedAt)}</td>
                    <td>{formatVnDateTime(i.promisedAt)}</td>
                    <td>
                      <span className={`badge ${BADGE[i.category]}`}>{t(`late.categories.${i.category}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
      <p className="muted">{t('devices.asOf', { at: formatVnDateTime(data.value.serverTime) })}</p>
    </section>
  );
}
