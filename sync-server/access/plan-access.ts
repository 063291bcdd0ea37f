import type { Plan } from '../../shared/domain/plan';
import type { PlanCheck } from '../../shared/policy/plan-limits';
import { checkPlan } from '../../shared/policy/plan-limits';
import { notFound, planLimit } from '../http/api-error';
import type { Services } from '../http/services';

export function planOf(services: Services, orgId: string): Plan {
  const row = services.db.prepare('SELECT plan FROM organizations WHERE id = ?').get(orgId) as { plan: Plan } | undefined;
  if (!row) throw notFound('Organization');
  return row.plan;
}

/** Refuses with 402 and the plan's own sentence when the organization's plan does not allow `check`. */
export function requirePlan(services: Services, orgId: string, check: PlanCheck): void {
  const result = checkPlan(planOf(services, orgId), check);
  if (!result.ok) throw planLimit(`${result.message}.`);
}
