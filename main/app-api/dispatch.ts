import { parseInput } from '../../shared/domain/schema-error';
import type { AppMethodName } from '../../shared/app-api/app-api-contract';
import { appMethods } from '../../shared/app-api/app-api-contract';
import type { AppApiHandlers } from '../../shared/app-api/app-api-types';
import type { AppResult } from '../../shared/app-api/app-result';
import { fail, ok } from '../../shared/app-api/app-result';
import { AppFailure } from './app-failure';

export type Dispatch = (method: unknown, input: unknown) => Promise<AppResult<unknown>>;

function isMethod(method: unknown): method is AppMethodName {
  return typeof method === 'string' && Object.hasOwn(appMethods, method);
}

/**
 * The one entry point both shells call: an unknown method is refused, the input is parsed with the
 * contract's schema before the handler sees it, and every outcome, a failure included, comes back as
 * a result value.
 */
export function createDispatch(handlers: AppApiHandlers, onInternalError: (error: unknown) => void): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) return fail('bad_request', 'Unknown method.');
    const parsed = parseInput(appMethods[method].input, input);
    if (!parsed.ok) {
      return fail('bad_request', parsed.error.field ? `${parsed.error.field} ${parsed.error.message}` : `The input ${parsed.error.message}`, parsed.error.field || undefined);
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown;
      return ok(await handler(parsed.value));
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.code, error.message, error.field);
      onInternalError(error);
      return fail('internal', 'Something went wrong on this computer; the details are in the log.');
    }
  };
}
