import { useState } from 'react';
import type { FormEvent } from 'react';
import { toCanonicalName } from '../../../shared/domain/canonical-name';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { createDenial } from '../../lib/create-denial';
import type { FieldFailure } from '../../lib/field-failure';
import { formMessage, messageFor } from '../../lib/field-failure';
import { useAppStore } from '../../store/store-context';
import { CreatedNote } from '../created-note';
import { FormFooter } from '../form-footer';
import { TextField } from '../text-field';
import { WorkgroupSelect } from '../workgroup-select';

const fields = ['name', 'canonicalName', 'description', 'primaryWorkgroupId'];

/** Creates a project, in a workgroup or on its own; its creator becomes its owner. */
export function NewProjectForm() {
  const api = useApi();
  const denial = useAppStore((s) => createDenial(s.session, s.roles, 'project', s.projects.length));
  const selectProject = useAppStore((s) => s.selectProject);
  const [name, setName] = useState('');
  const [canonicalName, setCanonicalName] = useState('');
  const [description, setDescription] = useState('');
  const [workgroupId, setWorkgroupId] = useState('');
  const [failure, setFailure] = useState<FieldFailure | null>(null);
  const [done, setDone] = useState<{ id: string; name: string } | null>(null);
  const derived = toCanonicalName(name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      description: description.trim(),
      primaryWorkgroupId: workgroupId === '' ? null : workgroupId,
      ...(canonicalName.trim() === '' ? {} : { canonicalName: canonicalName.trim() }),
    };
    const outcome = await callEndpoint(api, { endpoint: 'project.create', body });
    if (outcome.kind === 'failed') {
      setDone(null);
      return setFailure(outcome);
    }
    setFailure(outcome.kind === 'queued' ? { message: queuedNotice } : null);
    if (outcome.kind === 'applied') setDone({ id: outcome.value.id, name: outcome.value.name });
    setName('');
    setCanonicalName('');
    setDescription('');
  };
  return (
    <form className="admin-form" aria-label="New project" onSubmit={(e) => void submit(e)}>
      <h2>New project</h2>
      <div className="form-row">
        <TextField label="Project name" value={name} onChange={setName} maxLength={100} required error={messageFor(failure, 'name')} />
        <TextField
          label="Canonical name"
          value={canonicalName}
          onChange={setCanonicalName}
          maxLength={63}
          placeholder={derived.ok ? derived.value : 'lowercase-with-hyphens'}
          help="Used in links and exports; left empty, it is made from the name."
          error={messageFor(failure, 'canonicalName')}
        />
        <WorkgroupSelect label="Workgroup" value={workgroupId} onChange={setWorkgroupId} />
      </div>
      <div className="form-row">
        <TextField label="Description" value={description} onChange={setDescription} maxLength={2000} grow error={messageFor(failure, 'description')} />
      </div>
      <FormFooter denial={denial} error={formMessage(failure, fields)} submitLabel="Create project" disabled={name.trim() === ''} waiting="Enter a name first" />
      {done !== null && <CreatedNote what="Project" name={done.name} onOpen={() => selectProject(done.id)} />}
    </form>
  );
}
