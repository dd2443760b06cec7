/**
 * The reference documents the screens read: the device profile, the procedure catalog and the
 * working calendar (the server's versions, which enrollment fetches; until then no procedure and
 * the 2026 official calendar), and the commune's users.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Catalog, Procedure } from '../../domain/catalog/procedure';
import { OFFICIAL_CALENDAR_2026 } from '../../domain/calendar/official2026';
import type { WorkCalendar } from '../../domain/calendar/types';
import { buildWorkCalendar } from '../../domain/calendar/workCalendar';
import type { DeviceProfile, ReferenceUser } from '../../protocol';
import { DEFAULT_SETTINGS, getMeta, type MetaValues } from '../db/meta';
import { useServices } from './services';

export type ReferenceData = {
  readonly loaded: boolean;
  readonly device: DeviceProfile | null;
  readonly catalog: Catalog;
  readonly calendar: WorkCalendar;
  readonly calendarVersion: string;
  readonly users: readonly ReferenceUser[];
  readonly settings: MetaValues['settings'];
};

/** Before the device is enrolled there is nothing to take in: enrollment brings the commune's catalog. */
const NO_CATALOG: Catalog = { version: '', effectiveFrom: '2026-01-01', fields: [], procedures: [] };

export function useReference(): ReferenceData {
  const { db } = useServices();
  const raw = useLiveQuery(
    async () => ({
      device: (await getMeta(db, 'device')) ?? null,
      catalog: await getMeta(db, 'catalog'),
      calendar: await getMeta(db, 'calendar'),
      users: await getMeta(db, 'users'),
      settings: await getMeta(db, 'settings'),
    }),
    [db],
  );
  const calendarDocs = raw?.calendar?.body.calendars;
  const calendar = useMemo(() => buildWorkCalendar(calendarDocs ?? [OFFICIAL_CALENDAR_2026]), [calendarDocs]);
  return {
    loaded: raw !== undefined,
    device: raw?.device ?? null,
    catalog: raw?.catalog?.body ?? NO_CATALOG,
    calendar,
    calendarVersion: raw?.calendar?.version ?? OFFICIAL_CALENDAR_2026.version,
    users: raw?.users?.body.users ?? [],
    settings: { ...DEFAULT_SETTINGS, ...(raw?.settings ?? {}) },
  };
}

export function findProcedure(catalog: Catalog, code: string): Procedure | undefined {
  return catalog.procedures.find((p) => p.code === code);
}

/** The officer's name; `unknown` (never the raw id) when the users document does not list them. */
export function userName(users: readonly ReferenceUser[], id: string, unknown = '—'): string {
  return users.find((u) => u.id === id)?.name ?? unknown;
}
