import type { InvariantResult } from '../../shared/policy/invariants';
import { ApiError } from '../http/api-error';

/** Turns an invariant violation into its API error (409 conflict, or 404 for someone who is not there). */
export function enforceInvariant(result: InvariantResult): void {
  if (!result.ok) throw new ApiError(result.code, result.reason);
}
