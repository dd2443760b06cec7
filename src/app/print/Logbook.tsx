/** FRM4: Sổ theo dõi hồ sơ for a date range, A4 landscape. */
import { useTranslation } from 'react-i18next';
import type { DossierState } from '../../domain/dossier/state';
import { endTimeliness } from '../../domain/timeliness/timeliness';
import { formatIsoDate, formatVnDateTime } from '../../domain/time/vnTime';
import type { FormSet } from './formNumbers';
import { Paper } from './Paper';

export type LogbookProps = {
  readonly states: readonly DossierState[];
  readonly from: string;
  readonly to: string;
  readonly communeName: string;
  readonly formSet: FormSet;
  readonly officerName: (id: string) => string;
  readonly at: number;
};

export function Logbook({ states, from, to, communeName, formSet, officerName, at }: LogbookProps) {
  const { t } = useTranslation('print');
  return (
    <Paper form="logbook" formSet={formSet} communeName={communeName} at={at} size="a4-landscape">
      <p className="center">{t('logbook.range', { from: formatIsoDate(from), to: formatIsoDate(to) })}</p>
      <table className="logbook">
        <thead>
          <tr>
            {(['no', 'code', 'procedure', 'sets', 'applicant', 'address', 'phone', 'officer', 'received', 'due', 'returned', 'signature', 'note'] as const).map(
              (c) => (
                <th key={c}>{t(`logbook.col.${c}`)}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {states.map((s, i) => {
            const timeliness = endTimeliness(s);
            return (
              <tr key={s.id}>
                <td>{i + 1}</td>
                <td>{s.code}</td>
                <td>{s.procedureName}</td>
                <td>{s.sets}</td>
                <td>{s.applicant.name}</td>
                <td>{s.applicant.address ?? ''}</td>
                <td>{s.applicant.phone ?? ''}</td>
                <td>{officerName(s.receivedBy)}</td>
                <td>{formatVnDateTime(s.receivedAt)}</td>
                <td>{s.effectiveDueAt === null ? '' : formatVnDateTime(s.effectiveDueAt)}</td>
                <td>{s.returnedAt === null ? '' : formatVnDateTime(s.returnedAt)}</td>
                <td />
                <td>{[t(`status.${s.status}`), timeliness ? t(`timeliness.${timeliness}`) : ''].filter(Boolean).join(' · ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {states.length === 0 && <p className="center">{t('logbook.empty')}</p>}
    </Paper>
  );
}
