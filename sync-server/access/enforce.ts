import type { Decision } from '../../shared/policy/decision';
import type { InvariantResult } from '../../shared/policy/invariants';
import { ApiError } from '../http/api-error';

/** Turns a policy refusal into the API error it maps to; an allowed decision passes through. */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new ApiError(decision.code, decision.reason);
}

/** Turns an invariant violation into its API error (409 conflict, or 404 for someone who is not there). */
export function enforceInvariant(result: InvariantResult): void {
  if (!result.ok) throw new ApiError(result.code, result.reason);
}
