import type { ProjectRole } from '../domain/roles';
import type { ProjectAction } from './actions';
import { capabilities, capabilitiesOf } from './capabilities';

export interface RoleChangeSummary {
  /** What the new role may do that the old one may not, in the capability table's own words. */
  readonly gains: readonly string[];
  readonly losses: readonly string[];
}

/**
 * What changes for a person moved from one project role to another (a workgroup role is the same
 * role on each of its projects): read from the capability table, so a confirmation says exactly
 * what the policy will then allow and refuse.
 */
export function roleChangeSummary(from: ProjectRole, to: ProjectRole): RoleChangeSummary {
  const before = new Set(capabilitiesOf(from, 'project'));
  const after = new Set(capabilitiesOf(to, 'project'));
  const words = (actions: readonly ProjectAction[]) => [...new Set(actions.map((action) => capabilities[action].what))];
  return {
    gains: words([...after].filter((action) => !before.has(action))),
    losses: words([...before].filter((action) => !after.has(action))),
  };
}
