import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { createDenial } from '../../lib/create-denial';
import type { FieldFailure } from '../../lib/field-failure';
import { formMessage, messageFor } from '../../lib/field-failure';
import { useAppStore } from '../../store/store-context';
import { CreatedNote } from '../created-note';
import { FormFooter } from '../form-footer';
import { TextField } from '../text-field';

/** Creates a workgroup; its creator becomes its owner. */
export function NewWorkgroupForm() {
  const api = useApi();
  const denial = useAppStore((s) => createDenial(s.session, s.roles, 'workgroup', s.workgroups.length));
  const openWorkgroup = useAppStore((s) => s.openWorkgroup);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [failure, setFailure] = useState<FieldFailure | null>(null);
  const [done, setDone] = useState<{ id: string; name: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await callEndpoint(api, { endpoint: 'workgroup.create', body: { name: name.trim(), description: description.trim() } });
    if (outcome.kind === 'failed') {
      setDone(null);
      return setFailure(outcome);
    }
    setFailure(outcome.kind === 'queued' ? { message: queuedNotice } : null);
    if (outcome.kind === 'applied') setDone({ id: outcome.value.id, name: outcome.value.name });
    setName('');
    setDescription('');
  };
  return (
    <form className="admin-form" aria-label="New workgroup" onSubmit={(e) => void submit(e)}>
      <h2>New workgroup</h2>
      <p className="muted form-help">A workgroup holds projects; its members hold their role on every one of them.</p>
      <div className="form-row">
        <TextField label="Workgroup name" value={name} onChange={setName} maxLength={100} required error={messageFor(failure, 'name')} />
        <TextField label="Description" value={description} onChange={setDescription} maxLength={2000} grow error={messageFor(failure, 'description')} />
      </div>
      <FormFooter denial={denial} error={formMessage(failure, ['name', 'description'])} submitLabel="Create workgroup" disabled={name.trim() === ''} waiting="Enter a name first" />
      {done !== null && <CreatedNote what="Workgroup" name={done.name} onOpen={() => openWorkgroup(done.id)} />}
    </form>
  );
}
