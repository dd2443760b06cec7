/** CAL4, CAL5: the official calendar is data; the statutory rules are only the default. */
import type { IsoDate } from '../time/vnTime';

/** CAL5: office hours, `HH:mm`; default 07:00–11:30 and 13:30–17:00. */
export type OfficeHours = {
  readonly morningStart: string;
  readonly morningEnd: string;
  readonly afternoonStart: string;
  readonly afternoonEnd: string;
};

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  morningStart: '07:00',
  morningEnd: '11:30',
  afternoonStart: '13:30',
  afternoonEnd: '17:00',
};

export type NamedDay = { readonly date: IsoDate; readonly name: string };

/**
 * One official calendar notice (e.g. the government's 2026 notice for public servants).
 * For each year in `years`, `daysOff` replaces the statutory holidays of that year entirely
 * (including their nghỉ bù days), and `workingSaturdays` are làm bù days that count as
 * working days. Years not listed fall back to the statutory rules.
 */
export type OfficialCalendar = {
  readonly version: string;
  readonly effectiveFrom: IsoDate;
  readonly years: readonly number[];
  readonly daysOff: readonly NamedDay[];
  readonly workingSaturdays: readonly IsoDate[];
  readonly officeHours?: OfficeHours;
};

/**
 * The calendar a device computes with: the statutory defaults overridden by the newest official
 * documents it has (built by `buildWorkCalendar` in workCalendar.ts).
 */
export interface WorkCalendar {
  /** The versions of the official documents it was built from, joined; stamped on dossiers. */
  readonly version: string;
  readonly officeHours: OfficeHours;
  /** CAL1: Monday–Friday minus days off, plus make-up Saturdays. */
  isWorkingDay(date: IsoDate): boolean;
  /** The name of the holiday or nghỉ bù day, or null when the date is not a day off by decree. */
  dayOffName(date: IsoDate): string | null;
}
