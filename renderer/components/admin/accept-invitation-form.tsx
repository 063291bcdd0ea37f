import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { callEndpoint } from '../../api/call-endpoint';
import { useAppStore } from '../../store/store-context';
import { FormFooter } from '../form-footer';
import { TextField } from '../text-field';
import { roleLabel } from './admin-format';

/** Accepts an invitation sent to the signed-in person's email, by its code or link, without signing out. */
export function AcceptInvitationForm() {
  const api = useApi();
  const refreshDirectory = useAppStore((s) => s.refreshDirectory);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await callEndpoint(api, { endpoint: 'invitation.accept', body: { code: code.trim() } });
    if (outcome.kind === 'failed') {
      setDone(null);
      return setError(outcome.message);
    }
    if (outcome.kind === 'queued') return setError('Accepting an invitation needs the server; try again when you are online.');
    setError(null);
    setCode('');
    const { invitation, organization } = outcome.value;
    const place = invitation.target.kind === 'organization' ? 'the organization' : `the ${invitation.target.kind} it names`;
    setDone(`Accepted: you now hold the ${roleLabel[invitation.target.role] ?? invitation.target.role} role on ${place}, in ${organization.name}.`);
    await refreshDirectory();
  };
  return (
    <form className="admin-form" aria-label="Accept an invitation" onSubmit={(e) => void submit(e)}>
      <h2>Accept an invitation</h2>
      <p className="muted form-help">Someone sent you an invitation link or code for this email address? Paste it here; you stay signed in.</p>
      <div className="form-row">
        <TextField label="Invitation code or link" value={code} onChange={setCode} maxLength={200} required grow placeholder="quorum://invite/qi_…" />
      </div>
      <FormFooter denial={null} error={error} submitLabel="Accept invitation" disabled={code.trim() === ''} waiting="Paste a code first" />
      {done !== null && (
        <p className="ok-note" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
