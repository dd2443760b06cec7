/**
 * DUE1: a demo catalog of real commune-level procedures (thủ tục hành chính cấp xã), so the counter
 * works out of the box and tests have realistic data.
 *
 * DEMO VALUES. Codes, names, processing times and fees are taken from public catalogs (the national
 * procedure database on dichvucong.gov.vn, provincial publication decisions, Luật Hộ tịch 2014,
 * NĐ 123/2015, NĐ 23/2015 on certification, TT 226/2016 and TT 281/2016 on fees) as far as they were
 * known; fees are set by each provincial People's Council and some codes changed with the 2025
 * reorganisation. Every commune MUST replace this with its province's published catalog
 * (quyết định công bố danh mục TTHC) delivered by the upstream server.
 *
 * Where the law gives a limit in calendar days (nuôi con nuôi, hòa giải đất đai, giấy phép xây
 * dựng), the demo states it in working days, which is what ProcessingTime supports.
 */
import type { Catalog, CutoffRule, PaperKind, ProcessingTime, Procedure, RequiredPaper } from './procedure';

const workingDays = (amount: number): ProcessingTime => ({ unit: 'workingDays', amount });
const SAME_DAY: ProcessingTime = { unit: 'sameDay' };
/** "Trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo" (DUE3). */
const AFTER_15: CutoffRule = { kind: 'at', time: '15:00' };
const AFTER_CLOSING: CutoffRule = { kind: 'closing' };
const AT_COUNTER = 'Bộ phận tiếp nhận và trả kết quả, Trung tâm Phục vụ hành chính công xã';

const paper = (id: string, name: string, kind: PaperKind, required = true): RequiredPaper => ({ id, name, kind, required });
const ID_PAPER = paper('giayToTuyThan', 'Giấy tờ tùy thân của người yêu cầu (xuất trình)', 'original');
const AUTHORISATION = paper('uyQuyen', 'Văn bản ủy quyền (khi nộp thay)', 'certifiedCopy', false);

type Spec = Omit<Procedure, 'cutoff' | 'supplementPolicy' | 'resultAt'> & Partial<Pick<Procedure, 'cutoff' | 'supplementPolicy' | 'resultAt'>>;
const procedure = (p: Spec): Procedure => ({
  // the demo codes are those of the national procedure database, which the national portal uses as MaTTHC
  portalCode: p.code,
  cutoff: p.processing.unit === 'sameDay' ? AFTER_15 : AFTER_CLOSING,
  supplementPolicy: 'restart',
  resultAt: AT_COUNTER,
  ...p,
});

const HT = 'HT',
  CT = 'CT',
  NCN = 'NCN',
  DD = 'DD',
  XD = 'XD',
  BTXH = 'BTXH',
  NCC = 'NCC',
  HKD = 'HKD';

