import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Workgroup } from '../../../shared/domain/workgroup';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import type { FieldFailure } from '../../lib/field-failure';
import { formMessage, messageFor } from '../../lib/field-failure';
import { denialInWorkgroup } from '../../lib/workgroup-permission';
import { useAppStore } from '../../store/store-context';
import { DeleteWithConfirm } from '../delete-with-confirm';
import { FormFooter } from '../form-footer';
import { TextField } from '../text-field';

/** Renames, describes and deletes a workgroup; its shared settings are kept as they are. */
export function WorkgroupDetailsForm({ workgroup, onSaved }: { readonly workgroup: Workgroup; readonly onSaved: () => Promise<void> }) {
  const api = useApi();
  const updateDenial = useAppStore((s) => denialInWorkgroup(s.session, s.roles, workgroup.id, 'workgroup.update'));
  const deleteDenial = useAppStore((s) => denialInWorkgroup(s.session, s.roles, workgroup.id, 'workgroup.delete'));
  const setMainView = useAppStore((s) => s.setMainView);
  const [name, setName] = useState(workgroup.name);
  const [description, setDescription] = useState(workgroup.description);
  const [failure, setFailure] = useState<FieldFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), description: description.trim(), settings: workgroup.settings };
    const outcome = await callEndpoint(api, { endpoint: 'workgroup.update', params: { id: workgroup.id }, body });
    if (outcome.kind === 'failed') return setFailure(outcome);
    setFailure(null);
    setDone(outcome.kind === 'queued' ? queuedNotice : 'Saved.');
    await onSaved();
  };
  const remove = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'workgroup.delete', params: { id: workgroup.id } });
    if (outcome.kind === 'failed') return setFailure(outcome);
    setMainView('organization');
  };
  const unchanged = name.trim() === workgroup.name && description.trim() === workgroup.description;

  return (
    <form className="admin-form" aria-label="Workgroup details" onSubmit={(e) => void submit(e)}>
      <h2>Details</h2>
      <div className="form-row">
        <TextField label="Workgroup name" value={name} onChange={setName} maxLength={100} required error={messageFor(failure, 'name')} />
        <TextField label="Description" value={description} onChange={setDescription} maxLength={2000} grow error={messageFor(failure, 'description')} />
      </div>
      <FormFooter
        denial={updateDenial}
        error={formMessage(failure, ['name', 'description'])}
        submitLabel="Save details"
        disabled={name.trim() === '' || unchanged}
        waiting={name.trim() === '' ? 'Enter a name first' : 'Nothing changed yet'}
      />
      {done !== null && (
        <p className="ok-note" role="status">
          {done}
        </p>
      )}
      <DeleteWithConfirm
        what="workgroup"
        question={`Delete workgroup ${workgroup.name}? Its members lose the roles it gave them on its projects; the projects themselves stay.`}
        denial={deleteDenial}
        onDelete={remove}
      />
    </form>
  );
}
