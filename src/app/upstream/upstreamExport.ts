/** The upstream report as one exported table (XLSX, CSV): a line per commune and the total, then per field over all communes. */
import { numbersOf } from '../../domain/stats/bieu06';
import type { UpstreamReport } from '../../protocol';
import { REPORT_COLUMNS, type Cell, type ExportTable, type Translate } from '../supervisor/exportTables';

const day = (d: string) => d.split('-').reverse().join('/');

export function upstreamTable(t: Translate, r: UpstreamReport, periodLabel: string): ExportTable {
  const values = (counts: UpstreamReport['total']) => REPORT_COLUMNS.map(([, f]) => f(numbersOf('', counts)));
  const fieldName = (code: string) => r.fields.find((f) => f.code === code)?.name ?? code;
  const rows: Cell[][] = [
    ...r.communes.map((c, i): Cell[] => [i + 1, c.commune.name, ...values(c.total)]),
    [null, t('supervisor:export.total'), ...values(r.total)],
    [null, t('supervisor:upstream.report.byField')],
    ...r.byField.map((f, i): Cell[] => [i + 1, fieldName(f.fieldCode), ...values(f.counts)]),
    [null, t('supervisor:export.total'), ...values(r.total)],
  ];
  return {
    title: [
      t('supervisor:upstream.title'),
      t('supervisor:export.reportTitle'),
      t('supervisor:export.periodLine', { period: periodLabel, from: day(r.range.from), to: day(r.range.to) }),
    ],
    header: [t('supervisor:export.no'), t('supervisor:upstream.report.commune'), ...REPORT_COLUMNS.map(([k]) => t(`supervisor:col.${k}`))],
    rows,
  };
}
