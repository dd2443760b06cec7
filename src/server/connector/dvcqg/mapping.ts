/**
 * Our folded dossier in the national portal's format (Cổng DVC quốc gia, as its integration is
 * used by OpenCPS): a `DongBoHoSoMC` dossier and its `CapNhatTienDoHoSoMC` processing steps.
 * Pure. Every scalar is a string; dates are `yyyyMMddHHmmss` in Vietnam time, "" when empty;
 * the status is the national code (LIF1).
 */
import { compareEvents, foldDossier } from '../../../domain/dossier/fold';
import type { DossierEvent, EventType } from '../../../domain/dossier/events';
import { NATIONAL_STATUS_CODE, type DossierState } from '../../../domain/dossier/state';
import { formatVnDate, vnParts, type Instant } from '../../../domain/time/vnTime';
import type { MappingInput, PrepareResult, Step } from '../port';
import { createHash } from 'node:crypto';

/** Long notes broke the portal's sync (OpenCPS dropped GhiChu for it): keep notes to this many characters. */
export const NOTE_MAX_CHARS = 200;
/** The agency's own desk, for steps taken at the counter. */
export const COUNTER_UNIT = 'Bộ phận Một cửa';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `yyyyMMddHHmmss`, Vietnam time; "" when there is no date. */
export function portalDate(at: Instant | null | undefined): string {
  if (at === null || at === undefined) return '';
  const p = vnParts(at);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** Short and on one line: the portal's notes are not a place for long text. */
export function shortNote(text: string | null | undefined, max = NOTE_MAX_CHARS): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export const portalStatus = (s: DossierState['status']): string => String(NATIONAL_STATUS_CODE[s]);

export type PortalDossier = Record<string, string | readonly Record<string, unknown>[]>;
export type PortalStep = Readonly<Record<string, string>>;

/** The events that shaped the state, in fold order (conflicts left out: they changed nothing). */
function foldedEvents(input: MappingInput): DossierEvent[] {
  const conflicting = new Set(input.state.conflicts.map((c) => c.eventId));
  const seen = new Set<string>();
  return [...input.events].sort(compareEvents).filter((e) => {
    if (conflicting.has(e.id) || seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
}

const STEP_TEXT: Record<Exclude<EventType, 'rated' | 'papersDigitised' | 'resultDigitised'>, string> = {
  registered: 'Đăng ký hồ sơ trực tuyến, qua bưu chính',
  received: 'Tiếp nhận hồ sơ',
  transferred: 'Chuyển xử lý',
  supplementRequested: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  supplementReceived: 'Nhận hồ sơ bổ sung',
  awaitingFinancial: 'Chờ thực hiện nghĩa vụ tài chính',
  resolved: 'Đã có kết quả giải quyết',
  resultReturned: 'Đã trả kết quả',
  withdrawn: 'Công dân rút hồ sơ',
  stopped: 'Dừng giải quyết hồ sơ',
  apologyIssued: 'Xin lỗi và hẹn lại ngày trả kết quả',
};

const INTAKE_TEXT = { accepted: STEP_TEXT.received, incomplete: 'Tiếp nhận, yêu cầu bổ sung hồ sơ', refused: 'Từ chối tiếp nhận hồ sơ' } as const;

function stepText(e: DossierEvent): string {
  switch (e.type) {
    case 'received':
      return INTAKE_TEXT[e.payload.outcome];
    case 'transferred':
      return `${STEP_TEXT.transferred}: ${shortNote(e.payload.toUnit, 100)}`;
    case 'apologyIssued':
      return `${STEP_TEXT.apologyIssued}: ${formatVnDate(e.payload.newDueAt)}`;
    case 'rated':
    case 'papersDigitised':
    case 'resultDigitised':
      return '';
    default:
      return STEP_TEXT[e.type];
  }
}

/** One step per lifecycle event (ratings are not processing), with the status and promised date after it. */
export function portalSteps(input: MappingInput): { id: string; step: PortalStep }[] {
  const events = foldedEvents(input);
  const steps: { id: string; step: PortalStep }[] = [];
  events.forEach((e, i) => {
    if (e.type === 'rated' || e.type === 'papersDigitised' || e.type === 'resultDigitised') return;
    const after = foldDossier(events.slice(0, i + 1));
    if (!after) return;
    steps.push({
      id: e.id,
      step: {
        MaHoSo: input.state.code,
        NguoiXuLy: input.actorNames.get(e.actorId) ?? e.actorId,
        ChucDanh: '',
        ThoiDiemXuLy: portalDate(e.at),
        PhongBanXuLy: e.type === 'transferred' ? shortNote(e.payload.toUnit, 100) : COUNTER_UNIT,
        NoiDungXuLy: stepText(e),
        TrangThai: portalStatus(after.status),
        NgayBatDau: portalDate(e.at),
        NgayKetThucTheoQuyDinh: portalDate(after.effectiveDueAt),
      },
    });
  });
  return steps;
}

/** Supplement rounds with the return date promised before and after each (DanhSachHoSoBoSung). */
export function supplementRounds(input: MappingInput): Record<string, unknown>[] {
  const events = foldedEvents(input);
  const rounds: Record<string, unknown>[] = [];
  let promised: Instant | null = null;
  const open: { n: number; requested: DossierEvent; missing: readonly string[]; promisedBefore: Instant | null }[] = [];
  events.forEach((e, i) => {
    const after = foldDossier(events.slice(0, i + 1));
    const isRequest = e.type === 'supplementRequested' || (e.type === 'received' && e.payload.outcome === 'incomplete');
    if (isRequest) {
      const missing = e.type === 'supplementRequested' ? e.payload.missing : e.type === 'received' ? (e.payload.missing ?? []) : [];
      open.push({ n: open.length + rounds.length + 1, requested: e, missing, promisedBefore: promised });
    } else if (e.type === 'supplementReceived') {
      const round = open.shift();
      if (round) rounds.push(roundOf(input, round, e, after?.effectiveDueAt ?? null));
    }
    promised = after?.effectiveDueAt ?? promised;
  });
  for (const round of open) rounds.push(roundOf(input, round, null, null));
  return rounds.sort((a, b) => String(a.HoSoBoSungId).localeCompare(String(b.HoSoBoSungId)));
}

function roundOf(
  input: MappingInput,
  r: { n: number; requested: DossierEvent; missing: readonly string[]; promisedBefore: Instant | null },
  received: DossierEvent | null,
  promisedAfter: Instant | null,
): Record<string, unknown> {
  return {
    HoSoBoSungId: `${input.state.code}-BS${pad(r.n)}`,
    NguoiYeuCauBoSung: input.actorNames.get(r.requested.actorId) ?? r.requested.actorId,
    NoiDungBoSung: shortNote(r.missing.join('; ')),
    NgayBoSung: portalDate(r.requested.at),
    NguoiTiepNhanBoSung: received ? (input.actorNames.get(received.actorId) ?? received.actorId) : '',
    ThongTinTiepNhan: '',
    NgayTiepNhanBoSung: portalDate(received?.at),
    TrangThaiBoSung: received ? '1' : '0',
    DanhSachGiayToBoSung: [],
    DanhSachLePhiBoSung: [],
    NgayHenTraTruoc: portalDate(r.promisedBefore),
    NgayHenTraMoi: portalDate(promisedAfter),
  };
}

/** The `DongBoHoSoMC` dossier; null fields of ours become "". */
export function portalDossier(input: MappingInput, portalCode: string): PortalDossier {
  const s = input.state;
  const a = s.applicant;
  const organisation = a.organisation?.trim();
  return {
    MaHoSo: s.code,
    MaTTHC: portalCode,
    TenTTHC: s.procedureName,
    MaLinhVuc: s.fieldCode,
    TenLinhVuc: input.fieldName ?? '',
    ChuHoSo: organisation || a.name,
    LoaiDoiTuong: organisation ? '2' : '1',
    // The portal's own citizen account id, which we do not have (OpenCPS sends "" too).
    MaDoiTuong: '',
    ThongTinKhac: '',
    Email: a.email ?? '',
    // OpenCPS fills Fax with the phone number; we send no number twice.
    Fax: '',
    SoDienThoai: a.phone ?? '',
    TrichYeuHoSo: s.procedureName,
    NgayTiepNhan: portalDate(s.receivedAt),
    NgayHenTra: portalDate(s.effectiveDueAt),
    TrangThaiHoSo: portalStatus(s.status),
    NgayTra: portalDate(s.returnedAt),
    ThongTinTra: '',
    // LIF4 channel 3 (public postal service): the result goes back by post too.
    HinhThuc: s.channel === 3 ? '1' : '0',
    NgayKetThucXuLy: portalDate(s.endedAt),
    DonViXuLy: input.agencyName,
    GhiChu: shortNote(s.closingReason ?? s.note),
    TaiLieuNop: input.papers.map((f) => ({
      TenTepDinhKem: f.name,
      MaThanhPhanHoSo: f.paperCode,
      TepDinhKemId: f.sha256,
      DuongDanTaiTepTin: f.url,
      IsDeleted: 'False',
    })),
    DanhSachGiayToKetQua: input.results.map((f) => ({
      TenGiayTo: f.name,
      MaThanhPhanHoSo: f.paperCode,
      GiayToId: f.sha256,
      DuongDanTepTinKetQua: f.url,
    })),
    DanhSachLePhi: s.feeVnd > 0 ? [{ TenPhiLePhi: 'Lệ phí', MaPhiLePhi: '', HinhThucThu: '', Gia: String(s.feeVnd), LoaiPhiLePhi: '' }] : [],
    DanhSachHoSoBoSung: supplementRounds(input),
    DanhSachTepDinhKemKhac: [],
  };
}

/**
 * The dossier ready to send, or why not. The hash leaves out the signed links (they change with
 * every signing) but keeps the files' identities, so an unchanged dossier is not sent again.
 */
export function prepareDvcqg(input: MappingInput): PrepareResult {
  const code = input.portalCode?.trim();
  if (!code) {
    return { ok: false, errorCode: 'noPortalCode', message: `Thủ tục ${input.state.procedureCode} chưa có mã TTHC của Cổng DVC quốc gia trong danh mục` };
  }
  const dossier = portalDossier(input, code);
  const forHash = {
    ...dossier,
    TaiLieuNop: input.papers.map((f) => [f.paperCode, f.sha256, f.name]),
    DanhSachGiayToKetQua: input.results.map((f) => [f.paperCode, f.sha256, f.name]),
  };
  const hash = createHash('sha256').update(JSON.stringify(forHash)).digest('hex');
  const steps: Step[] = portalSteps(input).map(({ id, step }) => ({ id, payload: step }));
  return { ok: true, value: { code: input.state.code, hash, dossier, steps } };
}
