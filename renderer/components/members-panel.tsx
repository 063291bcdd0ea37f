import { useMemo } from 'react';
import type { RoleSourceView } from '../../shared/rest/project-member-view';
import { countOf } from '../../shared/domain/plural';
import { useApi } from '../api/api-context';
import { callEndpoint } from '../api/call-endpoint';
import { useEndpoint } from '../api/use-directory-query';
import type { MembershipScene } from '../lib/membership-denial';
import { denialInProject } from '../lib/project-permission';
import { useOrgMembers } from '../lib/use-org-members';
import { useAppStore } from '../store/store-context';
import { roleLabel } from './admin/admin-format';
import { MemberAddForm } from './member-add-form';
import type { MembershipActions, MembershipRow } from './membership-table';
import { MembershipTable } from './membership-table';

function sourceText(source: RoleSourceView, workgroupName: (id: string) => string): string {
  switch (source.kind) {
    case 'direct':
      return 'Direct';
    case 'workgroup':
      return `Workgroup ${workgroupName(source.workgroupId)}`;
    case 'org':
      return `Organization ${roleLabel[source.orgRole] ?? source.orgRole}`;
  }
}

/** The project's members with their roles and where each comes from; adding, changing, removing and leaving where the policy allows. */
export function MembersPanel({ projectId }: { readonly projectId: string }) {
  const api = useApi();
  const workgroups = useAppStore((s) => s.workgroups);
  const projectName = useAppStore((s) => s.projects.find((p) => p.id === projectId)?.name ?? 'this project');
  const actorRole = useAppStore((s) => s.roles.projects[projectId]);
  const manageDenial = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'project.member.manage'));
  // Roles come from the project, its workgroups and the organization.
  const listed = useEndpoint({ endpoint: 'project.member.list', params: { id: projectId } }, { kinds: ['project', 'workgroup', 'user'] });
  const org = useOrgMembers();
  const members = listed.data?.items ?? null;

  const rows = useMemo<MembershipRow[]>(() => {
    const workgroupName = (id: string) => workgroups.find((w) => w.id === id)?.name ?? 'a workgroup you cannot see';
    return (members ?? []).map((m) => ({
      userId: m.userId,
      name: m.displayName,
      email: m.email,
      role: m.role,
      directRole: m.directRole,
      from: m.sources.map((s) => sourceText(s, workgroupName)).join(', '),
    }));
  }, [members, workgroups]);

  const scene: MembershipScene = {
    target: { kind: 'project', id: projectId },
    actorRole,
    members: rows.flatMap((r) => (r.directRole === null ? [] : [{ userId: r.userId, role: r.directRole }])),
    orgRoles: org.roles,
    headcounts: (personId) => [{ projectId, members: rows.length, includesPerson: rows.some((r) => r.userId === personId) }],
  };
  const actions: MembershipActions = {
    setRole: (userId, role) => callEndpoint(api, { endpoint: 'project.member.update', params: { id: projectId, uid: userId }, body: { role } }),
    remove: (userId) => callEndpoint(api, { endpoint: 'project.member.remove', params: { id: projectId, uid: userId } }),
    changed: listed.reload,
  };
  const present = new Set(rows.filter((r) => r.directRole !== null).map((r) => r.userId));

  return (
    <section className="panel admin-panel" aria-label="Members">
      <div className="panel-toolbar">
        <h2>
          Members <span className="count">{members === null ? '' : countOf(members.length, 'person', 'people')}</span>
        </h2>
      </div>
      {manageDenial !== null && <p className="reason">{manageDenial}</p>}
      {listed.error !== null && (
        <p className="error" role="alert">
          {listed.error}
        </p>
      )}
      {members === null ? (
        <p className="muted">Loading members…</p>
      ) : (
        <MembershipTable label="Project members" place={`Project ${projectName}`} rows={rows} scene={scene} actions={actions} />
      )}
      {manageDenial === null && (
        <MemberAddForm
          place={`Project ${projectName}`}
          candidates={org.members}
          present={present}
          scene={scene}
          add={(userId, role) => callEndpoint(api, { endpoint: 'project.member.add', params: { id: projectId }, body: { userId, role } })}
          changed={listed.reload}
        />
      )}
    </section>
  );
}
