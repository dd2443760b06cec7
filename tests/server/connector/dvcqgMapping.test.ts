import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldDossier } from '../../../src/domain/dossier/fold';
import type { DossierEvent } from '../../../src/domain/dossier/events';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { NOTE_MAX_CHARS, portalDate, portalDossier, portalSteps, prepareDvcqg, shortNote, supplementRounds } from '../../../src/server/connector/dvcqg/mapping';
import type { MappingInput } from '../../../src/server/connector/port';
import { buildEvent, buildReceived, CODE, DAY, HOUR, T0 } from '../../support/builders';
import { dossierProblems, stepProblems } from '../../support/fakePortal';

const SHA = 'a'.repeat(64);

function inputOf(events: DossierEvent[], o: Partial<MappingInput> = {}): MappingInput {
  const state = foldDossier(events)!;
  return {
    state,
    events,
    portalCode: '1.001193',
    fieldName: 'Hộ tịch',
    agencyName: 'UBND xã Demo',
    actorNames: new Map([
      ['officer-lan', 'Trần Thị Lan'],
      ['officer-minh', 'Lê Văn Minh'],
    ]),
    papers: [],
    results: [],
    ...o,
  };
}

const received = buildReceived({ note: 'Nộp bản sao' });
const life: DossierEvent[] = [
  received,
  buildEvent('transferred', { toUnit: 'Công chức Tư pháp - Hộ tịch' }, { at: T0 + HOUR }),
  buildEvent('resolved', {}, { at: T0 + DAY, actorId: 'officer-minh' }),
  buildEvent('resultReturned', {}, { at: T0 + 2 * DAY }),
];
const d = (events: DossierEvent[] = life, o: Partial<MappingInput> = {}) => portalDossier(inputOf(events, o), '1.001193');

