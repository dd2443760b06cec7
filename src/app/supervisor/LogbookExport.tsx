/** The logbook (FRM4) for a date range, to XLSX or CSV. */
import { useState } from 'react';
import type { DateRange } from '../../domain/stats/periods';
import { DateTimeField } from '../shell/DateTimeField';
import { useReference, userName } from '../shell/reference';
import { useServices } from '../shell/services';
import { csvBlob, downloadBlob, logbookFileName, xlsxBlob } from './exportFiles';
import { logbookTable } from './exportTables';
import { statesReceivedIn } from './reportData';
import { useT } from './useT';
import { useRecordAccess } from '../privacy/useAccess';

export function LogbookExport({ range, communeName }: { range: DateRange; communeName: string }) {
  const { t, tVi } = useT();
  const { db } = useServices();
  const { users } = useReference();
  const [picked, setPicked] = useState<DateRange | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { from, to } = picked ?? range;
  const record = useRecordAccess();

  const exportAs = async (ext: 'xlsx' | 'csv') => {
    setBusy(true);
    setMessage(null);
    try {
      const states = await statesReceivedIn(db, { from, to });
      const table = logbookTable(tVi, states, { communeName, from, to, officerName: (id) => userName(users, id) });
      const blob = ext === 'csv' ? csvBlob(table) : await xlsxBlob(table, tVi('export.sheetLogbook'));
      // PD4: the file names every applicant in it; recorded before it leaves the app
      await record(
        'export',
        states.map((s) => s.id),
        `logbook.${ext}`,
      );
      downloadBlob(blob, logbookFileName(communeName, from, to, ext));
      setMessage(t('logbook.exported', { n: states.length }));
    } catch {
      setMessage(t('export.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card" data-testid="logbook-export">
      <h2>{t('logbook.title')}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="sv-lb-from">{t('logbook.from')}</label>
          <DateTimeField id="sv-lb-from" kind="date" value={from} onChange={(v) => v && setPicked({ from: v, to })} />
        </div>
        <div className="field">
          <label htmlFor="sv-lb-to">{t('logbook.to')}</label>
          <DateTimeField id="sv-lb-to" kind="date" value={to} onChange={(v) => v && setPicked({ from, to: v })} />
        </div>
        <button disabled={busy || from > to} data-testid="logbook-xlsx" onClick={() => void exportAs('xlsx')}>
          {t('export.xlsx')}
        </button>
        <button disabled={busy || from > to} data-testid="logbook-csv" onClick={() => void exportAs('csv')}>
          {t('export.csv')}
        </button>
      </div>
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
