/** The device's own page (Đồng bộ): the panel of the sync engine that main.tsx started, and the device's settings. */
import { useTranslation } from 'react-i18next';
import { useServices } from '../shell/services';
import { SyncPanel } from '../sync/SyncPanel';
import { DeviceSettings } from './DeviceSettings';

export function SyncScreen() {
  const { t } = useTranslation();
  const { db, engine } = useServices();
  if (!engine) return <main className="screen"><p>{t('loading')}</p></main>;
  return <main className="screen"><SyncPanel db={db} engine={engine} /><DeviceSettings /></main>;
}
