import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { InvitationTarget } from '../../../shared/domain/invitation';
import { orgRoles, projectRoles } from '../../../shared/domain/roles';
import { denialInWorkgroup } from '../../lib/workgroup-permission';
import { useApi } from '../../api/api-context';
import { denialInOrg, memberChangeDenial } from '../../lib/org-permission';
import { denialInProject } from '../../lib/project-permission';
import { useAppStore } from '../../store/store-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { formatDateTime, roleLabel, userName } from './admin-format';
import { AcceptInvitationForm } from './accept-invitation-form';
import { SecretDialog } from './secret-dialog';
import { useEndpoint } from '../../api/use-directory-query';
import { TableHead } from '../table-head';

/** Where an invitation may lead, by the policy: `organization`, `workgroup:<id>` or `project:<id>`. */
function useInviteTargets(): { value: string; label: string; group: string }[] {
  const session = useAppStore((s) => s.session);
  const roles = useAppStore((s) => s.roles);
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  return useMemo(() => {
    const targets: { value: string; label: string; group: string }[] = [];
    if (denialInOrg(session, roles, 'invitation.create') === null) targets.push({ value: 'organization', label: session?.organization?.name ?? 'Organization', group: 'Organization' });
    for (const w of workgroups) {
      if (denialInWorkgroup(session, roles, w.id, 'workgroup.member.manage') === null) targets.push({ value: `workgroup:${w.id}`, label: w.name, group: 'Workgroups' });
    }
    for (const p of projects) {
      if (denialInProject(session, roles, p.id, 'project.member.manage') === null) targets.push({ value: `project:${p.id}`, label: p.name, group: 'Projects' });
    }
    return targets;
  }, [session, roles, projects, workgroups]);
}

