/**
 * The exported tables, as plain rows (the same for XLSX, CSV and print): the period report
 * (Biểu 06, REP1) and the logbook (FRM4). Headings come from the `supervisor` namespace through
 * the `t` given, Vietnamese for files that leave the office.
 */
import type { TFunction } from 'i18next';
import { BIEU06_CELLS, type Bieu06, type Bieu06Numbers } from '../../domain/stats/bieu06';
import type { DossierState } from '../../domain/dossier/state';
import { formatVnDate, formatVnDateTime } from '../../domain/time/vnTime';

export type Cell = string | number | null;
export type ExportTable = {
  /** Lines above the table (office, title, period). */
  readonly title: readonly string[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
};

/** The namespaces the supervisor screens use: their own first (keys without a prefix), the others by prefix. */
export const SUPERVISOR_NS = ['supervisor', 'sync', 'counter', 'errors', 'common'] as const;
/** Their t: keys are checked by the compiler (i18next.d.ts). */
export type Translate = TFunction<typeof SUPERVISOR_NS>;

/** The report's columns in order: each a heading key and how to read the number. */
export const REPORT_COLUMNS = [
  ['received.total', (r: Bieu06Numbers) => r.received.total],
  ['received.carriedOver', (r: Bieu06Numbers) => r.received.carriedOver],
  ['received.new', (r: Bieu06Numbers) => r.received.newInPeriod],
  ['received.online', (r: Bieu06Numbers) => r.received.online],
  ['received.inPersonOrPostal', (r: Bieu06Numbers) => r.received.inPersonOrPostal],
  ['resolved.total', (r: Bieu06Numbers) => r.resolved.total],
  ['resolved.early', (r: Bieu06Numbers) => r.resolved.early],
  ['resolved.onTime', (r: Bieu06Numbers) => r.resolved.onTime],
  ['resolved.late', (r: Bieu06Numbers) => r.resolved.late],
  ['inProgress.total', (r: Bieu06Numbers) => r.inProgress.total],
  ['inProgress.withinTime', (r: Bieu06Numbers) => r.inProgress.withinTime],
  ['inProgress.overdue', (r: Bieu06Numbers) => r.inProgress.overdue],
  ['withdrawn', (r: Bieu06Numbers) => r.withdrawn],
  ['stopped', (r: Bieu06Numbers) => r.stopped],
  ['awaitingSupplement', (r: Bieu06Numbers) => r.awaitingSupplement],
  ['outOfArea', (r: Bieu06Numbers) => r.outOfArea],
  ['returned', (r: Bieu06Numbers) => r.returned],
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number][0];

// every cell of the domain has a column, but Decision 766's (shown with the indicators, not in Biểu 06)
const _all: readonly ReportColumn[] = BIEU06_CELLS.filter((c): c is Exclude<typeof c, `secondSupplement.${string}`> => !c.startsWith('secondSupplement.'));

export function reportTable(
  t: Translate,
  report: { readonly range: Bieu06['range']; readonly rows: readonly Bieu06Numbers[]; readonly total: Bieu06Numbers },
  ctx: { communeName: string; periodLabel: string; fieldName: (code: string) => string },
): ExportTable {
  const header = [t('supervisor:export.no'), t('supervisor:export.field'), ...REPORT_COLUMNS.map(([k]) => t(`supervisor:col.${k}`))];
  const rows: Cell[][] = report.rows.map((r, i) => [i + 1, ctx.fieldName(r.fieldCode), ...REPORT_COLUMNS.map(([, f]) => f(r))]);
  rows.push([null, t('supervisor:export.total'), ...REPORT_COLUMNS.map(([, f]) => f(report.total))]);
  return {
    title: [
      ctx.communeName,
      t('supervisor:export.reportTitle'),
      t('supervisor:export.periodLine', { period: ctx.periodLabel, from: formatIsoDay(report.range.from), to: formatIsoDay(report.range.to) }),
    ],
    header,
    rows,
  };
}

const formatIsoDay = (d: string) => d.split('-').reverse().join('/');

/** FRM4 logbook columns. */
export function logbookTable(
  t: Translate,
  states: readonly DossierState[],
  ctx: { communeName: string; from: string; to: string; officerName: (id: string) => string },
): ExportTable {
  const sorted = [...states].sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1));
  return {
    title: [ctx.communeName, t('supervisor:export.logbookTitle'), t('supervisor:export.rangeLine', { from: formatIsoDay(ctx.from), to: formatIsoDay(ctx.to) })],
    header: (['no', 'code', 'procedure', 'sets', 'applicant', 'address', 'phone', 'officer', 'received', 'due', 'returned', 'signature', 'note'] as const).map(
      (k) => t(`supervisor:logbook.${k}`),
    ),
    rows: sorted.map((s, i) => [
      i + 1,
      s.code,
      s.procedureName,
      s.sets,
      s.applicant.organisation ? `${s.applicant.name} (${s.applicant.organisation})` : s.applicant.name,
      s.applicant.address ?? '',
      s.applicant.phone ?? '',
      ctx.officerName(s.receivedBy),
      formatVnDateTime(s.receivedAt),
      s.dueAt === null ? '' : formatVnDateTime(s.dueAt),
      s.returnedAt === null ? '' : formatVnDate(s.returnedAt),
      '',
      [t(`supervisor:status.${s.status}`), s.apologies[0] ? t('supervisor:logbook.rescheduledTo', { date: formatVnDate(s.apologies[0].newDueAt) }) : '']
        .filter(Boolean)
        .join('; '),
    ]),
  };
}
