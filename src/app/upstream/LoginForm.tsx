/** Sign-in of the upstream office: a supervisor's user id and PIN (the same PIN as on the tablets). */
import { useState, type FormEvent } from 'react';
import type { UpstreamSession } from '../../protocol';
import { useT } from '../supervisor/useT';
import { upstreamApi, upstreamErrorText } from './api';

export function LoginForm({ onSignedIn, notice }: { onSignedIn: (s: UpstreamSession) => void; notice: string | null }) {
  const { t } = useT();
  const [userId, setUserId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await upstreamApi.signIn({ userId: userId.trim(), pin }));
    } catch (x) {
      setError(upstreamErrorText(t, x));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="screen sv" data-testid="upstream-login">
      <form className="card up-login" onSubmit={(e) => void submit(e)}>
        <h1>{t('upstream.title')}</h1>
        <p className="muted">{t('upstream.login.help')}</p>
        {notice && <p className="muted" role="status">{notice}</p>}
        <div className="field">
          <label htmlFor="up-user">{t('upstream.login.user')}</label>
          <input id="up-user" data-testid="up-user" autoComplete="username" value={userId} onChange={(e) => setUserId(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="up-pin">{t('upstream.login.pin')}</label>
          <input id="up-pin" data-testid="up-pin" type="password" inputMode="numeric" autoComplete="current-password" pattern="\d{4,8}"
            value={pin} onChange={(e) => setPin(e.target.value)} required />
        </div>
        {error && <p className="error-box" role="alert" data-testid="up-login-error">{error}</p>}
        <button className="primary" type="submit" disabled={busy} data-testid="up-sign-in">{t('upstream.login.submit')}</button>
      </form>
    </main>
  );
}
