import { useState } from 'react';
import type { FormEvent } from 'react';
import { useAppStore } from '../store/store-context';

/** Sign in to a team server, or create an account there. */
export function SignIn() {
  const signIn = useAppStore((s) => s.signIn);
  const signUp = useAppStore((s) => s.signUp);
  const error = useAppStore((s) => s.sessionError);
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const lastServer = useAppStore((s) => s.session?.lastServerUrl);
  const joining = useAppStore((s) => s.session?.joinsEmbedded === true);
  // The server signed in to last (or this machine's own); a fresh install offers the default port.
  const [serverUrl, setServerUrl] = useState(lastServer ?? 'http://127.0.0.1:8787');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organizationName, setOrganizationName] = useState('');
  const [invitationCode, setInvitationCode] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const invitation = invitationCode.trim() === '' ? {} : { invitationCode: invitationCode.trim() };
    if (mode === 'sign-in') await signIn({ serverUrl, email, password, ...invitation });
    else await signUp({ serverUrl, email, password, displayName, ...(organizationName.trim() === '' ? {} : { organizationName }), ...invitation });
    setBusy(false);
  };

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="auth-title">
        <div className="brand brand-large">Quorum</div>
        <h1 id="auth-title">{mode === 'sign-in' ? 'Sign in' : 'Create an account'}</h1>
        {joining && (
          <p className="muted form-help" role="note">
            Someone on this computer already runs Quorum on this server. Join their organization: sign in, or create an account with the invitation link
            they give you.
          </p>
        )}
        <label>
          Server address
          <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} type="url" required autoComplete="url" />
        </label>
        {mode === 'sign-up' && (
          <label>
            Your name
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required autoComplete="name" />
          </label>
        )}
        <label>
          Email
          <input value={email} onChange={(e) => setEmail(e.target.value)} type="email" required autoComplete="email" />
        </label>
        <label>
          Password
          <input
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            type="password"
            required
            minLength={mode === 'sign-up' ? 10 : 1}
            autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          />
        </label>
        {mode === 'sign-up' && (
          <label>
            Organization <span className="hint">(optional)</span>
            <input value={organizationName} onChange={(e) => setOrganizationName(e.target.value)} autoComplete="organization" />
          </label>
        )}
        <label>
          Invitation code <span className="hint">(optional)</span>
          <input
            value={invitationCode}
            onChange={(e) => setInvitationCode(e.target.value)}
            placeholder="qi_… or quorum://invite/…"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <p className="muted form-help">An invitation to an organization, workgroup or project comes as a code or link from the person who sent it, for the email address it names.</p>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {mode === 'sign-in' ? 'Sign in' : 'Create account'}
        </button>
        <button type="button" className="link" onClick={() => setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in')}>
          {mode === 'sign-in' ? 'New here? Create an account' : 'Have an account? Sign in'}
        </button>
      </form>
    </main>
  );
}
