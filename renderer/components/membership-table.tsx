import { useState } from 'react';
import type { ProjectRole } from '../../shared/domain/roles';
import { projectRoles } from '../../shared/domain/roles';
import type { CallOutcome } from '../api/call-endpoint';
import { queuedNotice } from '../api/call-endpoint';
import type { MembershipScene } from '../lib/membership-denial';
import { membershipDenial } from '../lib/membership-denial';
import { useAppStore } from '../store/store-context';
import { roleLabel } from './admin/admin-format';
import { RoleChangeConfirm } from './role-change-confirm';
import { RolePicker } from './role-picker';
import { TableHead } from './table-head';

/** One person with a role here, as both the project and the workgroup Members tabs list them. */
export interface MembershipRow {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  /** The role they act with here. */
  readonly role: ProjectRole;
  /** The role given here directly; null when it comes only from elsewhere (and cannot be changed here). */
  readonly directRole: ProjectRole | null;
  /** Where the role comes from, in words. */
  readonly from: string;
}

export interface MembershipActions {
  setRole(userId: string, role: ProjectRole): Promise<CallOutcome<unknown>>;
  remove(userId: string): Promise<CallOutcome<unknown>>;
  /** Called after a change went through: reads the list again. */
  changed(): Promise<void>;
}

interface RowProps {
  readonly row: MembershipRow;
  readonly place: string;
  readonly scene: MembershipScene;
  readonly actions: MembershipActions;
}

function MemberRow({ row, place, scene, actions }: RowProps) {
  const session = useAppStore((s) => s.session);
  const roles = useAppStore((s) => s.roles);
  const isMe = session?.user?.id === row.userId;
  const [pending, setPending] = useState<ProjectRole | null>(null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const optionDenial = (role: ProjectRole) => membershipDenial(session, roles, scene, row.userId, { kind: 'direct', role });
  // Refused whatever the role: the reason stands in the row, before anyone tries.
  const refusals = projectRoles.filter((r) => r !== row.directRole).map(optionDenial);
  const roleDenial = row.directRole === null || refusals.some((d) => d === null) ? null : (refusals[0] ?? null);
  const removeDenial = membershipDenial(session, roles, scene, row.userId, { kind: isMe ? 'leave' : 'remove' });

  const run = async (change: () => Promise<CallOutcome<unknown>>) => {
    setBusy(true);
    const outcome = await change();
    setBusy(false);
    if (outcome.kind === 'failed') return setError(outcome.message);
    setError(outcome.kind === 'queued' ? queuedNotice : null);
    setPending(null);
    setConfirmingRemove(false);
    await actions.changed();
  };

  return (
    <>
      <tr>
        <td>
          <span className="truncate member-name" title={row.name}>
            {row.name}
          </span>
          {isMe && <span className="muted"> (you)</span>}
        </td>
        <td className="muted">
          <span className="truncate" title={row.email}>
            {row.email}
          </span>
        </td>
        <td>
          {row.directRole === null ? (
            <span title={`From ${row.from}; change it there`}>{roleLabel[row.role]}</span>
          ) : (
            <RolePicker
              name={row.name}
              roles={projectRoles}
              value={pending ?? row.directRole}
              held={row.directRole}
              denial={roleDenial}
              optionDenial={optionDenial}
              busy={busy}
              onChoose={(role) => setPending(role === row.directRole ? null : role)}
            />
          )}
        </td>
        <td className="muted">{row.from}</td>
        <td className="row-actions">
          {row.directRole !== null &&
            (confirmingRemove ? (
              <>
                <button className="small danger" disabled={busy} onClick={() => void run(() => actions.remove(row.userId))}>
                  {isMe ? 'Confirm leaving' : 'Confirm removal'}
                </button>
                <button className="small" onClick={() => setConfirmingRemove(false)}>
                  Cancel
                </button>
              </>
            ) : (
              <button
                className="small"
                aria-label={isMe ? `Leave ${place}` : `Remove ${row.name}`}
                disabled={removeDenial !== null}
                title={removeDenial ?? undefined}
                onClick={() => setConfirmingRemove(true)}
              >
                {isMe ? 'Leave' : 'Remove'}
              </button>
            ))}
        </td>
        <td className="row-note">
          {error !== null ? (
            <span className="error" role="alert">
              {error}
            </span>
          ) : (
            (roleDenial ?? (row.directRole !== null ? removeDenial : null)) !== null && <span className="reason">{roleDenial ?? removeDenial}</span>
          )}
        </td>
      </tr>
      {pending !== null && row.directRole !== null && (
        <tr>
          <td colSpan={6}>
            <RoleChangeConfirm
              person={row.name}
              place={place}
              from={row.directRole}
              to={pending}
              busy={busy}
              onCancel={() => setPending(null)}
              onConfirm={() => void run(() => actions.setRole(row.userId, pending))}
            />
          </td>
        </tr>
      )}
    </>
  );
}

export interface MembershipTableProps {
  readonly label: string;
  readonly place: string;
  readonly rows: readonly MembershipRow[];
  readonly scene: MembershipScene;
  readonly actions: MembershipActions;
}

/**
 * People with a role on a project or workgroup: role changes with a confirmation saying what
 * changes, removing and leaving, each refused before the click with the policy's reason.
 */
export function MembershipTable({ label, place, rows, scene, actions }: MembershipTableProps) {
  return (
    <table className="dense-table members-table" aria-label={label}>
      <TableHead columns={['Name', 'Email', 'Role', 'From', { hidden: 'Actions' }, { hidden: 'Notes' }]} />
      <tbody>
        {rows.map((row) => (
          <MemberRow key={row.userId} row={row} place={place} scene={scene} actions={actions} />
        ))}
      </tbody>
    </table>
  );
}
