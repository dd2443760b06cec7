import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { openDb } from './db/schema';
import { settleKeptChanges } from './db/keptJournal';
import { LANGUAGES, type Language } from './i18n/init';
import { loadI18n } from './i18n/load';
import { App } from './shell/App';
import { watchDeviceNames } from './shell/deviceNames';
import { registerServiceWorker, requestPersistentStorage } from './shell/pwa';
import { ServicesProvider, type Services } from './shell/services';
import { createSyncEngine } from './sync/engine';
import { createUploader } from './files/uploader';
import { lazyAccessTransport, lazyFileTransport, lazyHttpTransport } from './shell/lazyTransports';
import { initVault, watchUsersForWraps } from './privacy/deviceKey';
import { vaultState } from './privacy/vault';
import { startLive } from './sync/live';
import { getMeta } from './db/meta';
import './shell/app.css';

const lang = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('lang') ?? 'vi';
const i18n = await loadI18n((LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'vi');
document.documentElement.lang = i18n.language === 'en' ? 'en' : 'vi';

const db = openDb();
// what the last session's actions left in the kept counts' journal (db/keptJournal.ts)
void settleKeptChanges(db).catch(() => undefined);
const transport = lazyHttpTransport({ baseUrl: location.origin });
// A tablet with a vault starts locked; its sync and its file uploads wait until a PIN opens the vault.
const access = lazyAccessTransport({ baseUrl: location.origin });
const engine = createSyncEngine({ db, transport, access, appVersion: __APP_VERSION__, mayRun: (role) => role === 'kiosk' || vaultState() === 'open' });
const fileTransport = lazyFileTransport({ baseUrl: location.origin });
const uploader = createUploader({ db, transport: fileTransport, mayRun: () => vaultState() === 'open' });
const services: Services = { db, transport, appVersion: __APP_VERSION__, now: () => Date.now(), engine, files: { uploader, transport: fileTransport }, access };
watchUsersForWraps(db);
// Runs now (skipped until the device is enrolled), then on online, visibility, the timer and local writes.
void initVault(db).finally(() => {
  engine.start();
  uploader.start();
});
watchDeviceNames(engine, db, transport);
// Live: another tablet's events reach this one within a second or two, not at the next timer.
startLive({ baseUrl: location.origin, token: async () => (await getMeta(db, 'device'))?.token ?? null, onEvents: () => engine.runOnce() });

registerServiceWorker();
void requestPersistentStorage(db);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ServicesProvider services={services}>
          <App />
        </ServicesProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
