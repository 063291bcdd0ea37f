import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../../shared/domain/plan';
import { plans } from '../../../../shared/domain/plan';
import type { PlanCheck } from '../../../../shared/policy/plan-limits';
import { checkPlan, planChangeConsequences, planLimits } from '../../../../shared/policy/plan-limits';

describe('the plan table', () => {
  it('matches the plans of the design', () => {
    expect(planLimits).toEqual({
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
    });
  });
});

describe('checkPlan', () => {
  it('allows up to the limit and refuses past it, naming the limit', () => {
    expect(checkPlan('free', { kind: 'create-project', currentProjects: 0 })).toEqual({ ok: true });
    expect(checkPlan('free', { kind: 'create-project', currentProjects: 1 })).toEqual({
      ok: false,
      limit: 'projects',
      message: 'The free plan allows 1 project',
    });
    expect(checkPlan('standard', { kind: 'create-project', currentProjects: 9 })).toEqual({ ok: true });
    expect(checkPlan('standard', { kind: 'create-project', currentProjects: 10 })).toEqual({
      ok: false,
      limit: 'projects',
      message: 'The standard plan allows 10 projects',
    });
  });

  it('limits members per project', () => {
    expect(checkPlan('free', { kind: 'add-project-member', currentMembers: 1 })).toEqual({ ok: true });
    expect(checkPlan('free', { kind: 'add-project-member', currentMembers: 2 })).toEqual({
      ok: false,
      limit: 'membersPerProject',
      message: 'The free plan allows 2 members per project',
    });
    expect(checkPlan('professional', { kind: 'add-project-member', currentMembers: 50 })).toMatchObject({
      message: 'The professional plan allows 50 members per project',
    });
  });

  it('says a plan without workgroups does not include them', () => {
    expect(checkPlan('free', { kind: 'create-workgroup', currentWorkgroups: 0 })).toEqual({
      ok: false,
      limit: 'workgroups',
      message: 'The free plan does not include workgroups',
    });
    expect(checkPlan('standard', { kind: 'create-workgroup', currentWorkgroups: 2 })).toEqual({ ok: true });
    expect(checkPlan('standard', { kind: 'create-workgroup', currentWorkgroups: 3 })).toMatchObject({
      message: 'The standard plan allows 3 workgroups',
    });
  });

  it('gates features by plan', () => {
    expect(checkPlan('free', { kind: 'use-registry' })).toEqual({
      ok: false,
      limit: 'registries',
      message: 'The free plan does not include model and agent registries',
    });
    expect(checkPlan('standard', { kind: 'use-registry' })).toEqual({ ok: true });
    expect(checkPlan('standard', { kind: 'enforce-models-tools' })).toEqual({
      ok: false,
      limit: 'enforcedModelsAndTools',
      message: 'The standard plan does not include enforced models and tools',
    });
    expect(checkPlan('professional', { kind: 'enforce-models-tools' })).toEqual({ ok: true });
    expect(checkPlan('standard', { kind: 'read-audit-log' })).toEqual({
      ok: false,
      limit: 'auditLogs',
      message: 'The standard plan does not include audit logs',
    });
    expect(checkPlan('professional', { kind: 'read-audit-log' })).toEqual({ ok: true });
  });

  it('counts sharing into a second workgroup as cross-workgroup sharing, not the first', () => {
    expect(checkPlan('professional', { kind: 'share-project-cross-workgroup', currentWorkgroupsOfProject: 0 })).toEqual({
      ok: true,
    });
    expect(checkPlan('professional', { kind: 'share-project-cross-workgroup', currentWorkgroupsOfProject: 1 })).toEqual({
      ok: false,
      limit: 'crossWorkgroupSharing',
      message: 'The professional plan does not include cross-workgroup sharing',
    });
    expect(checkPlan('enterprise', { kind: 'share-project-cross-workgroup', currentWorkgroupsOfProject: 5 })).toEqual({
      ok: true,
    });
  });

  it('limits nothing on enterprise', () => {
    const huge = 1_000_000;
    const checks: PlanCheck[] = [
      { kind: 'create-project', currentProjects: huge },
      { kind: 'add-project-member', currentMembers: huge },
      { kind: 'create-workgroup', currentWorkgroups: huge },
      { kind: 'use-registry' },
      { kind: 'enforce-models-tools' },
      { kind: 'share-project-cross-workgroup', currentWorkgroupsOfProject: huge },
      { kind: 'read-audit-log' },
    ];
    for (const check of checks) expect(checkPlan('enterprise', check)).toEqual({ ok: true });
  });
});

