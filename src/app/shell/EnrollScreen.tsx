/** First start: the device enrolls with the one-time code the upstream office gave (npm start prints one). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainError } from '../../domain/result';
import { enrollDevice } from '../sync/enroll';
import { rememberDeviceName } from './deviceNames';
import { ErrorText } from './Field';
import { useServices } from './services';

export function EnrollScreen() {
  const { t } = useTranslation();
  const { db, transport, appVersion, engine } = useServices();
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [error, setError] = useState<DomainError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(null);
    const name = deviceName.trim() || 'Tablet';
    const r = await enrollDevice(db, transport, { code: code.trim(), deviceName: name, appVersion });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else {
      await rememberDeviceName(db, r.value.deviceId, name);
      void engine?.runOnce();
    }
  }

  return (
    <main className="screen">
      <form
        className="card center-card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1>{t('enroll.title')}</h1>
        <p className="muted">{t('enroll.help')}</p>
        <div className="field">
          <label htmlFor="enroll-code">{t('enroll.code')}</label>
          <input id="enroll-code" value={code} autoCapitalize="characters" autoComplete="off" onChange={(e) => setCode(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="enroll-name">{t('enroll.deviceName')}</label>
          <input id="enroll-name" value={deviceName} placeholder={t('enroll.deviceNamePlaceholder')} onChange={(e) => setDeviceName(e.target.value)} />
        </div>
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={!code.trim() || busy}>
          {busy ? t('enroll.busy') : t('enroll.submit')}
        </button>
      </form>
    </main>
  );
}
