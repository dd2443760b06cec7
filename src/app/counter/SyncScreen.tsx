/** The device's own page (Đồng bộ): the panel of the sync engine that main.tsx started, what to do about storage, and the device's settings. */
import { useTranslation } from 'react-i18next';
import { usePwa } from '../shell/pwa';
import { useServices } from '../shell/services';
import { SyncPanel } from '../sync/SyncPanel';
import { DeviceSettings } from './DeviceSettings';

function StorageHelp() {
  const { t } = useTranslation();
  return (
    <section className="card" id="storage-help" data-testid="storage-help">
      <h2>{t('storageShort.helpTitle')}</h2>
      <p>{t('storageShort.why')}</p>
      <ol>
        <li>{t('storageShort.step1')}</li>
        <li>{t('storageShort.step2')}</li>
        <li>{t('storageShort.step3')}</li>
      </ol>
    </section>
  );
}

export function SyncScreen() {
  const { t } = useTranslation();
  const { db, engine } = useServices();
  const persisted = usePwa((s) => s.persisted);
  if (!engine)
    return (
      <main className="screen">
        <p>{t('loading')}</p>
      </main>
    );
  return (
    <main className="screen">
      <SyncPanel db={db} engine={engine} />
      {persisted === false && <StorageHelp />}
      <DeviceSettings />
    </main>
  );
}
