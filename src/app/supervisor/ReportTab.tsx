/** REP1, REP2: Biểu 06 per field for the chosen period, a drill-down from every number, exports and print. */
import { useState } from 'react';
import { idsOf, type Bieu06Column } from '../../domain/stats/bieu06';
import type { DossierState } from '../../domain/dossier/state';
import { useReference } from '../shell/reference';
import { DossierList } from './DossierList';
import { csvBlob, downloadBlob, reportFileName, xlsxBlob } from './exportFiles';
import { REPORT_COLUMNS, reportTable } from './exportTables';
import { LogbookExport } from './LogbookExport';
import { PeriodPicker } from './PeriodPicker';
import { choiceRange, type PeriodChoice } from './periodChoice';
import { PrintSheet } from './PrintSheet';
import { periodLabel, usePeriodReport } from './usePeriodReport';
import { useT } from './useT';

type Drill = { readonly fieldCode: string; readonly column: Bieu06Column };

export function ReportTab({ choice, onChoice, now }: { choice: PeriodChoice; onChoice: (c: PeriodChoice) => void; now: number }) {
  const { t, tVi } = useT();
  const { catalog, device } = useReference();
  const data = usePeriodReport(choice, now);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldName = (code: string) => catalog.fields.find((f) => f.code === code)?.name ?? code;
  const communeName = device?.communeName ?? '';
  if (!data) return <section data-testid="sv-report"><PeriodPicker value={choice} onChange={onChoice} /><p className="muted">{t('loading')}</p></section>;
  const { report, states } = data;
  const table = reportTable(tVi, report, { communeName, periodLabel: periodLabel(tVi, choice.period), fieldName });
  const byId = new Map(states.map((s) => [s.id, s]));
  const drillRow = drill ? (drill.fieldCode === '' ? report.total : report.rows.find((r) => r.fieldCode === drill.fieldCode)) : undefined;
  const drillStates: DossierState[] = drill && drillRow ? idsOf(drillRow, drill.column).flatMap((id) => byId.get(id) ?? []) : [];

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

  const rowCells = (row: typeof report.total, testPrefix: string) => REPORT_COLUMNS.map(([col, value]) => {
    const n = value(row);
    const active = drill?.fieldCode === row.fieldCode && drill.column === col;
    return (
      <td key={col} className="num">
        {n === 0 ? <span className="muted">0</span> : (
          <button className="sv-cell" aria-pressed={active} data-testid={`${testPrefix}-${col}`}
            onClick={() => setDrill(active ? null : { fieldCode: row.fieldCode, column: col })}>{n}</button>
        )}
      </td>
    );
  });

  return (
    <section data-testid="sv-report">
      <PeriodPicker value={choice} onChange={onChoice} />
      <div className="no-print">
        <div className="row" style={{ marginBottom: 8 }}>
          <h3 style={{ margin: 0 }}>{t('report.title', { period: periodLabel(t, choice.period) })}</h3>
          <span className="spacer" />
          <button disabled={busy} data-testid="export-xlsx" onClick={() => void exportAs('xlsx')}>{t('export.xlsx')}</button>
          <button disabled={busy} data-testid="export-csv" onClick={() => void exportAs('csv')}>{t('export.csv')}</button>
          <button data-testid="print-report" onClick={() => window.print()}>{t('export.print')}</button>
        </div>
        {error && <p className="error-box" role="alert">{error}</p>}
        <p className="muted">{t('report.help')}</p>
        <div className="sv-scroll">
          <table className="list sv-report" data-testid="bieu06">
            <thead>
              <tr>
                <th rowSpan={2}>{t('export.field')}</th>
                <th colSpan={5}>{t('report.groups.received')}</th>
                <th colSpan={4}>{t('report.groups.resolved')}</th>
                <th colSpan={3}>{t('report.groups.inProgress')}</th>
                <th colSpan={5}>{t('report.groups.extra')}</th>
              </tr>
              <tr>{REPORT_COLUMNS.map(([c]) => <th key={c}>{t(`col.${c}`)}</th>)}</tr>
            </thead>
            <tbody>
              {report.rows.map((r) => <tr key={r.fieldCode} data-field={r.fieldCode}><th>{fieldName(r.fieldCode)}</th>{rowCells(r, `cell-${r.fieldCode}`)}</tr>)}
              <tr className="sv-total"><th>{t('export.total')}</th>{rowCells(report.total, 'cell-total')}</tr>
            </tbody>
          </table>
        </div>
        <p className="muted">{t('report.balance')}</p>
        {drill && (
          <div className="card" data-testid="drill">
            <div className="row">
              <h3 style={{ margin: 0 }}>{t('report.drillTitle', { column: t(`col.${drill.column}`), field: drill.fieldCode ? fieldName(drill.fieldCode) : t('export.total'), n: drillStates.length })}</h3>
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
