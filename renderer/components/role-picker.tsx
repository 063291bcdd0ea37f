import { chosenOption } from '../lib/chosen-option';
import { roleLabel } from './admin/admin-format';

interface RolePickerProps<R extends string> {
  /** Whose role it is, for the picker's accessible name. */
  readonly name: string;
  readonly roles: readonly R[];
  /** The role shown: the one held now, or one picked and waiting for confirmation. */
  readonly value: R;
  /** The role held now, never refused as a choice; `value` unless a pick is waiting. */
  readonly held?: R;
  /** Why no other role can be chosen, when none can: the picker is disabled and says so. */
  readonly denial: string | null;
  /** Why one role cannot be chosen; its option is disabled. */
  readonly optionDenial: (role: R) => string | null;
  readonly busy: boolean;
  readonly onChoose: (role: R) => void;
}

/**
 * A member's role as a picker, in the organization's and in a project's or workgroup's members:
 * the roles the policy refuses are disabled before anyone picks them.
 */
export function RolePicker<R extends string>({ name, roles, value, held = value, denial, optionDenial, busy, onChoose }: RolePickerProps<R>) {
  return (
    <select
      aria-label={`Role of ${name}`}
      value={value}
      disabled={denial !== null || busy}
      title={denial ?? undefined}
      onChange={(e) => {
        const role = chosenOption(roles, e.target.value);
        if (role !== undefined) onChoose(role);
      }}
    >
      {roles.map((r) => (
        <option key={r} value={r} disabled={r !== held && optionDenial(r) !== null}>
          {roleLabel[r]}
        </option>
      ))}
    </select>
  );
}