function InviteForm({ onInvited }: { readonly onInvited: () => Promise<void> }) {
  const api = useApi();
  const session = useAppStore((s) => s.session);
  const roles = useAppStore((s) => s.roles);
  const targets = useInviteTargets();
  const [email, setEmail] = useState('');
  const [target, setTarget] = useState(targets[0]?.value ?? '');
  const [role, setRole] = useState('member');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; link: string; replacedEarlier: boolean } | null>(null);
  if (targets.length === 0) return null;

  const onOrg = target === 'organization';
  const roleChoices = onOrg ? orgRoles.filter((r) => memberChangeDenial(session, roles, { kind: 'invite', role: r }) === null) : [...projectRoles].reverse();
  const chosenRole = roleChoices.find((r) => r === role) ?? 'member';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [kind, id = ''] = target.split(':');
    // Main checks the body against the contract's schema; the role lists above follow that schema.
    const projectRole = projectRoles.find((r) => r === chosenRole) ?? 'member';
    const invited: InvitationTarget =
      kind === 'workgroup'
        ? { kind, workgroupId: id, role: projectRole }
        : kind === 'project'
          ? { kind, projectId: id, role: projectRole }
          : { kind: 'organization', role: orgRoles.find((r) => r === chosenRole) ?? 'member' };
    const body = { email: email.trim(), target: invited };
    const outcome = await callEndpoint(api, { endpoint: 'invitation.create', body });
    if (outcome.kind === 'failed') return setError(outcome.message);
    // Its link is made by the server when it is created: one made offline could never be shown.
    if (outcome.kind === 'queued') return setError('Inviting someone needs the server, which makes the invitation’s one-time link; try again when you are online.');
    setError(null);
    setCreated({ email: outcome.value.email, link: outcome.value.link, replacedEarlier: outcome.value.replacedEarlier });
    setEmail('');
    await onInvited();
  };

  const groups = [...new Set(targets.map((t) => t.group))];
  return (
    <>
      <form className="admin-form" onSubmit={(e) => void submit(e)} aria-label="Invite someone">
        <h2>Invite someone</h2>
        <p className="muted form-help">
          Quorum sends no email: you get a one-time invitation link to hand over yourself. It works only for this email address, when they sign up
          or sign in with it.
        </p>
        <div className="form-row">
          <label className="grow">
            Email to invite
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required placeholder="name@example.com" />
          </label>
          <label>
            Invite to
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              {groups.map((g) => (
                <optgroup key={g} label={g}>
                  {targets
                    .filter((t) => t.group === g)
                    .map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            Role
            <select value={chosenRole} onChange={(e) => setRole(e.target.value)} aria-label="Invitation role">
              {roleChoices.map((r) => (
                <option key={r} value={r}>
                  {roleLabel[r]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={email.trim() === ''}>
            Create invitation link
          </button>
        </div>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {created !== null && (
        <SecretDialog
          title={`Invitation for ${created.email} created`}
          instructions={`${created.replacedEarlier ? `This replaces the invitation already waiting for ${created.email} there: its earlier link no longer works. ` : ''}Quorum sends no email: copy this link and send it to ${created.email} yourself. They paste it (or the code after quorum://invite/) as the invitation code when they sign up or sign in with that address, or under Organization → Invitations if they are already signed in.`}
          label="Invitation link"
          secret={created.link}
          onClose={() => setCreated(null)}
        />
      )}
    </>
  );
}

/** Pending invitations with their targets and roles, a form to invite by email, and revoking. */
export function InvitationsPanel() {
  const api = useApi();
  const readDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'invitation.read'));
  const revokeDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'invitation.revoke'));
  const users = useAppStore((s) => s.users);
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const list = useEndpoint({ endpoint: 'invitation.list' }, { kinds: ['invitation'], enabled: readDenial === null });
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);

  const describe = (target: InvitationTarget) => {
    switch (target.kind) {
      case 'organization':
        return 'Organization';
      case 'workgroup':
        return `Workgroup ${workgroups.find((w) => w.id === target.workgroupId)?.name ?? 'you cannot see'}`;
      case 'project':
        return `Project ${projects.find((p) => p.id === target.projectId)?.name ?? 'you cannot see'}`;
    }
  };
  const revoke = async (id: string) => {
    const outcome = await callEndpoint(api, { endpoint: 'invitation.revoke', params: { id } });
    setRowError(outcome.kind === 'failed' ? { id, message: outcome.message } : outcome.kind === 'queued' ? { id, message: queuedNotice } : null);
    await list.reload();
  };
  const pending = (list.data?.items ?? []).filter((i) => i.status === 'pending');

  return (
    <section className="panel admin-panel" aria-label="Invitations">
      <InviteForm onInvited={list.reload} />
      <AcceptInvitationForm />
      <div className="panel-toolbar">
        <h2>
          Pending invitations <span className="count">{readDenial === null ? pending.length : ''}</span>
        </h2>
      </div>
      {readDenial !== null ? (
        <p className="reason">{readDenial}.</p>
      ) : list.error !== null ? (
        <p className="error" role="alert">
          {list.error}
        </p>
      ) : list.data === null ? (
        <p className="muted">Loading invitations…</p>
      ) : pending.length === 0 ? (
        <p className="empty-state">No pending invitations. People you invite appear here until they join.</p>
      ) : (
        <table className="dense-table" aria-label="Pending invitations">
          <TableHead columns={['Email', 'Invited to', 'Role', 'Invited by', 'Sent', { hidden: 'Actions' }]} />
          <tbody>
            {pending.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{describe(i.target)}</td>
                <td>{roleLabel[i.target.role]}</td>
                <td className="muted">{userName(users, i.invitedBy)}</td>
                <td className="muted nowrap">{formatDateTime(i.createdAt)}</td>
                <td className="row-actions">
                  <button className="small" aria-label={`Revoke invitation for ${i.email}`} disabled={revokeDenial !== null} title={revokeDenial ?? undefined} onClick={() => void revoke(i.id)}>
                    Revoke
                  </button>
                  {rowError?.id === i.id && (
                    <span className="error" role="alert">
                      {rowError.message}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
