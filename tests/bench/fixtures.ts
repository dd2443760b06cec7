/** Realistic synthetic dossiers for benchmarks: Vietnamese names, the demo catalog, a year of intake. */
import { DEMO_CATALOG } from '../../src/domain/catalog/demoCatalog';
import type { DossierEvent, EventPayloads } from '../../src/domain/dossier/events';
import type { DeviceProfile } from '../../src/protocol';
import { formatDossierCode } from '../../src/domain/dossier/codes';
import { vnDate, vnInstant } from '../../src/domain/time/vnTime';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đào',
  'Giang',
  'Hà',
  'Hải',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vân',
  'Yến',
];

/** The counter tablet the browser benches record on (slot 7 of the demo commune). */
export const BENCH_DEVICE: DeviceProfile = {
  deviceId: 'bench-tablet',
  token: 'x',
  role: 'counter',
  communeId: 'xa-demo',
  communeName: 'Xã Demo',
  agencyCode: '000.00.06.H56',
  codeSlot: 7,
  exportKey: 'k',
  serverTime: 0,
};

/** A tiny seeded PRNG (mulberry32), so every run benches the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PER_DAY = 400;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function uuidAt(at: number, n: number): string {
  const h = at.toString(16).padStart(12, '0');
  const t = n.toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-${t}`;
}

/** The i-th dossier's events: received, and for most a transfer and a result. */
export function dossierEvents(i: number, r: () => number, o: { communeId?: string; agency?: string; slot?: number; deviceId?: string } = {}): DossierEvent[] {
  const p = pick(r, DEMO_CATALOG.procedures);
  // PER_DAY dossiers a day, in order, so every code is unique: <agency>-<YYMMDD>-<slot·1000+n>
  const day = Math.floor(i / PER_DAY);
  const at = vnInstant(2026, 1, 1, 8, 0) + day * 86_400_000 + (i % PER_DAY) * Math.floor((8 * 3_600_000) / PER_DAY);
  const code = formatDossierCode(o.agency ?? '000.00.06.H56', vnDate(at), (o.slot ?? 1) * 1000 + (i % PER_DAY) + 1);
  const env = { dossierId: code, communeId: o.communeId ?? 'xa-demo', deviceId: o.deviceId ?? 'bench-tablet', actorId: 'can-bo-lan', tzOffsetMin: 420 };
  const dueAt = at + (3 + Math.floor(r() * 10)) * 86_400_000;
  const name = `${pick(r, FAMILY)} ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`;
  const events: DossierEvent[] = [
    {
      ...env,
      id: uuidAt(at, i * 4),
      at,
      deviceSeq: i * 4 + 1,
      type: 'received',
      payload: {
        outcome: 'accepted',
        procedureCode: p.code,
        procedureName: p.name,
        fieldCode: p.fieldCode,
        channel: 1,
        applicant: {
          name,
          idType: 'cccd',
          idNumber: `0011900${String(10000 + (i % 89999)).padStart(5, '0')}`,
          phone: `09${String(10_000_000 + i).slice(-8)}`,
          address: 'Thôn Đông, Xã Demo',
        },
        papers: p.papers.filter((x) => x.required).map((x) => ({ paperId: x.id, name: x.name, kind: x.kind, count: 1 })),
        sets: 1,
        feeVnd: p.feeVnd,
        processing: p.processing,
        supplementPolicy: p.supplementPolicy,
        dueAt,
        clockStartAt: at,
        calendarVersion: 'vn-2026.1',
      },
    },
  ];
  const fate = r();
  if (fate < 0.75)
    events.push({
      ...env,
      id: uuidAt(at + 3_600_000, i * 4 + 1),
      at: at + 3_600_000,
      deviceSeq: i * 4 + 2,
      type: 'transferred',
      payload: { toUnit: 'Công chức chuyên môn' },
    });
  if (fate < 0.6) {
    const done = at + Math.floor(r() * 12) * 86_400_000 + 7_200_000;
    events.push({ ...env, id: uuidAt(done, i * 4 + 2), at: done, deviceSeq: i * 4 + 3, type: 'resolved', payload: {} });
    if (fate < 0.5)
      events.push({ ...env, id: uuidAt(done + 86_400_000, i * 4 + 3), at: done + 86_400_000, deviceSeq: i * 4 + 4, type: 'resultReturned', payload: {} });
  }
  return events;
}

/** n events of consecutive dossiers, as one device pushes them (deviceSeq 1…n), for the sync benches. */
export function syncEvents(n: number, deviceId: string, slot: number): DossierEvent[] {
  const r = rng(11);
  const out: DossierEvent[] = [];
  for (let i = 0; out.length < n; i++) out.push(...dossierEvents(i, r, { deviceId, slot }).map((e, k) => ({ ...e, deviceSeq: out.length + k + 1 })));
  return out.slice(0, n);
}

/** The i-th fixture dossier's intake as taken in at `at` (due five days later), for intake timings. */
export function intakePayloadAt(i: number, r: () => number, at: number): EventPayloads['received'] {
  const ev = dossierEvents(i, r)[0];
  if (ev?.type !== 'received') throw new Error('fixture');
  return { ...ev.payload, dueAt: at + 5 * 86_400_000, clockStartAt: at };
}
