import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/app/i18n';
import { csvBlob, fileSlug, logbookFileName, periodSlug, reportFileName, toCsv, xlsxBlob } from '../../../src/app/supervisor/exportFiles';
import { logbookTable, reportTable, REPORT_COLUMNS, type Translate } from '../../../src/app/supervisor/exportTables';
import { bieu06 } from '../../../src/domain/stats/bieu06';
import { periodRange } from '../../../src/domain/stats/periods';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { buildEvent } from '../../support/builders';
import { history, stateOf } from './fixtures';

const tVi = createI18n('vi').getFixedT('vi', 'supervisor') as unknown as Translate;
const MARCH = periodRange('month', 2026, 3, 'cutoff15');

const states = [
  stateOf(
    history(vnInstant(2026, 3, 2, 9), vnInstant(2026, 3, 5, 9), (id) => [buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 5, 15) })], {
      fieldCode: 'HT',
      channel: 2,
    }),
  ),
  stateOf(
    history(vnInstant(2026, 3, 3, 9), vnInstant(2026, 3, 6, 9), (id) => [buildEvent('resolved', {}, { dossierId: id, at: vnInstant(2026, 3, 9, 8) })], {
      fieldCode: 'HT',
    }),
  ),
  stateOf(
    history(vnInstant(2026, 3, 4, 9), vnInstant(2026, 3, 30, 9), () => [], {
      fieldCode: 'CT',
      applicant: { name: 'Trần Văn "Bình", Đông', idType: 'cccd', phone: '0912345678', address: 'Thôn Đông' },
    }),
  ),
];
const report = bieu06(states, MARCH);
const FIELDS: Record<string, string> = { HT: 'Hộ tịch', CT: 'Chứng thực' };
const table = reportTable(tVi, report, { communeName: 'UBND Xã Demo', periodLabel: 'Tháng 3/2026', fieldName: (c) => FIELDS[c] ?? c });

async function reopen(blob: Blob) {
  const sheets = await readXlsxFile(Buffer.from(await blob.arrayBuffer()));
  return sheets;
}

describe('[REP1] the period report as a file', () => {
  it('a real XLSX: opened again, its cells hold the Vietnamese headings and the report numbers', async () => {
    const blob = await xlsxBlob(table, 'Biểu 06');
    const sheets = await reopen(blob);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]!.sheet).toBe('Biểu 06');
    const rows = sheets[0]!.data;
    expect(rows[0]![0]).toBe('UBND Xã Demo');
    expect(rows[1]![0]).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu 06)');
    expect(rows[2]![0]).toBe('Kỳ báo cáo: Tháng 3/2026 (từ ngày 15/02/2026 đến ngày 14/03/2026)');
    const header = rows[4]!;
    expect(header.slice(0, 4)).toEqual(['STT', 'Lĩnh vực', 'Tổng số', 'Kỳ trước chuyển qua']);
    expect(header).toContain('Trước hạn');
    const col = (name: string) => 2 + REPORT_COLUMNS.findIndex(([k]) => k === name);
    const ct = rows[5]!,
      ht = rows[6]!,
      total = rows[7]!;
    expect(ct.slice(0, 2)).toEqual([1, 'Chứng thực']);
    expect(ht.slice(0, 2)).toEqual([2, 'Hộ tịch']);
    expect(ht[col('received.total')]).toBe(2);
    expect(ht[col('received.online')]).toBe(1);
    expect(ht[col('resolved.onTime')]).toBe(1);
    expect(ht[col('resolved.late')]).toBe(1);
    expect(ct[col('inProgress.withinTime')]).toBe(1);
    expect(total[1]).toBe('Tổng cộng');
    expect(total[col('received.total')]).toBe(3);
    expect(typeof total[col('received.total')]).toBe('number');
    expect(rows).toHaveLength(8);
  });

  it('CSV: UTF-8 with a byte-order mark, quoted where needed, CRLF lines', async () => {
    const csv = toCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[3]!.startsWith('STT,Lĩnh vực,Tổng số,Kỳ trước chuyển qua')).toBe(true);
    expect(lines[6]!.startsWith(',Tổng cộng,3,0,3,1,2,')).toBe(true);
    const bytes = new Uint8Array(await csvBlob(table).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('file names carry the commune and the period, without diacritics', () => {
    expect(fileSlug('Xã Đông Hòa')).toBe('Xa-Dong-Hoa');
    expect(reportFileName('Xã Demo', { kind: 'month', year: 2026, index: 11 }, 'xlsx')).toBe('Bieu06_Xa-Demo_2026-11.xlsx');
    expect(periodSlug({ kind: 'quarter', year: 2026, index: 1 })).toBe('2026-Q1');
    expect(periodSlug({ kind: 'halfYear', year: 2026, index: 2 })).toBe('2026-H2');
    expect(periodSlug({ kind: 'year', year: 2026, index: 1 })).toBe('2026');
    expect(logbookFileName('Xã Demo', '2026-03-01', '2026-03-31', 'csv')).toBe('SoTheoDoi_Xa-Demo_2026-03-01_2026-03-31.csv');
  });
});

describe('[FRM4] the logbook as a file', () => {
  const lb = logbookTable(tVi, [...states].reverse(), {
    communeName: 'UBND Xã Demo',
    from: '2026-03-01',
    to: '2026-03-31',
    officerName: (id) => (id === 'can-bo-lan' ? 'Nguyễn Thị Lan' : id),
  });

  it('XLSX with the FRM4 columns, in receipt order', async () => {
    const rows = (await reopen(await xlsxBlob(lb, 'Sổ theo dõi')))[0]!.data;
    expect(rows[1]![0]).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(rows[4]).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên TTHC',
      'Số lượng hồ sơ (bộ)',
      'Tên cá nhân, tổ chức',
      'Địa chỉ',
      'Số điện thoại',
      'Cán bộ tiếp nhận',
      'Ngày, giờ nhận',
      'Ngày, giờ hẹn trả',
      'Ngày trả kết quả',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(rows[5]!.slice(0, 2)).toEqual([1, states[0]!.code]);
    expect(rows[5]![7]).toBe('Nguyễn Thị Lan');
    expect(rows[5]![8]).toBe('09:00 02/03/2026');
    expect(rows[7]![4]).toBe('Trần Văn "Bình", Đông');
  });

  it('CSV keeps quotes and commas inside a cell', () => {
    expect(toCsv(lb)).toContain('"Trần Văn ""Bình"", Đông"');
  });
});
