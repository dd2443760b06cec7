/** FRM4: the logbook of dossiers received in a date range, on screen and printed. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startOfVnDay, vnDate } from '../../domain/time/vnTime';
import type { DossierRow } from '../db/schema';
import { Logbook } from '../print';
import { DateTimeField } from '../shell/DateTimeField';
import { useReference, userName } from '../shell/reference';
import { useServices } from '../shell/services';
import { usePrintRecord } from '../privacy/printRecord';
import { useRecordAccess } from '../privacy/useAccess';

export function LogbookScreen() {
  const { t } = useTranslation('print');
  const { db, now } = useServices();
  const { device, users, settings } = useReference();
  const today = vnDate(now());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const rows = useLiveQuery(async (): Promise<DossierRow[]> => {
    if (!from || !to || from > to) return [];
    return db.dossiers
      .where('receivedAt')
      .between(startOfVnDay(from), startOfVnDay(to) + 86_400_000, true, false)
      .toArray();
  }, [db, from, to]);
  // PD4: the printed logbook names every applicant in it
  const record = useRecordAccess();
  const print = usePrintRecord(
    useCallback(
      () =>
        record(
          'print',
          (rows ?? []).map((r) => r.id),
          'logbook',
        ),
      [record, rows],
    ),
  );
  return (
    <main className="screen">
      <div className="card no-print">
        <div className="row">
          <div className="field">
            <label htmlFor="lb-from">{t('toolbar.from')}</label>
            <DateTimeField id="lb-from" kind="date" value={from} onChange={setFrom} />
          </div>
          <div className="field">
            <label htmlFor="lb-to">{t('toolbar.to')}</label>
            <DateTimeField id="lb-to" kind="date" value={to} onChange={setTo} />
          </div>
          <span className="spacer" />
          <button className="primary" onClick={() => void print()}>
            {t('toolbar.print')}
          </button>
        </div>
      </div>
      {device && rows && (
        <Logbook
          states={rows.map((r) => r.state)}
          from={from}
          to={to}
          communeName={device.communeName}
          formSet={settings.formSet}
          officerName={(id) => userName(users, id)}
          at={now()}
        />
      )}
    </main>
  );
}
