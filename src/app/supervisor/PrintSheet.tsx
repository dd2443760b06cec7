/**
 * The print layout of an exported table (A4 landscape): the national heading (Quốc hiệu, tiêu ngữ)
 * beside the office's name, the title, the table, the place and date, and the signer's block.
 * Shown only when printing (or saving to PDF from the print dialog).
 */
import { formatVnDate, vnParts } from '../../domain/time/vnTime';
import type { ExportTable } from './exportTables';
import { useT } from './useT';

export function PrintSheet({ table, now, testId }: { table: ExportTable; now: number; testId?: string }) {
  const { tVi } = useT();
  const [office, title, ...sub] = table.title;
  const d = vnParts(now);
  return (
    <div className="print-only sv-print" data-testid={testId} lang="vi">
      <div className="sv-print-head">
        <div className="sv-print-office">
          <div>{office}</div>
        </div>
        <div className="sv-print-nation">
          <div className="sv-nation">{tVi('print.nation')}</div>
          <div className="sv-motto">{tVi('print.motto')}</div>
          <div className="sv-date">{tVi('print.placeDate', { day: d.day, month: d.month, year: d.year })}</div>
        </div>
      </div>
      <h2 className="sv-print-title">{title}</h2>
      {sub.map((l) => (
        <p key={l} className="sv-print-sub">
          {l}
        </p>
      ))}
      <table className="sv-print-table">
        <thead>
          <tr>
            {table.header.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className={typeof c === 'number' ? 'num' : undefined}>
                  {c ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sv-print-sign">
        <div>{tVi('print.preparedBy')}</div>
        <div>
          <div className="sv-strong">{tVi('print.head')}</div>
          <div className="muted">{tVi('print.signHint')}</div>
        </div>
      </div>
      <p className="muted">{tVi('print.printedAt', { at: formatVnDate(now) })}</p>
    </div>
  );
}
