import { useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store-context';

/** Which sync server this app talks to, and signing in to another one by its address. */
export function ServerPanel() {
  const { mode, serverUrl, email, orgName } = useAppStore(
    useShallow((s) => ({
      mode: s.session?.mode ?? 'embedded',
      serverUrl: s.session?.serverUrl ?? null,
      email: s.session?.user?.email ?? '',
      orgName: s.session?.organization?.name ?? '',
    })),
  );
  const online = useAppStore((s) => s.sync?.online ?? false);
  const signIn = useAppStore((s) => s.signIn);
  const refreshDirectory = useAppStore((s) => s.refreshDirectory);
  const sessionError = useAppStore((s) => s.sessionError);
  const [url, setUrl] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setTried(true);
    const ok = await signIn({ serverUrl: url.trim(), email: newEmail, password });
    setBusy(false);
    if (ok) {
      setPassword('');
      setTried(false);
      await refreshDirectory();
    }
  };

  return (
    <section className="panel admin-panel" aria-label="Team server">
      <dl className="settings-list">
        <div className="setting">
          <dt>Connection</dt>
          <dd>
            <span>{mode === 'embedded' ? 'Embedded server on this machine' : 'Team server'}</span>
            <span className="provenance">{mode === 'embedded' ? 'Started by this app; data stays on this computer.' : 'Shared with your team.'}</span>
          </dd>
        </div>
        <div className="setting">
          <dt>Server address</dt>
          <dd>
            <code>{serverUrl ?? '—'}</code>
            <span className="provenance">{online ? 'Connected' : 'Not reachable right now; changes wait in the outbox.'}</span>
          </dd>
        </div>
        <div className="setting">
          <dt>Signed in as</dt>
          <dd>
            <span>{email}</span>
            <span className="provenance">in {orgName}</span>
          </dd>
        </div>
      </dl>
      <form className="admin-form" onSubmit={(e) => void submit(e)} aria-label="Sign in to another server">
        <h2>Sign in to another server</h2>
        <p className="muted form-help">
          Your team&apos;s server address, such as https://quorum.example.com. Signing in there replaces the current sign-in.
        </p>
        <div className="form-row">
          <label className="grow">
            Team server address
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://quorum.example.com" />
          </label>
          <label>
            Email
            <input type="email" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} required autoComplete="email" />
          </label>
          <label>
            Password
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        {tried && sessionError !== null && (
          <p className="error" role="alert">
            {sessionError}
          </p>
        )}
      </form>
    </section>
  );
}