const count = fc.nat({ max: 120 });
const checkArb: fc.Arbitrary<PlanCheck> = fc.oneof(
  count.map((currentProjects): PlanCheck => ({ kind: 'create-project', currentProjects })),
  count.map((currentMembers): PlanCheck => ({ kind: 'add-project-member', currentMembers })),
  count.map((currentWorkgroups): PlanCheck => ({ kind: 'create-workgroup', currentWorkgroups })),
  fc.constant<PlanCheck>({ kind: 'use-registry' }),
  fc.constant<PlanCheck>({ kind: 'enforce-models-tools' }),
  count.map((currentWorkgroupsOfProject): PlanCheck => ({ kind: 'share-project-cross-workgroup', currentWorkgroupsOfProject })),
  fc.constant<PlanCheck>({ kind: 'read-audit-log' }),
);
const planPair = fc
  .tuple(fc.nat({ max: plans.length - 1 }), fc.nat({ max: plans.length - 1 }))
  .map(([a, b]) => [plans[Math.min(a, b)], plans[Math.max(a, b)]] as [Plan, Plan]);

describe('plan properties', () => {
  it('never refuses on a bigger plan what a smaller plan allows', () => {
    fc.assert(
      fc.property(planPair, checkArb, ([smaller, bigger], check) => {
        if (checkPlan(smaller, check).ok) expect(checkPlan(bigger, check).ok).toBe(true);
      }),
    );
  });

  it('never allows a count once a smaller count is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...plans), count, count, (plan, a, b) => {
        const [low, high] = [Math.min(a, b), Math.max(a, b)];
        if (!checkPlan(plan, { kind: 'create-project', currentProjects: low }).ok) {
          expect(checkPlan(plan, { kind: 'create-project', currentProjects: high }).ok).toBe(false);
        }
      }),
    );
  });

  it('names the plan and a limit that exists in every refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...plans), checkArb, (plan, check) => {
        const result = checkPlan(plan, check);
        if (result.ok) return;
        expect(result.message.startsWith(`The ${plan} plan `)).toBe(true);
        expect(Object.keys(planLimits[plan])).toContain(result.limit);
      }),
    );
  });
});

describe('what a plan change takes away', () => {
  const busy = { projects: 12, workgroups: 4, membersPerProject: 11 };

  it('says nothing for an upgrade, whatever is in use', () => {
    for (let i = 0; i < plans.length; i++) {
      for (let j = i; j < plans.length; j++) expect(planChangeConsequences(plans[i] as Plan, plans[j] as Plan, { projects: 1, workgroups: 0, membersPerProject: 2 })).toEqual([]);
    }
  });

  it('names each limit already passed and each feature lost, going down', () => {
    expect(planChangeConsequences('enterprise', 'standard', busy)).toEqual([
      '12 projects in use, and the standard plan allows 10 projects: nothing is removed, but no more can be added.',
      '11 members per project in use, and the standard plan allows 10 members per project: nothing is removed, but no more can be added.',
      '4 workgroups in use, and the standard plan allows 3 workgroups: nothing is removed, but no more can be added.',
      'The standard plan does not include enforced models and tools.',
      'The standard plan does not include cross-workgroup sharing.',
      'The standard plan does not include audit logs.',
    ]);
    expect(planChangeConsequences('professional', 'free', { projects: 1, workgroups: 1, membersPerProject: null })).toEqual([
      '1 workgroup in use, and the free plan does not include workgroups: nothing is removed, but no more can be added.',
      'The free plan does not include model and agent registries.',
      'The free plan does not include enforced models and tools.',
      'The free plan does not include audit logs.',
    ]);
  });

  it('says nothing of a limit the organization stays within', () => {
    expect(planChangeConsequences('enterprise', 'professional', { projects: 50, workgroups: 20, membersPerProject: 50 })).toEqual(['The professional plan does not include cross-workgroup sharing.']);
  });
});
