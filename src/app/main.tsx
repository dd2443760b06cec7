import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createHttpTransport } from '../protocol';
import { openDb } from './db/schema';
import { createI18n, LANGUAGES, type Language } from './i18n';
import { App } from './shell/App';
import { watchDeviceNames } from './shell/deviceNames';
import { registerServiceWorker, requestPersistentStorage } from './shell/pwa';
import { ServicesProvider, type Services } from './shell/services';
import { createSyncEngine } from './sync/engine';
import { createUploader } from './files/uploader';
import { createFileTransport } from '../protocol/fileTransport';
import './shell/app.css';

const lang = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('lang') ?? 'vi';
const i18n = createI18n((LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'vi');
document.documentElement.lang = i18n.language === 'en' ? 'en' : 'vi';

const db = openDb();
const transport = createHttpTransport({ baseUrl: location.origin });
const engine = createSyncEngine({ db, transport, appVersion: __APP_VERSION__ });
const fileTransport = createFileTransport({ baseUrl: location.origin });
const uploader = createUploader({ db, transport: fileTransport });
const services: Services = { db, transport, appVersion: __APP_VERSION__, now: () => Date.now(), engine, files: { uploader, transport: fileTransport } };
// Runs now (skipped until the device is enrolled), then on online, visibility, the timer and local writes.
engine.start();
watchDeviceNames(engine, db, transport);
// Files follow their events by their own queue (skipped on a kiosk and before enrollment).
uploader.start();

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
