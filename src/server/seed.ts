/** Demo data for a fresh database (npm start): one commune, its catalog, the 2026 calendar, three users. */
import { DEMO_CATALOG } from '../domain/catalog/demoCatalog';
import { OFFICIAL_CALENDAR_2026 } from '../domain/calendar/official2026';
import type { Store } from './store/port';
import { hashPin } from './core/secrets';

export const DEMO_COMMUNE = { id: 'xa-demo', name: 'Xã Demo', agencyCode: '000.00.06.H56' } as const;

export const DEMO_USERS = [
  { id: 'can-bo-lan', name: 'Nguyễn Thị Lan', role: 'officer', pin: '1234' },
  { id: 'can-bo-minh', name: 'Trần Văn Minh', role: 'officer', pin: '2345' },
  { id: 'lanh-dao-hoa', name: 'Lê Thị Hoa', role: 'supervisor', pin: '9999' },
] as const;

/** Seeds the demo commune; returns false (and does nothing) when the database already has a commune. */
export async function seedDemo(store: Store, now: number, pinIterations?: number): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  await store.createCommune(DEMO_COMMUNE, now);
  await store.publishReference(null, 'calendar', OFFICIAL_CALENDAR_2026.version, { calendars: [OFFICIAL_CALENDAR_2026] }, now);
  await store.publishReference(DEMO_COMMUNE.id, 'catalog', DEMO_CATALOG.version, DEMO_CATALOG, now);
  for (const u of DEMO_USERS) {
    await store.upsertUser({ id: u.id, communeId: DEMO_COMMUNE.id, name: u.name, role: u.role, pin: hashPin(u.pin, pinIterations) }, now);
  }
  return true;
}
