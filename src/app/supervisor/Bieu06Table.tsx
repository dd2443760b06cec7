/** The Biểu 06 table itself (REP1): grouped headings, one line per row and the total; what a cell shows is the caller's. */
import type { ReactNode } from 'react';
import type { Bieu06Numbers } from '../../domain/stats/bieu06';
import { REPORT_COLUMNS, type ReportColumn } from './exportTables';
import { useT } from './useT';

export type Bieu06Line = { readonly key: string; readonly label: string; readonly numbers: Bieu06Numbers };

const plain = (n: number): ReactNode => (n === 0 ? <span className="muted">0</span> : n);

export function Bieu06Table({
  lines,
  total,
  firstHeading,
  testId,
  lineAttr = 'data-field',
  cell = (_l, _c, n) => plain(n),
  onLabel,
}: {
  lines: readonly Bieu06Line[];
  total: Bieu06Numbers;
  firstHeading: string;
  testId: string;
  lineAttr?: string;
  /** A cell's content; plain numbers by default. `line` is null for the total. */
  cell?: (line: Bieu06Line | null, column: ReportColumn, n: number) => ReactNode;
  /** Makes the row heading a button (e.g. open a commune's fields). */
  onLabel?: (line: Bieu06Line) => void;
}) {
  const { t } = useT();
  const cells = (line: Bieu06Line | null, numbers: Bieu06Numbers) =>
    REPORT_COLUMNS.map(([col, value]) => (
      <td key={col} className="num" data-col={col}>
        {cell(line, col, value(numbers))}
      </td>
    ));
  return (
    <div className="sv-scroll">
      <table className="list sv-report" data-testid={testId}>
        <thead>
          <tr>
            <th rowSpan={2}>{firstHeading}</th>
            <th colSpan={5}>{t('report.groups.received')}</th>
            <th colSpan={4}>{t('report.groups.resolved')}</th>
            <th colSpan={3}>{t('report.groups.inProgress')}</th>
            <th colSpan={5}>{t('report.groups.extra')}</th>
          </tr>
          <tr>
            {REPORT_COLUMNS.map(([c]) => (
              <th key={c}>{t(`col.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} {...{ [lineAttr]: l.key }}>
              <th>
                {onLabel ? (
                  <button className="sv-cell" onClick={() => onLabel(l)}>
                    {l.label}
                  </button>
                ) : (
                  l.label
                )}
              </th>
              {cells(l, l.numbers)}
            </tr>
          ))}
          <tr className="sv-total">
            <th>{t('export.total')}</th>
            {cells(null, total)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
