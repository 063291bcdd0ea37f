import { useState } from 'react';
import type { Workgroup } from '../../../shared/domain/workgroup';
import { useAppStore } from '../../store/store-context';
import { formatDate, roleLabel } from './admin-format';
import { useEndpoint } from '../../api/use-directory-query';
import { useRegistryChoices } from './use-registry-choices';
import { WorkgroupDetailsForm } from './workgroup-details-form';
import { WorkgroupMembersSection } from './workgroup-members-section';
import { WorkgroupSettingsEditor } from './workgroup-settings-editor';
import { queuedNotice } from '../../api/call-endpoint';
import { denialInWorkgroup } from '../../lib/workgroup-permission';
import { TableHead } from '../table-head';
import { countOf } from '../../../shared/domain/plural';

function SharedSettings({ workgroup, names }: { readonly workgroup: Workgroup; readonly names: ReadonlyMap<string, string> }) {
  const list = (ids: readonly string[] | null, none: string, empty: string) =>
    ids === null ? none : ids.length === 0 ? empty : ids.map((id) => names.get(id) ?? 'an entry you cannot see').join(', ');
  const { settings } = workgroup;
  const rows = [
    { label: 'Model pool', value: list(settings.modelPool, 'No restriction: projects choose', 'None') },
    { label: 'Tools allowed', value: list(settings.toolAllowlist, 'No restriction: projects choose', 'No tools') },
    { label: 'System prompt', value: settings.systemPrompt ?? 'None: projects set their own' },
    { label: 'Knowledge bases', value: list(settings.knowledgeBaseIds, '', 'None') },
    { label: 'Agents', value: list(settings.agentIds, '', 'None') },
  ];
  return (
    <dl className="settings-list">
      {rows.map((row) => (
        <div key={row.label} className="setting">
          <dt>{row.label}</dt>
          <dd>
            <span className={row.label === 'System prompt' ? 'prompt-text' : undefined}>{row.value}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A workgroup: its projects, its members with their roles, and the settings its projects inherit. */
export function WorkgroupView() {
  const id = useAppStore((s) => s.selectedWorkgroupId ?? '');
  const cached = useAppStore((s) => s.workgroups.find((w) => w.id === s.selectedWorkgroupId) ?? null);
  const myRole = useAppStore((s) => s.roles.workgroups[id]);
  const selectProject = useAppStore((s) => s.selectProject);
  const editDenial = useAppStore((s) => denialInWorkgroup(s.session, s.roles, id, 'workgroup.settings.update'));
  const choices = useRegistryChoices();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const read = useEndpoint({ endpoint: 'workgroup.read', params: { id } }, { kinds: ['workgroup'] });
  const members = useEndpoint({ endpoint: 'workgroup.member.list', params: { id } }, { kinds: ['workgroup', 'user'] });
  const projects = useEndpoint({ endpoint: 'workgroup.project.list', params: { id } }, { kinds: ['workgroup', 'project'] });
  const workgroup = read.data ?? cached;
  if (workgroup === null) return <main className="content empty">{read.error ?? 'Loading the workgroup…'}</main>;

  return (
    <main className="content" aria-label={`Workgroup ${workgroup.name}`}>
      <header className="project-head">
        <div>
          <h1 className="truncate" title={workgroup.name}>
            {workgroup.name}
          </h1>
          <p className="muted">{workgroup.description === '' ? 'Workgroup' : workgroup.description}</p>
        </div>
        {myRole !== undefined && <span className="badge badge-plain">{`Your role: ${roleLabel[myRole] ?? myRole}`}</span>}
      </header>
      <div className="panel admin-panel workgroup-page">
        {read.error !== null && (
          <p className="reason">
            Showing the local copy: {read.error}
          </p>
        )}
        <section aria-label="Workgroup projects">
          <h2>
            Projects <span className="count">{projects.data === null ? '' : countOf(projects.data.items.length, 'project')}</span>
          </h2>
          {projects.error !== null ? (
            <p className="error" role="alert">
              {projects.error}
            </p>
          ) : projects.data === null ? (
            <p className="muted">Loading projects…</p>
          ) : projects.data.items.length === 0 ? (
            <p className="empty-state">No projects in this workgroup yet.</p>
          ) : (
            <table className="dense-table">
              <TableHead columns={['Project', 'Canonical name', 'Placement', 'Created']} />
              <tbody>
                {projects.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <button className="link" onClick={() => selectProject(p.id)}>
                        {p.name}
                      </button>
                    </td>
                    <td>
                      <code>{p.canonicalName}</code>
                    </td>
                    <td className="muted">{p.primaryWorkgroupId === workgroup.id ? 'Primary' : 'Shared in'}</td>
                    <td className="muted nowrap">{formatDate(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <WorkgroupMembersSection workgroupId={workgroup.id} workgroupName={workgroup.name} members={members.data?.items ?? null} error={members.error} reload={members.reload} />
        <WorkgroupDetailsForm key={workgroup.updatedAt} workgroup={workgroup} onSaved={read.reload} />
        <section aria-label="Shared settings">
          <div className="section-head">
            <h2>Shared settings</h2>
            {!editing && (
              <button
                onClick={() => {
                  setSaved(null);
                  setEditing(true);
                }}
                disabled={editDenial !== null}
                title={editDenial ?? undefined}
              >
                Edit shared settings
              </button>
            )}
          </div>
          <p className="muted form-help">Every project in this workgroup inherits these settings; a project can narrow the model pool and tools further, never widen them.</p>
          {editDenial !== null && <p className="reason">{editDenial}</p>}
          {editing ? (
            <WorkgroupSettingsEditor
              key={workgroup.updatedAt}
              workgroup={workgroup}
              choices={choices}
              onCancel={() => setEditing(false)}
              onSaved={(updated) => {
                setEditing(false);
                setSaved(updated === null ? queuedNotice : 'Saved: every project of the workgroup inherits the new settings.');
                void read.reload();
              }}
            />
          ) : (
            <SharedSettings workgroup={workgroup} names={choices.names} />
          )}
          {saved !== null && (
            <p className="muted" role="status">
              {saved}
            </p>
          )}
        </section>
      </div>
    </main>
  );
}