describe('DVCQG mapping: the dossier (DongBoHoSoMC), one test per field', () => {
  it('[CON1] dates are yyyyMMddHHmmss in Vietnam time, "" when empty', () => {
    expect(portalDate(vnInstant(2026, 3, 2, 9, 5, 7))).toBe('20260302090507');
    expect(portalDate(vnInstant(2026, 12, 31, 23, 59, 59))).toBe('20261231235959'); // 16:59:59 UTC, still the 31st in Vietnam
    expect(portalDate(Date.UTC(2026, 0, 1, 17, 0, 0))).toBe('20260102000000'); // UTC evening is the next day in Vietnam
    expect(portalDate(null)).toBe('');
    const x = d([received]);
    expect(x.NgayTiepNhan).toBe('20260302090000');
    expect(x.NgayHenTra).toBe('20260305090000');
    expect(x.NgayTra).toBe('');
    expect(x.NgayKetThucXuLy).toBe('');
  });

  it('[CON2] every scalar is a string and the shape is the one the portal checks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2_000_000 }), (n, fee) => {
        const x = d([buildReceived({ feeVnd: fee }), ...life.slice(1, 1 + n)]);
        for (const [k, v] of Object.entries(x)) if (!Array.isArray(v)) expect(typeof v, k).toBe('string');
        expect(dossierProblems(x)).toEqual([]);
      }),
    );
  });

  it('MaHoSo is the dossier code; MaTTHC the catalog portal code; TenTTHC the procedure', () => {
    expect(d().MaHoSo).toBe(CODE);
    expect(portalDossier(inputOf(life), '2.000986').MaTTHC).toBe('2.000986');
    expect(d().TenTTHC).toBe('Đăng ký khai sinh');
    expect(d().TrichYeuHoSo).toBe('Đăng ký khai sinh');
  });

  it('MaLinhVuc / TenLinhVuc: the field code and its catalog name ("" when the catalog has none)', () => {
    expect(d().MaLinhVuc).toBe('HT');
    expect(d().TenLinhVuc).toBe('Hộ tịch');
    expect(d(life, { fieldName: null }).TenLinhVuc).toBe('');
  });

  it('ChuHoSo and LoaiDoiTuong: a citizen is "1", an organisation "2" named as owner', () => {
    expect(d().ChuHoSo).toBe('Nguyễn Thị Đào');
    expect(d().LoaiDoiTuong).toBe('1');
    const org = d([buildReceived({ applicant: { name: 'Phạm Văn An', idType: 'other', organisation: 'HTX Nông nghiệp Đông' } })]);
    expect(org.ChuHoSo).toBe('HTX Nông nghiệp Đông');
    expect(org.LoaiDoiTuong).toBe('2');
  });

  it('MaDoiTuong, ThongTinKhac, ThongTinTra and Fax stay "" (no portal account id; no number sent twice)', () => {
    for (const k of ['MaDoiTuong', 'ThongTinKhac', 'ThongTinTra', 'Fax']) expect(d()[k], k).toBe('');
  });

  it('Email and SoDienThoai from the applicant, "" when not given', () => {
    expect(d().SoDienThoai).toBe('0912345678');
    expect(d().Email).toBe('');
    expect(d([buildReceived({ applicant: { name: 'A', idType: 'cccd', email: 'a@x.vn' } })]).Email).toBe('a@x.vn');
    expect(d([buildReceived({ applicant: { name: 'A', idType: 'cccd' } })]).SoDienThoai).toBe('');
  });

  it('[CON3] TrangThaiHoSo is the national code (LIF1) of each status', () => {
    const cases: [DossierEvent[], string][] = [
      [[received], '2'],
      [[buildReceived({ outcome: 'refused', refusalReason: 'Không thuộc thẩm quyền', dueAt: null })], '3'],
      [life.slice(0, 2), '4'],
      [[received, buildEvent('supplementRequested', { missing: ['Bản sao CCCD'] }, { at: T0 + HOUR })], '5'],
      [[received, buildEvent('awaitingFinancial', {}, { at: T0 + HOUR })], '6'],
      [[received, buildEvent('withdrawn', { reason: 'Công dân xin rút' }, { at: T0 + HOUR })], '7'],
      [[received, buildEvent('stopped', { reason: 'Đề nghị dừng' }, { at: T0 + HOUR })], '8'],
      [life.slice(0, 3), '9'],
      [life, '10'],
    ];
    for (const [events, code] of cases) expect(d(events).TrangThaiHoSo).toBe(code);
  });

  it('NgayTra is when the result was returned; NgayKetThucXuLy when processing ended', () => {
    expect(d().NgayTra).toBe(portalDate(T0 + 2 * DAY));
    expect(d().NgayKetThucXuLy).toBe(portalDate(T0 + DAY));
    expect(d(life.slice(0, 3)).NgayTra).toBe('');
  });

  it("NgayHenTra is the date promised to the citizen: the apology's new date after a reschedule (APO2)", () => {
    const newDueAt = vnInstant(2026, 3, 10, 16, 0);
    const x = d([
      received,
      buildEvent('apologyIssued', { number: '01/XL', reason: 'Chờ xác minh', newDueAt, signer: 'Chủ tịch', channel: 'paper' }, { at: T0 + DAY }),
    ]);
    expect(x.NgayHenTra).toBe('20260310160000');
  });

  it('HinhThuc is "1" for the public postal service channel (LIF4 3), else "0"', () => {
    expect(d().HinhThuc).toBe('0');
    expect(d([buildReceived({ channel: 3 })]).HinhThuc).toBe('1');
    expect(d([buildReceived({ channel: 2 })]).HinhThuc).toBe('0');
  });

  it('DonViXuLy is the commune (agency) name', () => {
    expect(d().DonViXuLy).toBe('UBND xã Demo');
  });

  it('[CON4] GhiChu is short and on one line: the closing reason, else the note', () => {
    expect(d().GhiChu).toBe('Nộp bản sao');
    const long = `Dòng một\n${'rất dài '.repeat(200)}`;
    const g = String(d([buildReceived({ note: long })]).GhiChu);
    expect(g.length).toBe(NOTE_MAX_CHARS);
    expect(g).not.toContain('\n');
    expect(g.endsWith('…')).toBe(true);
    expect(d([received, buildEvent('stopped', { reason: 'Đề nghị dừng giải quyết' }, { at: T0 + HOUR })]).GhiChu).toBe('Đề nghị dừng giải quyết');
    expect(shortNote(undefined)).toBe('');
  });

  it('TaiLieuNop: each digitised paper with its paper code, SHA-256 id and signed link, not deleted', () => {
    const x = d(life, { papers: [{ paperCode: 'p1', sha256: SHA, name: 'giay-chung-sinh.pdf', url: 'https://x/api/v1/portal-files/t/giay-chung-sinh.pdf' }] });
    expect(x.TaiLieuNop).toEqual([
      {
        TenTepDinhKem: 'giay-chung-sinh.pdf',
        MaThanhPhanHoSo: 'p1',
        TepDinhKemId: SHA,
        DuongDanTaiTepTin: 'https://x/api/v1/portal-files/t/giay-chung-sinh.pdf',
        IsDeleted: 'False',
      },
    ]);
    expect(d().TaiLieuNop).toEqual([]);
  });

  it('DanhSachGiayToKetQua: each digitised result with its code, id and link', () => {
    const x = d(life, { results: [{ paperCode: 'KQ', sha256: SHA, name: 'trich-luc.pdf', url: 'https://x/f' }] });
    expect(x.DanhSachGiayToKetQua).toEqual([{ TenGiayTo: 'trich-luc.pdf', MaThanhPhanHoSo: 'KQ', GiayToId: SHA, DuongDanTepTinKetQua: 'https://x/f' }]);
  });

  it('DanhSachLePhi: the fee as a string amount when there is one', () => {
    expect(d().DanhSachLePhi).toEqual([]);
    expect(d([buildReceived({ feeVnd: 8000 })]).DanhSachLePhi).toEqual([
      { TenPhiLePhi: 'Lệ phí', MaPhiLePhi: '', HinhThucThu: '', Gia: '8000', LoaiPhiLePhi: '' },
    ]);
  });

  it('DanhSachHoSoBoSung: every supplement round with the return dates promised before and after it', () => {
    const newDue = vnInstant(2026, 3, 12, 9, 0);
    const events = [
      received,
      buildEvent('supplementRequested', { missing: ['Bản sao CCCD', 'Giấy chứng sinh'] }, { at: T0 + HOUR }),
      buildEvent(
        'supplementReceived',
        { dueAt: newDue, clockStartAt: T0 + 2 * DAY, calendarVersion: 'vn-2026.1' },
        { at: T0 + 2 * DAY, actorId: 'officer-minh' },
      ),
      buildEvent('supplementRequested', { missing: ['Tờ khai'] }, { at: T0 + 3 * DAY }),
    ];
    const rounds = supplementRounds(inputOf(events));
    expect(rounds).toHaveLength(2);
    expect(rounds[0]).toMatchObject({
      HoSoBoSungId: `${CODE}-BS01`,
      NguoiYeuCauBoSung: 'Trần Thị Lan',
      NoiDungBoSung: 'Bản sao CCCD; Giấy chứng sinh',
      NgayBoSung: portalDate(T0 + HOUR),
      NguoiTiepNhanBoSung: 'Lê Văn Minh',
      NgayTiepNhanBoSung: portalDate(T0 + 2 * DAY),
      TrangThaiBoSung: '1',
      NgayHenTraTruoc: '20260305090000',
      NgayHenTraMoi: '20260312090000',
    });
    expect(rounds[1]).toMatchObject({
      HoSoBoSungId: `${CODE}-BS02`,
      TrangThaiBoSung: '0',
      NgayHenTraTruoc: '20260312090000',
      NgayHenTraMoi: '',
      NgayTiepNhanBoSung: '',
    });
    expect(dossierProblems(portalDossier(inputOf(events), '1.001193'))).toEqual([]);
  });

  it('an incomplete intake is the first supplement round', () => {
    const events = [buildReceived({ outcome: 'incomplete', missing: ['Tờ khai'], dueAt: null, clockStartAt: null })];
    expect(supplementRounds(inputOf(events))).toMatchObject([
      { HoSoBoSungId: `${CODE}-BS01`, NoiDungBoSung: 'Tờ khai', TrangThaiBoSung: '0', NgayHenTraTruoc: '' },
    ]);
  });

  it('DanhSachTepDinhKemKhac is an empty list', () => {
    expect(d().DanhSachTepDinhKemKhac).toEqual([]);
  });
});

