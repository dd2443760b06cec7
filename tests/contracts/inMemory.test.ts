import { syncContract } from './sync.contract';
import { createInMemoryServer } from '../support/inMemoryServer';
import { DEMO_CATALOG } from '../../src/domain/catalog/demoCatalog';
import { OFFICIAL_CALENDAR_2026 } from '../../src/domain/calendar/official2026';

syncContract('in-memory server', async () => {
  const s = createInMemoryServer();
  s.publishCatalog(DEMO_CATALOG);
  s.publishCalendar({ calendars: [OFFICIAL_CALENDAR_2026] });
  return {
    transport: s.transport,
    enrollCode: async (role, communeId) => s.enrollCode(role, communeId),
    revoke: async (id) => s.revoke(id),
    eventCount: async (communeId) => s.eventCount(communeId),
    dropNextAnswer: () => s.dropNextAnswer(),
    stop: async () => undefined,
  };
});
