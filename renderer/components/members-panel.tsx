import { useState } from 'react';
import type { ProjectRole } from '../../shared/domain/roles';
import { projectRoles } from '../../shared/domain/roles';
import type { ProjectMember, RoleSourceView } from '../../shared/rest/project-member-view';
import { useApi } from '../api/api-context';
import { callEndpoint } from '../api/call-endpoint';
import { useEndpoint } from '../api/use-directory-query';
import { chosenOption } from '../lib/chosen-option';
import { denialInProject } from '../lib/project-permission';
import { useAppStore } from '../store/store-context';
import { TableHead } from './table-head';

function sourceText(source: RoleSourceView, workgroupName: (id: string) => string): string {
  switch (source.kind) {
    case 'direct':
      return 'Direct';
    case 'workgroup':
      return `Workgroup ${workgroupName(source.workgroupId)}`;
    case 'org':
      return `Organization ${source.orgRole}`;
  }
}

/** Members and their roles, with where each role comes from; changing roles only where the policy allows. */
export function MembersPanel({ projectId }: { readonly projectId: string }) {
  const api = useApi();
  const workgroups = useAppStore((s) => s.workgroups);
  const manageDenial = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'project.member.manage'));
  // Roles come from the project, its workgroups and the organization.
  const listed = useEndpoint({ endpoint: 'project.member.list', params: { id: projectId } }, { kinds: ['project', 'workgroup', 'user'] });
  const members = listed.data?.items ?? null;
  const [changeError, setChangeError] = useState<string | null>(null);
  const error = changeError ?? listed.error;

  const changeRole = async (member: ProjectMember, role: ProjectRole) => {
    const outcome = await callEndpoint(api, { endpoint: 'project.member.add', params: { id: projectId }, body: { userId: member.userId, role } });
    setChangeError(outcome.kind === 'failed' ? outcome.message : null);
    if (outcome.kind !== 'failed') await listed.reload();
  };
  const workgroupName = (id: string) => workgroups.find((w) => w.id === id)?.name ?? id;

  return (
    <section className="panel" aria-label="Members">
      {manageDenial !== null && <p className="reason">{manageDenial}</p>}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {members === null ? (
        <p className="muted">Loading members…</p>
      ) : (
        <table className="dense-table">
          <TableHead columns={['Name', 'Email', 'Role', 'From']} />
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>{m.displayName}</td>
                <td className="muted">{m.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${m.displayName}`}
                    value={m.role}
                    disabled={manageDenial !== null}
                    title={manageDenial ?? undefined}
                    onChange={(e) => {
                      const role = chosenOption(projectRoles, e.target.value);
                      if (role !== undefined) void changeRole(m, role);
                    }}
                  >
                    {projectRoles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{m.sources.map((s) => sourceText(s, workgroupName)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
