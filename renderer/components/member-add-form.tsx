import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ProjectRole } from '../../shared/domain/roles';
import { projectRoles } from '../../shared/domain/roles';
import type { OrgMember } from '../../shared/rest/org-endpoints';
import type { CallOutcome } from '../api/call-endpoint';
import { queuedNotice } from '../api/call-endpoint';
import { chosenOption } from '../lib/chosen-option';
import type { MembershipScene } from '../lib/membership-denial';
import { membershipDenial } from '../lib/membership-denial';
import { useAppStore } from '../store/store-context';
import { roleLabel } from './admin/admin-format';
import { FormFooter } from './form-footer';

export interface MemberAddFormProps {
  readonly place: string;
  /** The organization's members; null while they load. */
  readonly candidates: readonly OrgMember[] | null;
  /** People already given a role here directly: adding them again would only change it. */
  readonly present: ReadonlySet<string>;
  readonly scene: MembershipScene;
  readonly add: (userId: string, role: ProjectRole) => Promise<CallOutcome<unknown>>;
  readonly changed: () => Promise<void>;
}

const shownAtOnce = 8;

/**
 * Adds an existing member of the organization with a role: a search over names and emails, a
 * list of matches (people who share a name are told apart by their email), and the policy's
 * refusal for the one picked before the button is pressed.
 */
export function MemberAddForm({ place, candidates, present, scene, add, changed }: MemberAddFormProps) {
  const session = useAppStore((s) => s.session);
  const roles = useAppStore((s) => s.roles);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<OrgMember | null>(null);
  const [role, setRole] = useState<ProjectRole>('member');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const q = query.trim().toLocaleLowerCase();
  const open = (candidates ?? []).filter((m) => !present.has(m.user.id));
  const matches = open.filter((m) => q === '' || m.user.displayName.toLocaleLowerCase().includes(q) || m.user.email.includes(q));
  const denial = picked === null ? null : membershipDenial(session, roles, scene, picked.user.id, { kind: 'direct', role });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (picked === null) return;
    setBusy(true);
    const outcome = await add(picked.user.id, role);
    setBusy(false);
    if (outcome.kind === 'failed') return setError(outcome.message);
    setError(null);
    setDone(outcome.kind === 'queued' ? queuedNotice : `${picked.user.displayName} is now ${/^[aeio]/i.test(role) ? 'an' : 'a'} ${roleLabel[role]} of ${place}.`);
    setPicked(null);
    setQuery('');
    await changed();
  };

  return (
    <form className="admin-form" aria-label="Add a member" onSubmit={(e) => void submit(e)}>
      <h2>Add a member</h2>
      <p className="muted form-help">Anyone in the organization can be added here. Someone who is not in it yet is invited from Organization → Invitations.</p>
      <div className="form-row">
        <label className="grow">
          Find a person
          <input
            type="search"
            value={query}
            maxLength={100}
            placeholder="Name or email"
            aria-controls="member-matches"
            onChange={(e) => {
              setQuery(e.target.value);
              setPicked(null);
            }}
          />
        </label>
        <label>
          Role
          <select aria-label="Role to give" value={role} onChange={(e) => setRole(chosenOption(projectRoles, e.target.value) ?? role)}>
            {projectRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabel[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {candidates === null ? (
        <p className="muted">Loading the organization’s members…</p>
      ) : matches.length === 0 ? (
        <p className="muted">{open.length === 0 ? 'Everyone in the organization already has a role here.' : 'Nobody in the organization matches.'}</p>
      ) : (
        <ul id="member-matches" className="picker-list" role="listbox" aria-label="Matching people">
          {matches.slice(0, shownAtOnce).map((m) => (
            <li key={m.user.id}>
              <button type="button" role="option" aria-selected={picked?.user.id === m.user.id} onClick={() => setPicked(m)}>
                <span className="truncate" title={m.user.displayName}>
                  {m.user.displayName}
                </span>{' '}
                <span className="muted">{m.user.kind === 'service' ? 'service account' : m.user.email}</span>
              </button>
            </li>
          ))}
          {matches.length > shownAtOnce && <li className="muted nav-empty">{matches.length - shownAtOnce} more: type more of the name</li>}
        </ul>
      )}
      <FormFooter
        denial={denial}
        error={error}
        submitLabel={picked === null ? 'Add member' : `Add ${picked.user.displayName}`}
        disabled={picked === null || busy}
        waiting="Pick a person first"
      />
      {done !== null && (
        <p className="ok-note" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
