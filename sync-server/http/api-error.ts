import { errorStatus } from '../../shared/rest/api-error';
import type { ErrorCode } from '../../shared/rest/api-error';

/** An error meant for the client: it carries the code, the status and a message safe to show. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.status = errorStatus[code];
    this.field = field;
  }
}

export const badRequest = (message: string, field?: string) => new ApiError('bad_request', message, field);
export const unauthenticated = (message = 'Sign in first: no valid session token or API key.') =>
  new ApiError('unauthenticated', message);
export const forbidden = (message: string) => new ApiError('forbidden', message);
/** Missing and invisible answer the same, so ids cannot be probed. */
export const notFound = (what: string) => new ApiError('not_found', `${what} not found.`);
export const conflict = (message: string) => new ApiError('conflict', message);
export const planLimit = (message: string) => new ApiError('plan_limit', message);
