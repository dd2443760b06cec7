/**
 * A fake national portal (Cổng DVC quốc gia) written from the integration's specification (issue
 * 11): a real HTTP server on loopback. It issues and expires sessions, checks the shape of every
 * call (a wrong shape is refused and recorded as a violation), keeps the dossiers and steps it
 * accepted, and fails on demand: down (503), hanging (no answer), malformed answers, refusals.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';

export type FakePortalMode = 'ok' | 'down' | 'hang' | 'malformed';

export type PortalCall = { readonly service: string; readonly at: number; readonly body: Record<string, unknown>; readonly errorCode: string };

const DOSSIER_KEYS = [
  'MaHoSo',
  'MaTTHC',
  'TenTTHC',
  'MaLinhVuc',
  'TenLinhVuc',
  'ChuHoSo',
  'LoaiDoiTuong',
  'MaDoiTuong',
  'ThongTinKhac',
  'Email',
  'Fax',
  'SoDienThoai',
  'TrichYeuHoSo',
  'NgayTiepNhan',
  'NgayHenTra',
  'TrangThaiHoSo',
  'NgayTra',
  'ThongTinTra',
  'HinhThuc',
  'NgayKetThucXuLy',
  'DonViXuLy',
  'GhiChu',
  'TaiLieuNop',
  'DanhSachGiayToKetQua',
  'DanhSachLePhi',
  'DanhSachHoSoBoSung',
  'DanhSachTepDinhKemKhac',
];
const DATE_KEYS = ['NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'NgayKetThucXuLy'];
const FILE_KEYS = ['TenTepDinhKem', 'MaThanhPhanHoSo', 'TepDinhKemId', 'DuongDanTaiTepTin', 'IsDeleted'];
const RESULT_KEYS = ['TenGiayTo', 'MaThanhPhanHoSo', 'GiayToId', 'DuongDanTepTinKetQua'];
const STEP_KEYS = ['MaHoSo', 'NguoiXuLy', 'ChucDanh', 'ThoiDiemXuLy', 'PhongBanXuLy', 'NoiDungXuLy', 'TrangThai', 'NgayBatDau', 'NgayKetThucTheoQuyDinh'];
const SUPPLEMENT_KEYS = [
  'HoSoBoSungId',
  'NguoiYeuCauBoSung',
  'NoiDungBoSung',
  'NgayBoSung',
  'NguoiTiepNhanBoSung',
  'ThongTinTiepNhan',
  'NgayTiepNhanBoSung',
  'TrangThaiBoSung',
  'DanhSachGiayToBoSung',
  'DanhSachLePhiBoSung',
  'NgayHenTraTruoc',
  'NgayHenTraMoi',
];
/** Long notes broke the real portal's sync. */
export const FAKE_PORTAL_NOTE_MAX = 500;

const isDate = (v: unknown) => typeof v === 'string' && (v === '' || /^\d{14}$/.test(v));

function sameKeys(o: unknown, keys: readonly string[], where: string, problems: string[]): o is Record<string, unknown> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    problems.push(`${where}: not an object`);
    return false;
  }
  const got = Object.keys(o).sort();
  const want = [...keys].sort();
  if (got.join() !== want.join()) problems.push(`${where}: keys ${got.join(',')} instead of ${want.join(',')}`);
  return true;
}

function scalarsAreStrings(o: Record<string, unknown>, where: string, problems: string[]) {
  for (const [k, v] of Object.entries(o)) if (!Array.isArray(v) && typeof v !== 'string') problems.push(`${where}.${k}: ${typeof v}, not a string`);
}

/** Problems in a DongBoHoSoMC dossier, per the specification. */
export function dossierProblems(d: unknown, where = 'dossier'): string[] {
  const p: string[] = [];
  if (!sameKeys(d, DOSSIER_KEYS, where, p)) return p;
  scalarsAreStrings(d, where, p);
  for (const k of DATE_KEYS) if (!isDate(d[k])) p.push(`${where}.${k}: not yyyyMMddHHmmss`);
  if (!/^(10|[1-9])$/.test(String(d.TrangThaiHoSo))) p.push(`${where}.TrangThaiHoSo: not a national status code`);
  if (!['1', '2'].includes(String(d.LoaiDoiTuong))) p.push(`${where}.LoaiDoiTuong`);
  if (!['0', '1'].includes(String(d.HinhThuc))) p.push(`${where}.HinhThuc`);
  if (!d.MaHoSo || !d.MaTTHC) p.push(`${where}: MaHoSo and MaTTHC are required`);
  if (String(d.GhiChu).length > FAKE_PORTAL_NOTE_MAX) p.push(`${where}.GhiChu: too long`);
  const list = (k: string, keys: readonly string[], extra?: (x: Record<string, unknown>, w: string) => void) => {
    if (!Array.isArray(d[k])) return p.push(`${where}.${k}: not an array`);
    (d[k] as unknown[]).forEach((x, i) => {
      const w = `${where}.${k}[${i}]`;
      if (sameKeys(x, keys, w, p)) {
        scalarsAreStrings(x, w, p);
        extra?.(x, w);
      }
    });
  };
  list('TaiLieuNop', FILE_KEYS);
  list('DanhSachGiayToKetQua', RESULT_KEYS);
  list('DanhSachHoSoBoSung', SUPPLEMENT_KEYS, (x, w) => {
    for (const k of ['NgayBoSung', 'NgayTiepNhanBoSung', 'NgayHenTraTruoc', 'NgayHenTraMoi']) if (!isDate(x[k])) p.push(`${w}.${k}: not yyyyMMddHHmmss`);
  });
  if (!Array.isArray(d.DanhSachLePhi)) p.push(`${where}.DanhSachLePhi: not an array`);
  if (!Array.isArray(d.DanhSachTepDinhKemKhac)) p.push(`${where}.DanhSachTepDinhKemKhac: not an array`);
  return p;
}

