/** Screen 2: Biểu 06 for a chosen period (REP1, REP2): one line per commune with totals, per field over all, and a commune's fields. */
import { useCallback, useState } from 'react';
import { numbersOf } from '../../domain/stats/bieu06';
import { formatVnDateTime } from '../../domain/time/vnTime';
import type { UpstreamFieldRow, UpstreamReport as Report } from '../../protocol';
import { Bieu06Table, type Bieu06Line } from '../supervisor/Bieu06Table';
import { PeriodPicker } from '../supervisor/PeriodPicker';
import type { PeriodChoice } from '../supervisor/periodChoice';
import { periodLabel } from '../supervisor/usePeriodReport';
import { csvBlob, downloadBlob, reportFileName, xlsxBlob } from '../supervisor/exportFiles';
import { useT } from '../supervisor/useT';
import { upstreamApi } from './api';
import { upstreamTable } from './upstreamExport';
import { useUpstream } from './useUpstream';

const fieldLines = (rows: readonly UpstreamFieldRow[], name: (code: string) => string): Bieu06Line[] =>
  rows.map((r) => ({ key: r.fieldCode, label: name(r.fieldCode), numbers: numbersOf(r.fieldCode, r.counts) }));

export function UpstreamReport({
  token,
  choice,
  onChoice,
  onSessionGone,
}: {
  token: string;
  choice: PeriodChoice;
  onChoice: (c: PeriodChoice) => void;
  onSessionGone: () => void;
}) {
  const { t, tVi } = useT();
  const { mode, period } = choice;
  const load = useCallback(() => upstreamApi.report(token, { ...period, mode }), [token, mode, period]);
  const { data } = useUpstream(load, onSessionGone);
  const [open, setOpen] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const exportAs = async (report: Report, ext: 'xlsx' | 'csv') => {
    setExportError(null);
    try {
      const table = upstreamTable(tVi, report, periodLabel(tVi, period));
      downloadBlob(ext === 'csv' ? csvBlob(table) : await xlsxBlob(table, tVi('export.sheetReport')), reportFileName(tVi('upstream.title'), period, ext));
    } catch {
      setExportError(t('export.failed'));
    }
  };

  return (
    <section data-testid="up-report">
      <PeriodPicker value={choice} onChange={onChoice} />
      <h3>{t('report.title', { period: periodLabel(t, period) })}</h3>
      {data.state === 'loading' && <p className="muted">{t('loading')}</p>}
      {data.state === 'error' && (
        <p className="error-box" role="alert">
          {data.message}
        </p>
      )}
      {data.state === 'ok' &&
        (() => {
          const r = data.value;
          const fieldName = (code: string) => r.fields.find((f) => f.code === code)?.name ?? code;
          const communeLines: Bieu06Line[] = r.communes.map((c) => ({ key: c.commune.id, label: c.commune.name, numbers: numbersOf('', c.total) }));
          const chosen = r.communes.find((c) => c.commune.id === open);
          return (
            <>
              <div className="row">
                <p className="muted" data-testid="up-report-asof">
                  {t('upstream.report.asOf', { at: formatVnDateTime(r.asOf) })}
                </p>
                <span className="spacer" />
                <button data-testid="up-export-xlsx" onClick={() => void exportAs(r, 'xlsx')}>
                  {t('export.xlsx')}
                </button>
                <button data-testid="up-export-csv" onClick={() => void exportAs(r, 'csv')}>
                  {t('export.csv')}
                </button>
              </div>
              {exportError && (
                <p className="error-box" role="alert">
                  {exportError}
                </p>
              )}
              <h4>{t('upstream.report.byCommune')}</h4>
              <p className="muted">{t('upstream.report.openCommune')}</p>
              <Bieu06Table
                lines={communeLines}
                total={numbersOf('', r.total)}
                firstHeading={t('upstream.report.commune')}
                testId="up-bieu06-communes"
                lineAttr="data-commune"
                onLabel={(l) => setOpen(open === l.key ? null : l.key)}
              />
              {chosen && (
                <div className="card" data-testid="up-commune-fields">
                  <h4 style={{ marginTop: 0 }}>{t('upstream.report.communeFields', { commune: chosen.commune.name })}</h4>
                  <Bieu06Table
                    lines={fieldLines(chosen.rows, fieldName)}
                    total={numbersOf('', chosen.total)}
                    firstHeading={t('export.field')}
                    testId="up-bieu06-commune"
                  />
                </div>
              )}
              <h4>{t('upstream.report.byField')}</h4>
              <Bieu06Table lines={fieldLines(r.byField, fieldName)} total={numbersOf('', r.total)} firstHeading={t('export.field')} testId="up-bieu06-fields" />
              <p className="muted">{t('report.balance')}</p>
            </>
          );
        })()}
    </section>
  );
}
