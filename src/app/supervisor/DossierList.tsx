/** A list of dossiers (a drill-down, a late list); a click opens the dossier. */
import { useTranslation } from 'react-i18next';
import type { DossierState } from '../../domain/dossier/state';
import { formatVnDate, formatVnDateTime } from '../../domain/time/vnTime';
import { StatusBadge } from '../counter/StatusBadge';
import { useReference, userName } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import type { ReactNode } from 'react';

export function DossierList({
  states,
  extra,
  testId,
}: {
  states: readonly DossierState[];
  /** A last column (why the dossier is listed). */
  extra?: { heading: string; cell: (s: DossierState) => ReactNode };
  testId?: string;
}) {
  const { t } = useTranslation('supervisor');
  const { users } = useReference();
  const navigate = useRouter((s) => s.navigate);
  if (states.length === 0) return <p className="muted">{t('list.empty')}</p>;
  return (
    <table className="list" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('list.code')}</th>
          <th>{t('list.applicant')}</th>
          <th>{t('list.procedure')}</th>
          <th>{t('list.officer')}</th>
          <th>{t('list.received')}</th>
          <th>{t('list.due')}</th>
          <th>{t('list.status')}</th>
          {extra && <th>{extra.heading}</th>}
        </tr>
      </thead>
      <tbody>
        {states.map((s) => (
          <tr key={s.id} onClick={() => navigate(ROUTES.dossier(s.code))}>
            <td>
              <a href={ROUTES.dossier(s.code)} onClick={(e) => e.preventDefault()}>
                {s.code}
              </a>
            </td>
            <td>{s.applicant.name}</td>
            <td>{s.procedureName}</td>
            <td>{userName(users, s.receivedBy)}</td>
            <td>{formatVnDate(s.receivedAt)}</td>
            <td>{s.dueAt === null ? '—' : formatVnDateTime(s.dueAt)}</td>
            <td>
              <StatusBadge state={s} />
            </td>
            {extra && <td>{extra.cell(s)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