export const DEMO_CATALOG: Catalog = {
  version: 'demo-2026.1',
  effectiveFrom: '2026-01-01',
  fields: [
    { code: HT, name: 'Hộ tịch' },
    { code: CT, name: 'Chứng thực' },
    { code: NCN, name: 'Nuôi con nuôi' },
    { code: DD, name: 'Đất đai' },
    { code: XD, name: 'Hoạt động xây dựng' },
    { code: BTXH, name: 'Bảo trợ xã hội' },
    { code: NCC, name: 'Người có công' },
    { code: HKD, name: 'Thành lập và hoạt động của hộ kinh doanh' },
  ],
  procedures: [
    // ---- Hộ tịch (Luật Hộ tịch 2014, NĐ 123/2015/NĐ-CP)
    procedure({
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      fieldCode: HT,
      processing: SAME_DAY,
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký khai sinh', 'original'),
        paper('chungSinh', 'Giấy chứng sinh hoặc giấy tờ thay thế', 'original'),
        ID_PAPER,
        AUTHORISATION,
      ],
    }),
    procedure({
      code: '1.000689',
      name: 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con',
      fieldCode: HT,
      processing: workingDays(3),
      feeVnd: 15_000,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký khai sinh và tờ khai nhận cha, mẹ, con', 'original'),
        paper('chungSinh', 'Giấy chứng sinh', 'original'),
        paper('chungCu', 'Chứng cứ chứng minh quan hệ cha, mẹ, con', 'certifiedCopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.000894',
      name: 'Đăng ký kết hôn',
      fieldCode: HT,
      processing: SAME_DAY,
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký kết hôn', 'original'),
        paper('xacNhanHonNhan', 'Giấy xác nhận tình trạng hôn nhân (khi đăng ký ở nơi khác nơi cư trú)', 'original', false),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.000656',
      name: 'Đăng ký khai tử',
      fieldCode: HT,
      processing: SAME_DAY,
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký khai tử', 'original'),
        paper('baoTu', 'Giấy báo tử hoặc giấy tờ thay thế', 'original'),
        ID_PAPER,
        AUTHORISATION,
      ],
    }),
    procedure({
      code: '1.001022',
      name: 'Đăng ký nhận cha, mẹ, con',
      fieldCode: HT,
      processing: workingDays(3),
      feeVnd: 15_000,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký nhận cha, mẹ, con', 'original'),
        paper('chungCu', 'Chứng cứ chứng minh quan hệ cha, mẹ, con', 'certifiedCopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.004859',
      name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
      fieldCode: HT,
      processing: workingDays(3),
      feeVnd: 15_000,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'original'),
        paper('canCu', 'Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung', 'certifiedCopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.004873',
      name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      fieldCode: HT,
      processing: workingDays(3),
      feeVnd: 15_000,
      papers: [
        paper('toKhai', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'original'),
        paper('lyHon', 'Bản án, quyết định ly hôn hoặc trích lục khai tử của vợ/chồng (nếu có)', 'certifiedCopy', false),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '2.000635',
      name: 'Cấp bản sao trích lục hộ tịch',
      fieldCode: HT,
      processing: SAME_DAY,
      feeVnd: 8_000,
      papers: [paper('toKhai', 'Tờ khai cấp bản sao trích lục hộ tịch', 'original'), ID_PAPER, AUTHORISATION],
    }),
    procedure({
      code: '1.004884',
      name: 'Đăng ký lại khai sinh',
      fieldCode: HT,
      processing: workingDays(5),
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký lại khai sinh', 'original'),
        paper('banSaoKhaiSinh', 'Bản sao Giấy khai sinh hoặc giấy tờ có thông tin khai sinh', 'photocopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.004746',
      name: 'Đăng ký lại kết hôn',
      fieldCode: HT,
      processing: workingDays(5),
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký lại kết hôn', 'original'),
        paper('banSaoKetHon', 'Bản sao Giấy chứng nhận kết hôn (nếu có)', 'photocopy', false),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.005461',
      name: 'Đăng ký lại khai tử',
      fieldCode: HT,
      processing: workingDays(5),
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký lại khai tử', 'original'),
        paper('banSaoKhaiTu', 'Bản sao Giấy chứng tử hoặc giấy tờ liên quan', 'photocopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.004837',
      name: 'Đăng ký giám hộ',
      fieldCode: HT,
      processing: workingDays(3),
      feeVnd: 0,
      papers: [paper('toKhai', 'Tờ khai đăng ký giám hộ', 'original'), paper('cuGiamHo', 'Văn bản cử người giám hộ', 'original'), ID_PAPER],
    }),
    procedure({
      code: '1.004845',
      name: 'Đăng ký chấm dứt giám hộ',
      fieldCode: HT,
      processing: workingDays(2),
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đăng ký chấm dứt giám hộ', 'original'),
        paper('canCu', 'Giấy tờ làm căn cứ chấm dứt giám hộ', 'certifiedCopy'),
        ID_PAPER,
      ],
    }),
    // ---- Chứng thực (NĐ 23/2015/NĐ-CP; fees TT 226/2016/TT-BTC)
    procedure({
      code: '2.000815',
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
      fieldCode: CT,
      processing: SAME_DAY,
      feeVnd: 2_000, // per page: 2.000 đ for pages 1–2, 1.000 đ from page 3, at most 200.000 đ per copy
      papers: [paper('banChinh', 'Bản chính giấy tờ, văn bản', 'original'), paper('banSao', 'Bản sao cần chứng thực', 'photocopy')],
    }),
    procedure({
      code: '2.000884',
      name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không ký, không điểm chỉ được)',
      fieldCode: CT,
      processing: SAME_DAY,
      feeVnd: 10_000,
      papers: [paper('vanBan', 'Giấy tờ, văn bản sẽ ký', 'original'), ID_PAPER],
    }),
    procedure({
      code: '2.001008',
      name: 'Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật',
      fieldCode: CT,
      processing: SAME_DAY,
      feeVnd: 10_000,
      papers: [
        paper('banDich', 'Bản dịch và giấy tờ cần dịch', 'original'),
        paper('bangCap', 'Bằng cử nhân ngoại ngữ trở lên hoặc bằng tốt nghiệp đại học ở nước ngoài', 'certifiedCopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '2.001035',
      name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
      fieldCode: CT,
      processing: workingDays(2),
      feeVnd: 50_000,
      papers: [
        paper('duThao', 'Dự thảo hợp đồng, giao dịch', 'original'),
        paper('giayToTaiSan', 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở hoặc giấy tờ về tài sản', 'photocopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '2.001019',
      name: 'Chứng thực di chúc',
      fieldCode: CT,
      processing: workingDays(2),
      feeVnd: 50_000,
      papers: [
        paper('diChuc', 'Dự thảo di chúc', 'original'),
        paper('giayToTaiSan', 'Giấy tờ về tài sản (nếu di chúc định đoạt tài sản phải đăng ký)', 'photocopy', false),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '2.000942',
      name: 'Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực',
      fieldCode: CT,
      processing: workingDays(2),
      feeVnd: 2_000,
      papers: [paper('deNghi', 'Văn bản đề nghị cấp bản sao', 'original'), ID_PAPER],
    }),
    // ---- Nuôi con nuôi (Luật Nuôi con nuôi 2010: 30 days; fee NĐ 114/2016/NĐ-CP)
    procedure({
      code: '2.001263',
      name: 'Đăng ký nuôi con nuôi trong nước',
      fieldCode: NCN,
      processing: workingDays(20),
      feeVnd: 400_000,
      papers: [
        paper('donNhan', 'Đơn xin nhận con nuôi', 'original'),
        paper('giayKhaiSinhTre', 'Giấy khai sinh của trẻ em được nhận làm con nuôi', 'certifiedCopy'),
        paper('giayKhamSucKhoe', 'Giấy khám sức khỏe của người nhận con nuôi và của trẻ em', 'original'),
        paper('phieuLyLich', 'Phiếu lý lịch tư pháp của người nhận con nuôi', 'original'),
        ID_PAPER,
      ],
    }),
    // ---- Đất đai (Luật Đất đai 2024, Điều 235: within 30 days)
    procedure({
      code: '1.012812',
      name: 'Hòa giải tranh chấp đất đai',
      fieldCode: DD,
      processing: workingDays(20),
      feeVnd: 0,
      supplementPolicy: 'pause',
      papers: [
        paper('donYeuCau', 'Đơn yêu cầu hòa giải tranh chấp đất đai', 'original'),
        paper('giayToDat', 'Giấy tờ liên quan đến thửa đất tranh chấp', 'photocopy', false),
        ID_PAPER,
      ],
    }),
    // ---- Hoạt động xây dựng (Luật Xây dựng: 15 days for a detached house)
    procedure({
      code: '1.013225',
      name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
      fieldCode: XD,
      processing: workingDays(15),
      feeVnd: 75_000,
      supplementPolicy: 'pause',
      papers: [
        paper('donDeNghi', 'Đơn đề nghị cấp giấy phép xây dựng', 'original'),
        paper('giayToDat', 'Giấy tờ hợp pháp về quyền sử dụng đất', 'certifiedCopy'),
        paper('banVe', 'Hai bộ bản vẽ thiết kế xây dựng', 'original'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.013227',
      name: 'Gia hạn giấy phép xây dựng',
      fieldCode: XD,
      processing: workingDays(5),
      feeVnd: 15_000,
      papers: [
        paper('donDeNghi', 'Đơn đề nghị gia hạn giấy phép xây dựng', 'original'),
        paper('giayPhep', 'Bản chính giấy phép xây dựng đã được cấp', 'original'),
      ],
    }),
    // ---- Bảo trợ xã hội (NĐ 20/2021/NĐ-CP; NĐ 28/2012/NĐ-CP on disability)
    procedure({
      code: '1.001776',
      name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng',
      fieldCode: BTXH,
      processing: workingDays(15),
      feeVnd: 0,
      resultAt: 'Trả tại Trung tâm Phục vụ hành chính công xã hoặc qua bưu chính công ích',
      papers: [
        paper('toKhai', 'Tờ khai đề nghị trợ giúp xã hội', 'original'),
        paper('giayToLienQuan', 'Giấy xác nhận khuyết tật hoặc giấy tờ chứng minh đối tượng', 'photocopy', false),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.001731',
      name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
      fieldCode: BTXH,
      processing: workingDays(3),
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đề nghị hỗ trợ chi phí mai táng', 'original'),
        paper('khaiTu', 'Giấy chứng tử hoặc trích lục khai tử', 'certifiedCopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.001699',
      name: 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật',
      fieldCode: BTXH,
      processing: workingDays(25),
      feeVnd: 0,
      supplementPolicy: 'pause',
      papers: [
        paper('donDeNghi', 'Đơn đề nghị xác định mức độ khuyết tật', 'original'),
        paper('hoSoYTe', 'Giấy tờ liên quan đến khuyết tật (bệnh án, giấy ra viện, kết luận của hội đồng giám định y khoa)', 'photocopy', false),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.001653',
      name: 'Đổi, cấp lại Giấy xác nhận khuyết tật',
      fieldCode: BTXH,
      processing: workingDays(5),
      feeVnd: 0,
      papers: [paper('donDeNghi', 'Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật', 'original'), ID_PAPER],
    }),
    // ---- Người có công (NĐ 131/2021/NĐ-CP)
    procedure({
      code: '1.010833',
      name: 'Cấp giấy xác nhận thân nhân của người có công',
      fieldCode: NCC,
      processing: workingDays(5),
      feeVnd: 0,
      papers: [
        paper('donDeNghi', 'Đơn đề nghị cấp giấy xác nhận thân nhân của người có công', 'original'),
        paper('giayToNguoiCoCong', 'Giấy tờ chứng minh người có công và quan hệ thân nhân', 'certifiedCopy'),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '1.010803',
      name: 'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ',
      fieldCode: NCC,
      processing: workingDays(12),
      feeVnd: 0,
      papers: [
        paper('toKhai', 'Tờ khai đề nghị trợ cấp thờ cúng liệt sĩ', 'original'),
        paper('uyQuyenThoCung', 'Biên bản ủy quyền thờ cúng liệt sĩ (nếu có)', 'original', false),
        ID_PAPER,
      ],
    }),
    // ---- Hộ kinh doanh (NĐ 168/2025/NĐ-CP on business registration; fee set by the province)
    procedure({
      code: '1.001612',
      name: 'Đăng ký thành lập hộ kinh doanh',
      fieldCode: HKD,
      processing: workingDays(3),
      feeVnd: 100_000,
      papers: [
        paper('giayDeNghi', 'Giấy đề nghị đăng ký hộ kinh doanh', 'original'),
        paper('bienBanHop', 'Biên bản họp thành viên hộ gia đình (khi các thành viên cùng đăng ký)', 'original', false),
        ID_PAPER,
      ],
    }),
    procedure({
      code: '2.000720',
      name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
      fieldCode: HKD,
      processing: workingDays(3),
      feeVnd: 50_000,
      papers: [paper('thongBao', 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh', 'original'), ID_PAPER],
    }),
    procedure({
      code: '1.001570',
      name: 'Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh',
      fieldCode: HKD,
      processing: workingDays(3),
      feeVnd: 0,
      papers: [paper('thongBao', 'Thông báo về việc tạm ngừng hoặc tiếp tục kinh doanh', 'original'), ID_PAPER],
    }),
    procedure({
      code: '1.001266',
      name: 'Chấm dứt hoạt động hộ kinh doanh',
      fieldCode: HKD,
      processing: workingDays(3),
      feeVnd: 0,
      papers: [
        paper('thongBao', 'Thông báo về việc chấm dứt hoạt động hộ kinh doanh', 'original'),
        paper('giayChungNhan', 'Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh', 'original'),
        ID_PAPER,
      ],
    }),
  ],
};
