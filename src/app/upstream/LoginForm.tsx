/** Sign-in of the upstream office: a supervisor's name (chosen or typed) and own password, never a tablet PIN. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TransportError, type UpstreamSession } from '../../protocol';
import { useT } from '../supervisor/useT';
import { upstreamApi, upstreamErrorText } from './api';

export function LoginForm({ onSignedIn, notice }: { onSignedIn: (s: UpstreamSession) => void; notice: string | null }) {
  const { t } = useT();
  const { t: tp } = useTranslation('privacy');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [names, setNames] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    upstreamApi.names().then(
      (r) => setNames(r.names),
      () => setNames([]),
    );
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await upstreamApi.signIn({ login: login.trim(), password }));
    } catch (x) {
      if (x instanceof TransportError && x.reason === 'forbidden') setError(tp('login.wrong'));
      else if (x instanceof TransportError && x.reason === 'rateLimited')
        setError(tp('login.locked', { minutes: Math.max(1, Math.ceil((x.retryAfterMs ?? 60_000) / 60_000)) }));
      else setError(upstreamErrorText(t, x));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="screen sv" data-testid="upstream-login">
      <form className="card up-login" onSubmit={(e) => void submit(e)}>
        <h1>{t('upstream.title')}</h1>
        <p className="muted">{tp('login.help')}</p>
        {notice && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        <div className="field">
          <label htmlFor="up-user">{tp('login.name')}</label>
          <input id="up-user" data-testid="up-user" autoComplete="username" list="up-names" value={login} onChange={(e) => setLogin(e.target.value)} required />
          <datalist id="up-names">
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="up-pin">{tp('login.password')}</label>
          <input
            id="up-pin"
            data-testid="up-pin"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {error && (
          <p className="error-box" role="alert" data-testid="up-login-error">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy} data-testid="up-sign-in">
          {tp('login.submit')}
        </button>
      </form>
    </main>
  );
}