export function stepProblems(s: unknown, where = 'step'): string[] {
  const p: string[] = [];
  if (!sameKeys(s, STEP_KEYS, where, p)) return p;
  scalarsAreStrings(s, where, p);
  for (const k of ['ThoiDiemXuLy', 'NgayBatDau', 'NgayKetThucTheoQuyDinh']) if (!isDate(s[k])) p.push(`${where}.${k}: not yyyyMMddHHmmss`);
  if (!/^(10|[1-9])$/.test(String(s.TrangThai))) p.push(`${where}.TrangThai: not a national status code`);
  return p;
}

export type FakePortal = {
  readonly url: string;
  readonly endpoint: string;
  readonly authEndpoint: string;
  readonly username: string;
  readonly password: string;
  readonly madonvi: string;
  mode: FakePortalMode;
  /** A reason to refuse a dossier (by MaHoSo), or null to accept it. */
  refuse: (code: string) => string | null;
  /** Fetch each TaiLieuNop / DanhSachGiayToKetQua link and check its SHA-256, as the portal does. */
  fetchFiles: boolean;
  /** Milliseconds each business call takes (to overlap concurrent calls). */
  delayMs: number;
  readonly calls: PortalCall[];
  /** Every version of each dossier the portal accepted, in order. */
  readonly dossiers: Map<string, Record<string, unknown>[]>;
  readonly steps: Map<string, Record<string, string>[]>;
  /** MaHoSo in the order the portal first stored them. */
  readonly arrivals: string[];
  /** Shape errors and protocol misuse (should stay empty). */
  readonly violations: string[];
  readonly fileChecks: { url: string; ok: boolean; status: number }[];
  auths: number;
  /** Sessions end now (the next call is told so). */
  expireSessions(): void;
  stop(): Promise<void>;
};

