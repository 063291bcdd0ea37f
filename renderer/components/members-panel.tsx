import { useCallback, useEffect, useState } from 'react';
import type { ProjectRole } from '../../shared/domain/roles';
import { projectRoles } from '../../shared/domain/roles';
import type { ProjectMember, RoleSourceView } from '../../shared/rest/project-member-view';
import { useApi } from '../api/api-context';
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
  const [members, setMembers] = useState<ProjectMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api['directory.request']({ endpoint: 'project.member.list', params: { id: projectId } });
    if (!result.ok) return setError(result.error.message);
    if (result.value.status === 'applied') setMembers((result.value.response as { items: ProjectMember[] }).items);
  }, [api, projectId]);
  useEffect(() => {
    void load();
  }, [load]);

  const changeRole = async (member: ProjectMember, role: ProjectRole) => {
    const result = await api['directory.request']({ endpoint: 'project.member.add', params: { id: projectId }, body: { userId: member.userId, role } });
    if (!result.ok) setError(result.error.message);
    else {
      setError(null);
      await load();
    }
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
                    onChange={(e) => void changeRole(m, e.target.value as ProjectRole)}
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
