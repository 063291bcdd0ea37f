import { useMemo } from 'react';
import type { WorkgroupMember } from '../../../shared/rest/workgroup-endpoints';
import { countOf } from '../../../shared/domain/plural';
import { useApi } from '../../api/api-context';
import { callEndpoint } from '../../api/call-endpoint';
import type { MembershipScene } from '../../lib/membership-denial';
import { useOrgMembers } from '../../lib/use-org-members';
import { denialInWorkgroup } from '../../lib/workgroup-permission';
import { useAppStore } from '../../store/store-context';
import { MemberAddForm } from '../member-add-form';
import type { MembershipActions, MembershipRow } from '../membership-table';
import { MembershipTable } from '../membership-table';
import { formatDate } from './admin-format';

export interface WorkgroupMembersSectionProps {
  readonly workgroupId: string;
  readonly workgroupName: string;
  readonly members: readonly WorkgroupMember[] | null;
  readonly error: string | null;
  readonly reload: () => Promise<void>;
}

/** Workgroup members: each holds their role on every project of the workgroup. */
export function WorkgroupMembersSection({ workgroupId, workgroupName, members, error, reload }: WorkgroupMembersSectionProps) {
  const api = useApi();
  const actorRole = useAppStore((s) => s.roles.workgroups[workgroupId]);
  const manageDenial = useAppStore((s) => denialInWorkgroup(s.session, s.roles, workgroupId, 'workgroup.member.manage'));
  const org = useOrgMembers();
  const rows = useMemo<MembershipRow[]>(
    () =>
      (members ?? []).map((m) => ({
        userId: m.user.id,
        name: m.user.displayName,
        email: m.user.email,
        role: m.role,
        directRole: m.role,
        from: `Joined ${formatDate(m.joinedAt)}`,
      })),
    [members],
  );
  const scene: MembershipScene = {
    target: { kind: 'workgroup', id: workgroupId },
    actorRole,
    members: rows.map((r) => ({ userId: r.userId, role: r.role })),
    orgRoles: org.roles,
    // Members per project is counted by the server over every project of the workgroup.
    headcounts: () => [],
  };
  const actions: MembershipActions = {
    setRole: (userId, role) => callEndpoint(api, { endpoint: 'workgroup.member.update-role', params: { id: workgroupId, uid: userId }, body: { role } }),
    remove: (userId) => callEndpoint(api, { endpoint: 'workgroup.member.remove', params: { id: workgroupId, uid: userId } }),
    changed: reload,
  };
  const place = `every project of Workgroup ${workgroupName}`;

  return (
    <section aria-label="Workgroup members">
      <h2>
        Members <span className="count">{members === null ? '' : countOf(members.length, 'person', 'people')}</span>
      </h2>
      <p className="muted form-help">A member holds their role on every project of the workgroup.</p>
      {manageDenial !== null && <p className="reason">{manageDenial}</p>}
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : members === null ? (
        <p className="muted">Loading members…</p>
      ) : members.length === 0 ? (
        <p className="empty-state">No members yet: organization owners and admins still reach every project.</p>
      ) : (
        <MembershipTable label="Workgroup members" place={place} rows={rows} scene={scene} actions={actions} />
      )}
      {manageDenial === null && (
        <MemberAddForm
          place={`Workgroup ${workgroupName}`}
          candidates={org.members}
          present={new Set(rows.map((r) => r.userId))}
          scene={scene}
          add={(userId, role) => callEndpoint(api, { endpoint: 'workgroup.member.upsert', params: { id: workgroupId }, body: { userId, role } })}
          changed={reload}
        />
      )}
    </section>
  );
}