export async function startFakePortal(o: { sessionTtlMs?: number; clock?: () => number; madonvi?: string } = {}): Promise<FakePortal> {
  const clock = o.clock ?? Date.now;
  const ttl = o.sessionTtlMs ?? 600_000;
  const sessions = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const hanging = new Set<ServerResponse>();

  const answer = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  async function checkFiles(d: Record<string, unknown>) {
    const links = [
      ...(d.TaiLieuNop as Record<string, string>[]).map((f) => ({ url: f.DuongDanTaiTepTin!, sha: f.TepDinhKemId! })),
      ...(d.DanhSachGiayToKetQua as Record<string, string>[]).map((f) => ({ url: f.DuongDanTepTinKetQua!, sha: f.GiayToId! })),
    ];
    for (const l of links) {
      try {
        const r = await fetch(l.url);
        const bytes = Buffer.from(await r.arrayBuffer());
        const ok = r.ok && createHash('sha256').update(bytes).digest('hex') === l.sha;
        portal.fileChecks.push({ url: l.url, ok, status: r.status });
      } catch {
        portal.fileChecks.push({ url: l.url, ok: false, status: 0 });
      }
    }
  }

  async function business(body: Record<string, unknown>): Promise<{ error_code: string | number; message?: string; result?: unknown }> {
    const service = String(body.service);
    if (body.madonvi !== portal.madonvi) return { error_code: '2', message: 'Mã đơn vị không đúng' };
    if (service === 'TraCuuHoSo') {
      const v = portal.dossiers.get(String(body.mahoso));
      return { error_code: 0, result: v ? [v.at(-1)] : [] };
    }
    if (service === 'DongBoHoSoMC') {
      if (body.isUpdating !== 'True' && body.isUpdating !== 'False') {
        portal.violations.push(`isUpdating ${String(body.isUpdating)}`);
        return { error_code: '99', message: 'isUpdating không hợp lệ' };
      }
      if (!Array.isArray(body.data) || body.data.length === 0) return { error_code: '99', message: 'data rỗng' };
      const problems = (body.data as unknown[]).flatMap((d, i) => dossierProblems(d, `data[${i}]`));
      if (problems.length > 0) {
        portal.violations.push(...problems);
        return { error_code: '99', message: `Dữ liệu không hợp lệ: ${problems[0]}` };
      }
      const data = body.data as Record<string, unknown>[];
      for (const d of data) {
        const code = String(d.MaHoSo);
        const why = portal.refuse(code);
        if (why) return { error_code: '10', message: why };
        if (body.isUpdating === 'False' && portal.dossiers.has(code)) return { error_code: '11', message: `Hồ sơ ${code} đã tồn tại` };
        if (body.isUpdating === 'True' && !portal.dossiers.has(code)) return { error_code: '12', message: `Không tìm thấy hồ sơ ${code}` };
      }
      const codes = data.map((d) => String(d.MaHoSo));
      for (const c of codes) {
        if ((inFlight.get(c) ?? 0) > 0) portal.violations.push(`dossier ${c} sent twice at the same time`);
        inFlight.set(c, (inFlight.get(c) ?? 0) + 1);
      }
      try {
        if (portal.delayMs > 0) await new Promise((r) => setTimeout(r, portal.delayMs));
        if (portal.fetchFiles) for (const d of data) await checkFiles(d);
        for (const d of data) {
          const code = String(d.MaHoSo);
          if (!portal.dossiers.has(code)) {
            portal.arrivals.push(code);
            portal.dossiers.set(code, []);
          }
          portal.dossiers.get(code)!.push(d);
        }
      } finally {
        for (const c of codes) inFlight.set(c, (inFlight.get(c) ?? 1) - 1);
      }
      return { error_code: 0, message: 'Thành công' };
    }
    if (service === 'CapNhatTienDoHoSoMC') {
      if (!Array.isArray(body.data) || body.data.length === 0) return { error_code: '99', message: 'data rỗng' };
      const problems = (body.data as unknown[]).flatMap((s, i) => stepProblems(s, `data[${i}]`));
      if (problems.length > 0) {
        portal.violations.push(...problems);
        return { error_code: '99', message: `Dữ liệu không hợp lệ: ${problems[0]}` };
      }
      for (const s of body.data as Record<string, string>[]) {
        if (!portal.dossiers.has(s.MaHoSo!)) {
          portal.violations.push(`step before dossier ${s.MaHoSo}`);
          return { error_code: '12', message: `Không tìm thấy hồ sơ ${s.MaHoSo}` };
        }
      }
      for (const s of body.data as Record<string, string>[]) portal.steps.set(s.MaHoSo!, [...(portal.steps.get(s.MaHoSo!) ?? []), s]);
      return { error_code: '00', message: 'Thành công' };
    }
    return { error_code: '404', message: `Không có dịch vụ ${service}` };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const text = await readBody(req);
    // for a portal in another process (the bench): what it received
    if (req.url === '/_stats') return answer(res, { arrivals: portal.arrivals.length, violations: portal.violations.slice(0, 5), calls: portal.calls.length });
    if (portal.mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (portal.mode === 'down') return answer(res, { message: 'Service Unavailable' }, 503);
    if (portal.mode === 'malformed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html><body>Gateway</body></html>');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      portal.violations.push('a call that is not JSON');
      return answer(res, { error_code: '98', message: 'JSON không hợp lệ' });
    }
    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) portal.violations.push('not a JSON POST');
    if (req.url === '/auth') {
      if (body.username !== portal.username || body.password !== portal.password)
        return answer(res, { error_code: '1', message: 'Sai tên đăng nhập hoặc mật khẩu' });
      const session = randomBytes(16).toString('hex');
      sessions.set(session, clock() + ttl);
      portal.auths += 1;
      return answer(res, { error_code: 0, session });
    }
    if (req.url !== '/api') return answer(res, { message: 'not found' }, 404);
    const expires = sessions.get(String(body.session));
    if (expires === undefined || clock() >= expires) {
      const r = { error_code: '-1', message: 'Session không hợp lệ hoặc đã hết hạn' };
      portal.calls.push({ service: String(body.service), at: clock(), body, errorCode: r.error_code });
      return answer(res, r);
    }
    const r = await business(body);
    portal.calls.push({ service: String(body.service), at: clock(), body, errorCode: String(r.error_code) });
    return answer(res, r);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, { message: 'internal' }, 500));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const portal: FakePortal = {
    url,
    endpoint: `${url}/api`,
    authEndpoint: `${url}/auth`,
    username: 'motcua-xa-demo',
    password: `pw-${randomBytes(8).toString('hex')}`,
    madonvi: o.madonvi ?? '000.00.06.H56',
    mode: 'ok',
    refuse: () => null,
    fetchFiles: false,
    delayMs: 0,
    calls: [],
    dossiers: new Map(),
    steps: new Map(),
    arrivals: [],
    violations: [],
    fileChecks: [],
    auths: 0,
    expireSessions: () => sessions.clear(),
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return portal;
}
