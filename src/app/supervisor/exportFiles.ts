/**
 * Files from an ExportTable: CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese) and
 * real XLSX (write-excel-file, loaded only when someone exports), with names that carry the
 * commune and the period: `Bieu06_Xa-Demo_2026-11.xlsx`.
 */
import type { Row, SheetData } from 'write-excel-file/universal';
import type { Period } from '../../domain/stats/periods';
import type { ExportTable } from './exportTables';

export const CSV_MIME = 'text/csv;charset=utf-8';

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(table: ExportTable): string {
  const lines = [...table.title.map((l) => csvCell(l)), table.header.map(csvCell).join(','), ...table.rows.map((r) => r.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function csvBlob(table: ExportTable): Blob {
  return new Blob([toCsv(table)], { type: CSV_MIME });
}

/** The workbook: the title lines, the bold header, then the rows (numbers stay numbers). */
export async function xlsxBlob(table: ExportTable, sheetName: string): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const width = table.header.length;
  const data: SheetData = [
    ...table.title.map((line, i): Row => [{ value: line, fontWeight: i === 1 ? 'bold' : undefined, columnSpan: width }]),
    [],
    table.header.map((h) => ({ value: h, fontWeight: 'bold', wrap: true, align: 'center' })),
    ...table.rows.map((r): Row => r.map((v) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String }))),
  ];
  return writeXlsxFile(data, {
    sheet: sheetName.slice(0, 31),
    columns: table.header.map((h, i) => ({ width: i === 0 ? 6 : Math.min(40, Math.max(10, h.length + 2)) })),
  }).toBlob();
}

/** "Xã Demo" → "Xa-Demo": no diacritics (đ → d), words joined by hyphens, safe in any file system. */
export function fileSlug(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'xa'
  );
}

/** `2026-11`, `2026-Q1`, `2026-H2`, `2026`. */
export function periodSlug(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'halfYear':
      return `${p.year}-H${p.index}`;
    case 'year':
      return String(p.year);
  }
}

export const reportFileName = (communeName: string, p: Period, ext: 'xlsx' | 'csv'): string => `Bieu06_${fileSlug(communeName)}_${periodSlug(p)}.${ext}`;
export const logbookFileName = (communeName: string, from: string, to: string, ext: 'xlsx' | 'csv'): string =>
  `SoTheoDoi_${fileSlug(communeName)}_${from}_${to}.${ext}`;

/** Hands a file to the browser's download. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
