/** REP1, REP2: Biểu 06 per field for the chosen period, a drill-down from every number, exports and print. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { bieu06, idsOf, type Bieu06Column } from '../../domain/stats/bieu06';
import type { DossierState } from '../../domain/dossier/state';
import { useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { DossierList } from './DossierList';
import { csvBlob, downloadBlob, reportFileName, xlsxBlob } from './exportFiles';
import { reportTable, type ReportColumn } from './exportTables';
import { Bieu06Table, type Bieu06Line } from './Bieu06Table';
import { LogbookExport } from './LogbookExport';
import { PeriodPicker } from './PeriodPicker';
import { choiceRange, type PeriodChoice } from './periodChoice';
import { PrintSheet } from './PrintSheet';
import { usePeriodNumbers } from './periodNumbers';
import { statesForReport } from './reportData';
import { periodLabel } from './usePeriodReport';
import { useT } from './useT';

type Drill = { readonly fieldCode: string; readonly column: Bieu06Column };

export function ReportTab({ choice, onChoice, now }: { choice: PeriodChoice; onChoice: (c: PeriodChoice) => void; now: number }) {
  const { t, tVi } = useT();
  const { catalog, device } = useReference();
  const { db } = useServices();
  const report = usePeriodNumbers(choice, now);
  const [drill, setDrill] = useState<Drill | null>(null);
  // The dossiers behind a number are read only when one is opened.
  const drillStates =
    useLiveQuery(async (): Promise<DossierState[]> => {
      if (!drill) return [];
      const range = choiceRange(choice);
      const states = await statesForReport(db, range, now);
      const full = bieu06(states, range, { asOf: now });
      const row = drill.fieldCode === '' ? full.total : full.rows.find((r) => r.fieldCode === drill.fieldCode);
      const byId = new Map(states.map((s) => [s.id, s]));
      return row ? idsOf(row, drill.column).flatMap((id) => byId.get(id) ?? []) : [];
    }, [db, drill, choice, now]) ?? [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldName = (code: string) => catalog.fields.find((f) => f.code === code)?.name ?? code;
  const communeName = device?.communeName ?? '';
  if (!report)
    return (
      <section data-testid="sv-report">
        <PeriodPicker value={choice} onChange={onChoice} />
        <p className="muted">{t('loading')}</p>
      </section>
    );
  const table = reportTable(tVi, report, { communeName, periodLabel: periodLabel(tVi, choice.period), fieldName });

  const exportAs = async (ext: 'xlsx' | 'csv') => {
    setBusy(true);
    setError(null);
    try {
      const blob = ext === 'csv' ? csvBlob(table) : await xlsxBlob(table, tVi('export.sheetReport'));
      downloadBlob(blob, reportFileName(communeName, choice.period, ext));
    } catch {
      setError(t('export.failed'));
    } finally {
      setBusy(false);
    }
  };

  const cell = (line: Bieu06Line | null, col: ReportColumn, n: number) => {
    const fieldCode = line?.key ?? '';
    const active = drill?.fieldCode === fieldCode && drill.column === col;
    return n === 0 ? (
      <span className="muted">0</span>
    ) : (
      <button
        className="sv-cell"
        aria-pressed={active}
        data-testid={`cell-${line ? fieldCode : 'total'}-${col}`}
        onClick={() => setDrill(active ? null : { fieldCode, column: col })}
      >
        {n}
      </button>
    );
  };
  const lines: Bieu06Line[] = report.rows.map((r) => ({ key: r.fieldCode, label: fieldName(r.fieldCode), numbers: r }));

  return (
    <section data-testid="sv-report">
      <PeriodPicker value={choice} onChange={onChoice} />
      <div className="no-print">
        <div className="row" style={{ marginBottom: 8 }}>
          <h2 style={{ margin: 0 }}>{t('report.title', { period: periodLabel(t, choice.period) })}</h2>
          <span className="spacer" />
          <button disabled={busy} data-testid="export-xlsx" onClick={() => void exportAs('xlsx')}>
            {t('export.xlsx')}
          </button>
          <button disabled={busy} data-testid="export-csv" onClick={() => void exportAs('csv')}>
            {t('export.csv')}
          </button>
          <button data-testid="print-report" onClick={() => window.print()}>
            {t('export.print')}
          </button>
        </div>
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
        <p className="muted">{t('report.help')}</p>
        <Bieu06Table lines={lines} total={report.total} firstHeading={t('export.field')} testId="bieu06" cell={cell} />
        <p className="muted">{t('report.balance')}</p>
        <p className="muted" data-testid="note-766">
          {t('report.note766')}
        </p>
        {drill && (
          <div className="card" data-testid="drill">
            <div className="row">
              <h2 style={{ margin: 0 }}>
                {t('report.drillTitle', {
                  column: t(`col.${drill.column}`),
                  field: drill.fieldCode ? fieldName(drill.fieldCode) : t('export.total'),
                  n: drillStates.length,
                })}
              </h2>
              <span className="spacer" />
              <button onClick={() => setDrill(null)}>{t('report.closeDrill')}</button>
            </div>
            <DossierList states={drillStates} testId="drill-list" />
          </div>
        )}
        <LogbookExport range={choiceRange(choice)} communeName={communeName} />
      </div>
      <PrintSheet table={table} now={now} testId="print-report-sheet" />
    </section>
  );
}
