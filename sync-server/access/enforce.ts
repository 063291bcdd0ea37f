import type { Decision } from '../../shared/policy/decision';
import { ApiError } from '../http/api-error';

/** Turns a policy refusal into the API error it maps to; an allowed decision passes through. */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new ApiError(decision.code, decision.reason);
}
