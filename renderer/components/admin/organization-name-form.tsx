import { useState } from 'react';
import type { FormEvent } from 'react';
import type { FieldFailure } from '../../lib/field-failure';
import { formMessage, messageFor } from '../../lib/field-failure';
import { denialInOrg } from '../../lib/org-permission';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useAppStore } from '../../store/store-context';
import { FormFooter } from '../form-footer';
import { TextField } from '../text-field';

/** Renames the organization; its slug and plan stay as they are. */
export function OrganizationNameForm() {
  const api = useApi();
  const org = useAppStore((s) => s.organization ?? s.session?.organization ?? null);
  const denial = useAppStore((s) => denialInOrg(s.session, s.roles, 'org.update'));
  const [name, setName] = useState(org?.name ?? '');
  const [failure, setFailure] = useState<FieldFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (org === null) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await callEndpoint(api, { endpoint: 'org.update', params: { id: org.id }, body: { name: name.trim(), slug: org.slug, plan: org.plan } });
    if (outcome.kind === 'failed') return setFailure(outcome);
    setFailure(null);
    setDone(outcome.kind === 'queued' ? queuedNotice : `The organization is now called ${outcome.value.name}.`);
  };
  const unchanged = name.trim() === org.name;
  return (
    <form className="admin-form" aria-label="Organization name" onSubmit={(e) => void submit(e)}>
      <h2>Organization</h2>
      <div className="form-row">
        <TextField label="Organization name" value={name} onChange={setName} maxLength={100} required grow error={messageFor(failure, 'name')} />
      </div>
      <FormFooter
        denial={denial}
        error={formMessage(failure, ['name'])}
        submitLabel="Rename organization"
        disabled={name.trim() === '' || unchanged}
        waiting={name.trim() === '' ? 'Enter a name first' : 'Change the name first'}
      />
      {done !== null && <p className="ok-note" role="status">{done}</p>}
    </form>
  );
}
