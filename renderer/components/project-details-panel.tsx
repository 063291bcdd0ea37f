import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Project } from '../../shared/domain/project';
import { checkProjectDeletion } from '../../shared/policy/invariants';
import { checkPlan } from '../../shared/policy/plan-limits';
import { useApi } from '../api/api-context';
import { callEndpoint, queuedNotice } from '../api/call-endpoint';
import type { FieldFailure } from '../lib/field-failure';
import { formMessage, messageFor } from '../lib/field-failure';
import { denialInProject } from '../lib/project-permission';
import { useAppStore } from '../store/store-context';
import { DeleteWithConfirm } from './delete-with-confirm';
import { FormFooter } from './form-footer';
import { TextField } from './text-field';
import { WorkgroupSelect } from './workgroup-select';

const fields = ['name', 'canonicalName', 'description', 'primaryWorkgroupId', 'sharedWorkgroupIds'];

/** Why the project may not be deleted: the policy's reason, then the default project's rule. */
function useDeleteDenial(project: Project): string | null {
  const role = useAppStore((s) => denialInProject(s.session, s.roles, project.id, 'project.delete'));
  if (role !== null) return role;
  const invariant = checkProjectDeletion(project);
  return invariant.ok ? null : invariant.reason;
}

/** A project's name, canonical name and description, the workgroups holding it, and deleting it. */
export function ProjectDetailsPanel({ project }: { readonly project: Project }) {
  const api = useApi();
  const workgroups = useAppStore((s) => s.workgroups);
  const plan = useAppStore((s) => s.session?.organization?.plan ?? null);
  const updateDenial = useAppStore((s) => denialInProject(s.session, s.roles, project.id, 'project.update'));
  const shareDenial = useAppStore((s) => denialInProject(s.session, s.roles, project.id, 'project.share'));
  const refreshDirectory = useAppStore((s) => s.refreshDirectory);
  const deleteDenial = useDeleteDenial(project);
  const [name, setName] = useState(project.name);
  const [canonicalName, setCanonicalName] = useState(project.canonicalName);
  const [description, setDescription] = useState(project.description);
  const [primary, setPrimary] = useState(project.primaryWorkgroupId ?? '');
  const [shared, setShared] = useState<readonly string[]>(project.sharedWorkgroupIds);
  const [failure, setFailure] = useState<FieldFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // A refusal stands until its field is edited again.
  const edit = (setter: (value: string) => void) => (value: string) => {
    setFailure(null);
    setter(value);
  };
  const sharedWithoutPrimary = shared.filter((id) => id !== primary);
  const planCheck = plan === null ? null : checkPlan(plan, { kind: 'share-project-cross-workgroup', currentWorkgroupsOfProject: 1 });
  const sharingDenial = shareDenial ?? (planCheck !== null && !planCheck.ok ? `${planCheck.message}: a project sits in one workgroup at most.` : null);
  const moved = primary !== (project.primaryWorkgroupId ?? '') || sharedWithoutPrimary.join() !== project.sharedWorkgroupIds.join();
  const unchanged = !moved && name.trim() === project.name && canonicalName.trim() === project.canonicalName && description.trim() === project.description;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...(name.trim() !== project.name ? { name: name.trim() } : {}),
      ...(canonicalName.trim() !== project.canonicalName ? { canonicalName: canonicalName.trim() } : {}),
      ...(description.trim() !== project.description ? { description: description.trim() } : {}),
      ...(moved ? { primaryWorkgroupId: primary === '' ? null : primary, sharedWorkgroupIds: sharedWithoutPrimary } : {}),
    };
    const outcome = await callEndpoint(api, { endpoint: 'project.patch', params: { id: project.id }, body });
    if (outcome.kind === 'failed') return setFailure(outcome);
    setFailure(null);
    setDone(outcome.kind === 'queued' ? queuedNotice : 'Saved.');
    await refreshDirectory();
  };
  const remove = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'project.delete', params: { id: project.id } });
    if (outcome.kind === 'failed') return setFailure(outcome);
    await refreshDirectory();
  };

  return (
    <section className="panel admin-panel" aria-label="Project details">
      {project.isDefault && (
        <p className="reason">
          This is the organization’s default project: it is where new members start, and it cannot be deleted. Its name, description and workgroups can
          change.
        </p>
      )}
      <form className="admin-form" aria-label="Project details form" onSubmit={(e) => void submit(e)}>
        <h2>Details</h2>
        <div className="form-row">
          <TextField label="Project name" value={name} onChange={edit(setName)} maxLength={100} required error={messageFor(failure, 'name')} />
          <TextField
            label="Canonical name"
            value={canonicalName}
            onChange={edit(setCanonicalName)}
            maxLength={63}
            required
            help="Lowercase letters, digits and hyphens; used in links and exports."
            error={messageFor(failure, 'canonicalName')}
          />
        </div>
        <div className="form-row">
          <TextField label="Description" value={description} onChange={edit(setDescription)} maxLength={2000} grow multiline error={messageFor(failure, 'description')} />
        </div>
        <h3>Workgroups</h3>
        {shareDenial !== null && <p className="reason">{shareDenial}</p>}
        <div className="form-row">
          <WorkgroupSelect label="Primary workgroup" value={primary} disabled={shareDenial !== null} onChange={setPrimary} />
        </div>
        {workgroups.length > 1 && (
          <fieldset className="checkbox-list" aria-label="Also shared into">
            <legend className="muted">Also shared into {sharingDenial !== null && <span className="disabled-reason">({sharingDenial})</span>}</legend>
            {workgroups
              .filter((w) => w.id !== primary)
              .map((w) => {
                const checked = sharedWithoutPrimary.includes(w.id);
                // A share may always be taken back; a new one needs the right and the plan.
                const disabled = !checked && sharingDenial !== null;
                return (
                  <label key={w.id} title={disabled ? (sharingDenial ?? undefined) : undefined}>
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={disabled}
                      onChange={(e) => setShared(e.target.checked ? [...sharedWithoutPrimary, w.id] : sharedWithoutPrimary.filter((id) => id !== w.id))}
                    />
                    <span className="truncate" title={w.name}>
                      {w.name}
                    </span>
                  </label>
                );
              })}
          </fieldset>
        )}
        <FormFooter
          denial={updateDenial}
          error={formMessage(failure, fields)}
          submitLabel="Save details"
          disabled={name.trim() === '' || canonicalName.trim() === '' || unchanged}
          waiting={name.trim() === '' || canonicalName.trim() === '' ? 'Fill in the required fields first' : 'Nothing changed yet'}
        />
        {done !== null && (
          <p className="ok-note" role="status">
            {done}
          </p>
        )}
      </form>
      <DeleteWithConfirm what="project" question={`Delete project ${project.name} with its conversations, for everyone? This cannot be undone.`} denial={deleteDenial} onDelete={remove} />
    </section>
  );
}
