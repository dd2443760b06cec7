/**
 * Offline sign-in: pick yourself from the commune's users, type your PIN. The PIN opens the user's
 * vault key, which unwraps the tablet's data key (privacy/deviceKey.ts): a wrong PIN opens nothing.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferenceUser } from '../../protocol';
import { openPrivateKey, unlockForUser } from '../privacy/deviceKey';
import { applyRetention } from '../privacy/retention';
import { sweepClearRows } from '../privacy/sweep';
import { vaultState } from '../privacy/vault';
import { useServices } from './services';
import { useSession } from './session';

export function SignInScreen({ users, lockedUser }: { users: readonly ReferenceUser[]; lockedUser: ReferenceUser | null }) {
  const { t } = useTranslation();
  const { t: tp } = useTranslation('privacy');
  const { db, engine, now } = useServices();
  const signIn = useSession((s) => s.signIn);
  const signOut = useSession((s) => s.signOut);
  const active = users.filter((u) => u.active);
  const [userId, setUserId] = useState(lockedUser?.id ?? active[0]?.id ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const user = active.find((u) => u.id === userId);

  async function submit() {
    if (!user || busy) return;
    setBusy(true);
    // the idle lock kept the key: the same person only proves the PIN again
    const result =
      lockedUser && vaultState() === 'open'
        ? user.vault && (await openPrivateKey(user.vault, pin))
          ? 'open'
          : user.vault
            ? 'wrongPin'
            : 'noVault'
        : await unlockForUser(db, user, pin, active, now());
    setBusy(false);
    setPin('');
    if (result === 'open') {
      signIn(user);
      // clear rows of an older version are sealed in the background; then sync may run
      void sweepClearRows(db)
        .then(() => applyRetention(db, now()))
        .catch(() => undefined)
        .finally(() => {
          void engine?.runOnce();
        });
      return;
    }
    setError(
      result === 'wrongPin'
        ? t('signIn.wrongPin')
        : result === 'noVault'
          ? tp('signIn.noVault', { name: user.name })
          : tp('signIn.notOpenedForYou', { name: user.name }),
    );
  }

  if (active.length === 0)
    return (
      <main className="screen">
        <div className="card center-card">{t('signIn.noUsers')}</div>
      </main>
    );
  return (
    <main className="screen">
      <form
        className="card center-card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1>{lockedUser ? t('signIn.lockedTitle') : t('signIn.title')}</h1>
        <div className="field">
          <label htmlFor="signin-user">{t('signIn.user')}</label>
          <select
            id="signin-user"
            value={userId}
            disabled={!!lockedUser}
            onChange={(e) => {
              setUserId(e.target.value);
              setError(null);
            }}
          >
            {active.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="signin-pin">{t('signIn.pin')}</label>
          <input
            id="signin-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            autoFocus
            onChange={(e) => {
              setPin(e.target.value.replace(/\D/g, '').slice(0, 12));
              setError(null);
            }}
          />
        </div>
        {busy && (
          <div className="muted" role="status">
            {tp('signIn.opening')}
          </div>
        )}
        {error && (
          <div className="error-box" role="alert">
            {error}
          </div>
        )}
        <div className="pin-pad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫'].map((k) =>
            k === '' ? (
              <span key="blank" />
            ) : (
              <button
                type="button"
                key={k}
                aria-label={k === '⌫' ? t('signIn.backspace') : k}
                onClick={() => setPin((p) => (k === '⌫' ? p.slice(0, -1) : (p + k).slice(0, 12)))}
              >
                {k}
              </button>
            ),
          )}
        </div>
        <div className="row" style={{ marginTop: 16 }}>
          {lockedUser && (
            <button type="button" onClick={signOut}>
              {t('signIn.switchUser')}
            </button>
          )}
          <span className="spacer" />
          <button type="submit" className="primary" disabled={!pin || busy}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
