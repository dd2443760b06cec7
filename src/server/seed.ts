/** Demo data for a fresh database (npm start): one commune, its catalog, the 2026 calendar, three users. */
import { DEMO_CATALOG } from '../domain/catalog/demoCatalog';
import { OFFICIAL_CALENDAR_2026 } from '../domain/calendar/official2026';
import type { Store } from './store/port';
import { checkPin } from './core/secrets';
import { counterCredentials } from './credentials/counterPin';
import type { CredentialStore } from './credentials/credentialStore';
import { hashPassword } from './credentials/password';

export const DEMO_COMMUNE = { id: 'xa-demo', name: 'Xã Demo', agencyCode: '000.00.06.H56' } as const;

/** six-digit PINs for the tablets; the supervisor's upstream password is another secret. */
export const DEMO_USERS = [
  { id: 'can-bo-lan', name: 'Nguyễn Thị Lan', role: 'officer', pin: '135790', oldPin: '1234' },
  { id: 'can-bo-minh', name: 'Trần Văn Minh', role: 'officer', pin: '246802', oldPin: '2345' },
  { id: 'lanh-dao-hoa', name: 'Lê Thị Hoa', role: 'supervisor', pin: '975310', oldPin: '9999' },
] as const;
export const DEMO_UPSTREAM_PASSWORD = { userId: 'lanh-dao-hoa', password: 'Demo-Upstream-2026' } as const;

/** Seeds the demo commune; returns false (and does nothing) when the database already has a commune. */
export async function seedDemo(store: Store, now: number, pinIterations?: number, credentials?: CredentialStore): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  await store.createCommune(DEMO_COMMUNE, now);
  await store.publishReference(null, 'calendar', OFFICIAL_CALENDAR_2026.version, { calendars: [OFFICIAL_CALENDAR_2026] }, now);
  await store.publishReference(DEMO_COMMUNE.id, 'catalog', DEMO_CATALOG.version, DEMO_CATALOG, now);
  for (const u of DEMO_USERS) {
    await store.upsertUser({ id: u.id, communeId: DEMO_COMMUNE.id, name: u.name, role: u.role, ...counterCredentials(u.pin, pinIterations) }, now);
  }
  await credentials?.setPassword(DEMO_UPSTREAM_PASSWORD.userId, await hashPassword(DEMO_UPSTREAM_PASSWORD.password), now);
  return true;
}

/**
 * A demo database seeded before PINs had vault keys still has the 4-digit demo PINs and no upstream
 * password: give those users the new PINs (with vault keys) and the demo password. Users whose
 * PIN was changed are left alone. Returns the ids upgraded.
 */
export async function upgradeDemoUsers(store: Store, credentials: CredentialStore, now: number): Promise<string[]> {
  const doc = await store.usersDoc(DEMO_COMMUNE.id);
  const upgraded: string[] = [];
  for (const u of DEMO_USERS) {
    const held = doc?.body.users.find((x) => x.id === u.id);
    if (!held || held.vault || !checkPin(u.oldPin, held.pin)) continue;
    await store.upsertUser({ id: u.id, communeId: DEMO_COMMUNE.id, name: held.name, role: u.role, ...counterCredentials(u.pin) }, now);
    if (u.id === DEMO_UPSTREAM_PASSWORD.userId) await credentials.setPassword(u.id, await hashPassword(DEMO_UPSTREAM_PASSWORD.password), now);
    upgraded.push(u.id);
  }
  return upgraded;
}
