import type { Plan } from '../domain/plan';

/**
 * What each plan includes (DESIGN section 5). Counts are maximums, `Infinity` for unlimited (it
 * serializes to `null` in JSON, which is how the REST API shows "unlimited"); a count of 0 means
 * the feature is not included. Flags say whether the feature is included.
 */
export interface PlanLimits {
  readonly projects: number;
  readonly membersPerProject: number;
  readonly workgroups: number;
  readonly registries: boolean;
  readonly enforcedModelsAndTools: boolean;
  readonly crossWorkgroupSharing: boolean;
  readonly auditLogs: boolean;
}

export type LimitName = keyof PlanLimits;

export const planLimits: Readonly<Record<Plan, PlanLimits>> = {
  free: {
    projects: 1,
    membersPerProject: 2,
    workgroups: 0,
    registries: false,
    enforcedModelsAndTools: false,
    crossWorkgroupSharing: false,
    auditLogs: false,
  },
  standard: {
    projects: 10,
    membersPerProject: 10,
    workgroups: 3,
    registries: true,
    enforcedModelsAndTools: false,
    crossWorkgroupSharing: false,
    auditLogs: false,
  },
  professional: {
    projects: 50,
    membersPerProject: 50,
    workgroups: 20,
    registries: true,
    enforcedModelsAndTools: true,
    crossWorkgroupSharing: false,
    auditLogs: true,
  },
  enterprise: {
    projects: Infinity,
    membersPerProject: Infinity,
    workgroups: Infinity,
    registries: true,
    enforcedModelsAndTools: true,
    crossWorkgroupSharing: true,
    auditLogs: true,
  },
};

/**
 * A question for the plan, asked before the change. Counts are the current state, before the
 * change: `currentMembers` counts the project's direct members (re-adding an existing member only
 * updates the role and is not asked), `currentWorkgroupsOfProject` counts the workgroups already
 * holding the project (its primary included).
 */
export type PlanCheck =
  | { readonly kind: 'create-project'; readonly currentProjects: number }
  | { readonly kind: 'add-project-member'; readonly currentMembers: number }
  | { readonly kind: 'create-workgroup'; readonly currentWorkgroups: number }
  | { readonly kind: 'use-registry' }
  | { readonly kind: 'enforce-models-tools' }
  | { readonly kind: 'share-project-cross-workgroup'; readonly currentWorkgroupsOfProject: number }
  | { readonly kind: 'read-audit-log' };

/** A refusal answers with status 402 and names the limit, so the UI can point at the upgrade. */
export type PlanCheckResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly limit: LimitName; readonly message: string };

const ok: PlanCheckResult = { ok: true };

/** How each limit reads in a sentence: singular and plural nouns for counts, a phrase for features. */
const counted = {
  projects: ['project', 'projects'],
  membersPerProject: ['member per project', 'members per project'],
  workgroups: ['workgroup', 'workgroups'],
} as const satisfies Partial<Record<LimitName, readonly [string, string]>>;

const featureNames = {
  registries: 'model and agent registries',
  enforcedModelsAndTools: 'enforced models and tools',
  crossWorkgroupSharing: 'cross-workgroup sharing',
  auditLogs: 'audit logs',
} as const satisfies Partial<Record<LimitName, string>>;

function countLimit(plan: Plan, limit: keyof typeof counted, current: number): PlanCheckResult {
  const max = planLimits[plan][limit];
  if (current < max) return ok;
  const [one, many] = counted[limit];
  const message =
    max === 0
      ? `The ${plan} plan does not include ${many}`
      : `The ${plan} plan allows ${max} ${max === 1 ? one : many}`;
  return { ok: false, limit, message };
}

function featureLimit(plan: Plan, limit: keyof typeof featureNames): PlanCheckResult {
  return planLimits[plan][limit]
    ? ok
    : { ok: false, limit, message: `The ${plan} plan does not include ${featureNames[limit]}` };
}

export function checkPlan(plan: Plan, check: PlanCheck): PlanCheckResult {
  switch (check.kind) {
    case 'create-project':
      return countLimit(plan, 'projects', check.currentProjects);
    case 'add-project-member':
      return countLimit(plan, 'membersPerProject', check.currentMembers);
    case 'create-workgroup':
      return countLimit(plan, 'workgroups', check.currentWorkgroups);
    case 'use-registry':
      return featureLimit(plan, 'registries');
    case 'enforce-models-tools':
      return featureLimit(plan, 'enforcedModelsAndTools');
    case 'share-project-cross-workgroup':
      // Putting a project in its first workgroup is not sharing; any further one is.
      return check.currentWorkgroupsOfProject === 0 ? ok : featureLimit(plan, 'crossWorkgroupSharing');
    case 'read-audit-log':
      return featureLimit(plan, 'auditLogs');
  }
}

/** What is counted against a plan's limits right now, as far as the asker can see. */
export interface PlanUsage {
  readonly projects: number;
  readonly workgroups: number;
  /** The most direct members of any one project; null when it is not known. */
  readonly membersPerProject: number | null;
}

/**
 * What moving from one plan to another takes away, in sentences, for the person about to do it:
 * counted limits the organization already goes beyond (nothing is removed, but nothing more can be
 * added) and features the new plan does not include. Empty for an upgrade.
 */
export function planChangeConsequences(from: Plan, to: Plan, usage: PlanUsage): string[] {
  const said: string[] = [];
  for (const limit of Object.keys(counted) as (keyof typeof counted)[]) {
    const used = usage[limit];
    const max = planLimits[to][limit];
    if (used === null || used <= max) continue;
    const [one, many] = counted[limit];
    const allows = max === 0 ? `does not include ${many}` : `allows ${max} ${max === 1 ? one : many}`;
    said.push(`${used} ${used === 1 ? one : many} in use, and the ${to} plan ${allows}: nothing is removed, but no more can be added.`);
  }
  for (const feature of Object.keys(featureNames) as (keyof typeof featureNames)[]) {
    if (planLimits[from][feature] && !planLimits[to][feature]) said.push(`The ${to} plan does not include ${featureNames[feature]}.`);
  }
  return said;
}
