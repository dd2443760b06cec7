/** The device's own settings (Cài đặt): which form set the printouts follow, the idle lock, the default apology signer. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setMeta, type MetaValues } from '../db/meta';
import { useReference } from '../shell/reference';
import { useServices } from '../shell/services';

type Settings = MetaValues['settings'];
const FORM_SETS: readonly Settings['formSet'][] = ['tt01-2018', 'tt03-2025'];

export function DeviceSettings() {
  const { t } = useTranslation('counter');
  const { t: tp } = useTranslation('print');
  const { db } = useServices();
  const { settings } = useReference();
  const [draft, setDraft] = useState<Settings>(settings);
  const [message, setMessage] = useState<'saved' | 'badIdle' | null>(null);
  const save = async () => {
    if (!Number.isInteger(draft.idleLockMinutes) || draft.idleLockMinutes < 1 || draft.idleLockMinutes > 120) return setMessage('badIdle');
    await setMeta(db, 'settings', { ...draft, signer: draft.signer.trim() });
    setMessage('saved');
  };
  return (
    <form
      className="card"
      data-testid="device-settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('settings.title')}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="set-form">{t('settings.formSet')}</label>
          <select id="set-form" value={draft.formSet} onChange={(e) => setDraft({ ...draft, formSet: e.target.value as Settings['formSet'] })}>
            {FORM_SETS.map((f) => (
              <option key={f} value={f}>
                {tp(`formSet.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="set-idle">{t('settings.idleLock')}</label>
          <input
            id="set-idle"
            type="number"
            inputMode="numeric"
            min={1}
            max={120}
            value={draft.idleLockMinutes}
            onChange={(e) => setDraft({ ...draft, idleLockMinutes: Number(e.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor="set-signer">{t('settings.signer')}</label>
          <input id="set-signer" value={draft.signer} maxLength={100} onChange={(e) => setDraft({ ...draft, signer: e.target.value })} />
        </div>
      </div>
      {message && (
        <p role={message === 'badIdle' ? 'alert' : 'status'} className={message === 'badIdle' ? 'error' : 'muted'}>
          {t(`settings.${message}`)}
        </p>
      )}
      <button type="submit" className="primary">
        {t('settings.save')}
      </button>
    </form>
  );
}
