import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../api/api-context';
import type { RecentSignInPrompt } from '../api/recent-sign-in';

export const RecentSignInContext = createContext<RecentSignInPrompt | null>(null);

/**
 * Asks for the password again when the server wants a recent sign-in for a destructive change,
 * over the view where the change was made; once confirmed, the change is sent again and goes through.
 */
export function RecentSignInDialog() {
  const prompt = useContext(RecentSignInContext);
  const open = useSyncExternalStore(
    (listener) => prompt?.subscribe(listener) ?? (() => undefined),
    () => prompt?.isOpen() ?? false,
  );
  if (prompt === null || !open) return null;
  return <PasswordAgain prompt={prompt} />;
}

function PasswordAgain({ prompt }: { readonly prompt: RecentSignInPrompt }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    field.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') prompt.settle(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [prompt]);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api['session.reauthenticate']({ password });
    setBusy(false);
    if (result.ok) {
      prompt.settle(true);
      return;
    }
    setError(result.error.code === 'unauthenticated' ? 'That password is not right. Try again.' : result.error.message);
    setPassword('');
    field.current?.focus();
  };

  return (
    <div className="dialog-backdrop">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="recent-sign-in-title" aria-describedby="recent-sign-in-why" onSubmit={(e) => void confirm(e)}>
        <h2 id="recent-sign-in-title">Enter your password again</h2>
        <p id="recent-sign-in-why">This change cannot be undone, so it needs your password entered within the last 10 minutes. Once you confirm, it goes through.</p>
        <label className="secret-label">
          Password
          <input
            ref={field}
            type="password"
            autoComplete="current-password"
            value={password}
            maxLength={1024}
            aria-invalid={error !== null ? true : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error !== null && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => prompt.settle(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || password === ''}>
            Confirm
          </button>
        </div>
      </form>
    </div>
  );
}
