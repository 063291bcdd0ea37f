import type { ProjectRole } from '../../shared/domain/roles';
import { roleChangeSummary } from '../../shared/policy/role-change-summary';
import { roleLabel } from './admin/admin-format';

export interface RoleChangeConfirmProps {
  readonly person: string;
  /** Where the role holds, as a person reads it: "Project Alpha", "every project of Workgroup Research". */
  readonly place: string;
  readonly from: ProjectRole;
  readonly to: ProjectRole;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Asks before a role changes, saying what the person gains or loses there. */
export function RoleChangeConfirm({ person, place, from, to, busy, onConfirm, onCancel }: RoleChangeConfirmProps) {
  const { gains, losses } = roleChangeSummary(from, to);
  return (
    <div className="confirm-box" role="group" aria-label={`Confirm role change for ${person}`}>
      <p>
        Make {person} {/^[aeio]/i.test(to) ? 'an' : 'a'} {roleLabel[to]} instead of {roleLabel[from]} on {place}?
      </p>
      {gains.length > 0 && <p className="muted">They will be able to {gains.join(', ')}.</p>}
      {losses.length > 0 && <p className="muted">They will no longer be able to {losses.join(', ')}.</p>}
      <div className="form-actions">
        <button type="button" className="small" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="small primary" disabled={busy} onClick={onConfirm}>
          Change role
        </button>
      </div>
    </div>
  );
}