describe('DVCQG mapping: the steps (CapNhatTienDoHoSoMC)', () => {
  it('one step per lifecycle event, with who, when, where, what and the status after it', () => {
    const steps = portalSteps(inputOf(life)).map((s) => s.step);
    expect(steps.map((s) => s.TrangThai)).toEqual(['2', '4', '9', '10']);
    expect(steps[0]).toEqual({
      MaHoSo: CODE,
      NguoiXuLy: 'Trần Thị Lan',
      ChucDanh: '',
      ThoiDiemXuLy: '20260302090000',
      PhongBanXuLy: 'Bộ phận Một cửa',
      NoiDungXuLy: 'Tiếp nhận hồ sơ',
      TrangThai: '2',
      NgayBatDau: '20260302090000',
      NgayKetThucTheoQuyDinh: '20260305090000',
    });
    expect(steps[1]).toMatchObject({ PhongBanXuLy: 'Công chức Tư pháp - Hộ tịch', NoiDungXuLy: 'Chuyển xử lý: Công chức Tư pháp - Hộ tịch' });
    expect(steps[2]).toMatchObject({ NguoiXuLy: 'Lê Văn Minh', NoiDungXuLy: 'Đã có kết quả giải quyết' });
    for (const s of steps) expect(stepProblems(s)).toEqual([]);
  });

  it('ratings are not steps; conflicting events are left out; an unknown officer is named by id', () => {
    const late = buildEvent('resolved', {}, { at: T0 + 3 * DAY, actorId: 'officer-x' }); // after returned: a conflict
    const rated = buildEvent('rated', { level: 'satisfied' }, { at: T0 + 2 * DAY + HOUR, deviceId: 'kiosk-1', actorId: 'kiosk-1' });
    const steps = portalSteps(inputOf([...life, rated, late]));
    expect(steps.map((s) => s.id)).toEqual(life.map((e) => e.id));
    const unknown = portalSteps(inputOf([buildReceived({}, { actorId: 'officer-x' })]));
    expect(unknown[0]!.step.NguoiXuLy).toBe('officer-x');
  });

  it('an apology step says the new return date (dd/MM/yyyy) and promises it', () => {
    const newDueAt = vnInstant(2026, 3, 10, 16, 0);
    const steps = portalSteps(
      inputOf([received, buildEvent('apologyIssued', { number: '01', reason: 'x', newDueAt, signer: 'y', channel: 'sms' }, { at: T0 + DAY })]),
    );
    expect(steps[1]!.step).toMatchObject({
      NoiDungXuLy: 'Xin lỗi và hẹn lại ngày trả kết quả: 10/03/2026',
      NgayKetThucTheoQuyDinh: '20260310160000',
      TrangThai: '2',
    });
  });
});

describe('DVCQG mapping: prepare', () => {
  it('[CON5] a procedure without a portal code is reported, not sent', () => {
    const r = prepareDvcqg(inputOf(life, { portalCode: null }));
    expect(r).toMatchObject({ ok: false, errorCode: 'noPortalCode' });
    expect(r.ok ? '' : r.message).toContain('1.001193');
    expect(prepareDvcqg(inputOf(life, { portalCode: '  ' })).ok).toBe(false);
  });

  it('the hash follows the content, not the signing of the links', () => {
    const file = (url: string) => ({ paperCode: 'p1', sha256: SHA, name: 'a.pdf', url });
    const a = prepareDvcqg(inputOf(life, { papers: [file('https://x/1')] }));
    const b = prepareDvcqg(inputOf(life, { papers: [file('https://x/2')] }));
    const c = prepareDvcqg(inputOf(life.slice(0, 3), { papers: [file('https://x/1')] }));
    if (!a.ok || !b.ok || !c.ok) throw new Error('prepared');
    expect(a.value.hash).toBe(b.value.hash);
    expect(a.value.hash).not.toBe(c.value.hash);
    expect(a.value.steps).toHaveLength(4);
  });
});
