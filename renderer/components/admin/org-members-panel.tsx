import { useState } from 'react';
import type { FormEvent } from 'react';
import type { OrgRole } from '../../../shared/domain/roles';
import { orgRoles } from '../../../shared/domain/roles';
import type { OrgMember } from '../../../shared/rest/org-endpoints';
import { useApi } from '../../api/api-context';
import { denialInOrg, memberChangeDenial } from '../../lib/org-permission';
import { useAppStore } from '../../store/store-context';
import type { CallOutcome } from '../../api/call-endpoint';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { formatDate } from './admin-format';
import { useEndpoint } from '../../api/use-directory-query';
import { RolePicker } from '../role-picker';
import { TableHead } from '../table-head';
import { chosenOption } from '../../lib/chosen-option';

function MemberRow({ member, onChanged }: { readonly member: OrgMember; readonly onChanged: () => Promise<void> }) {
  const api = useApi();
  const session = useAppStore((s) => s.session);
  const roles = useAppStore((s) => s.roles);
  const orgId = session?.organization?.id ?? '';
  const isMe = session?.user?.id === member.user.id;
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  // The reason a role change is refused whatever the new role (a member, or an admin facing an owner).
  const roleDenial = memberChangeDenial(session, roles, { kind: 'set-role', userId: member.user.id, currentRole: member.role, role: member.role });
  const optionDenial = (role: OrgRole) => memberChangeDenial(session, roles, { kind: 'set-role', userId: member.user.id, currentRole: member.role, role });
  const removeDenial = memberChangeDenial(session, roles, { kind: 'remove', userId: member.user.id, currentRole: member.role });

  const run = async (change: () => Promise<CallOutcome<unknown>>) => {
    setBusy(true);
    const outcome = await change();
    setBusy(false);
    if (outcome.kind === 'failed') return setError(outcome.message);
    setError(outcome.kind === 'queued' ? queuedNotice : null);
    setConfirming(false);
    await onChanged();
  };
  const changeRole = (role: OrgRole) =>
    run(() => callEndpoint(api, { endpoint: 'org.member.update-role', params: { id: orgId, uid: member.user.id }, body: { role } }));
  const remove = () => run(() => callEndpoint(api, { endpoint: 'org.member.remove', params: { id: orgId, uid: member.user.id } }));

  const name = member.user.displayName;
  return (
    <tr>
      <td>
        {name}
        {isMe && <span className="muted"> (you)</span>}
        {member.user.kind === 'service' && <span className="badge badge-inline">Service account</span>}
      </td>
      <td className="muted">{member.user.kind === 'service' ? '—' : member.user.email}</td>
      <td>
        <RolePicker name={name} roles={orgRoles} value={member.role} denial={roleDenial} optionDenial={optionDenial} busy={busy} onChoose={(role) => void changeRole(role)} />
      </td>
      <td className="muted nowrap">{formatDate(member.joinedAt)}</td>
      <td className="row-actions">
        {isMe || denialInOrg(session, roles, 'org.member.remove') !== null ? null : confirming ? (
          <>
            <button className="small danger" onClick={() => void remove()} disabled={busy}>
              Confirm removal
            </button>
            <button className="small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button className="small" aria-label={`Remove ${name}`} disabled={removeDenial !== null} title={removeDenial ?? undefined} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
      </td>
      <td className="row-note">
        {error !== null ? (
          <span className="error" role="alert">
            {error}
          </span>
        ) : (
          roleDenial !== null && !isMe && denialInOrg(session, roles, 'org.member.update-role') === null && <span className="reason">{roleDenial}</span>
        )}
      </td>
    </tr>
  );
}

function ServiceAccountForm({ onCreated }: { readonly onCreated: () => Promise<void> }) {
  const api = useApi();
  const orgId = useAppStore((s) => s.session?.organization?.id ?? '');
  const denial = useAppStore((s) => denialInOrg(s.session, s.roles, 'org.member.invite'));
  const [name, setName] = useState('');
  const [role, setRole] = useState<OrgRole>('member');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (denial !== null) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await callEndpoint(api, { endpoint: 'org.member.upsert', params: { id: orgId }, body: { serviceAccount: { displayName: name.trim() }, role } });
    if (outcome.kind === 'failed') return setError(outcome.message);
    setError(outcome.kind === 'queued' ? queuedNotice : null);
    setDone(outcome.kind === 'applied' ? `${outcome.value.user.displayName} was created. Mint an API key for it under API keys.` : null);
    setName('');
    await onCreated();
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} aria-label="New service account">
      <h2>Service accounts</h2>
      <p className="muted form-help">A service account signs in with API keys only: for scripts and integrations.</p>
      <div className="form-row">
        <label>
          Service account name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="CI pipeline" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(chosenOption(orgRoles, e.target.value) ?? role)} aria-label="Service account role">
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit" disabled={name.trim() === ''}>
          Create service account
        </button>
      </div>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done !== null && <p className="ok-note">{done}</p>}
    </form>
  );
}

/** The organization's members with their roles; changes only where the shared policy allows them. */
export function OrgMembersPanel() {
  const orgId = useAppStore((s) => s.session?.organization?.id ?? '');
  const manageDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'org.member.update-role'));
  const readDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'org.member.read'));
  const members = useEndpoint({ endpoint: 'org.member.list', params: { id: orgId } }, { kinds: ['user', 'organization'], enabled: readDenial === null });
  const [filter, setFilter] = useState('');

  if (readDenial !== null) return <p className="reason panel">{readDenial}</p>;
  const items = (members.data?.items ?? []).filter((m) => {
    const q = filter.trim().toLowerCase();
    return q === '' || m.user.displayName.toLowerCase().includes(q) || m.user.email.toLowerCase().includes(q);
  });
  const people = items.filter((m) => m.user.kind === 'person').length;

  return (
    <section className="panel admin-panel" aria-label="Organization members">
      <div className="panel-toolbar">
        <h2>
          Members <span className="count">{members.data?.items.length ?? ''}</span>
        </h2>
        <input className="filter" type="search" aria-label="Filter members" placeholder="Filter by name or email" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {manageDenial !== null && <p className="reason">{manageDenial}.</p>}
      {members.error !== null && (
        <p className="error" role="alert">
          {members.error}
        </p>
      )}
      {members.data === null ? (
        <p className="muted">{members.loading ? 'Loading members…' : ''}</p>
      ) : items.length === 0 ? (
        <p className="empty-state">{filter === '' ? 'No members yet.' : 'Nobody matches this filter.'}</p>
      ) : (
        <table className="dense-table">
          <TableHead columns={['Name', 'Email', 'Role', 'Joined', { hidden: 'Actions' }, { hidden: 'Notes' }]} />
          <tbody>
            {items.map((m) => (
              <MemberRow key={m.user.id} member={m} onChanged={members.reload} />
            ))}
          </tbody>
        </table>
      )}
      {members.data !== null && <p className="muted table-foot">{people} people, {items.length - people} service accounts</p>}
      <ServiceAccountForm onCreated={members.reload} />
    </section>
  );
}
