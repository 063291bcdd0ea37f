import { errorStatus } from '../../shared/rest/api-error';
import type { ErrorCode } from '../../shared/rest/api-error';

/** An error meant for the client: it carries the code, the status and a message safe to show. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  /** For a 429: when to try again, sent as the Retry-After header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, field?: string, retryAfterSeconds?: number) {
    super(message);
    this.code = code;
    this.status = errorStatus[code];
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const badRequest = (message: string, field?: string) => new ApiError('bad_request', message, field);
export const unauthenticated = (message = 'Sign in first: no valid session token or API key.') =>
  new ApiError('unauthenticated', message);
export const forbidden = (message: string) => new ApiError('forbidden', message);
/** Missing and invisible answer the same, so ids cannot be probed. */
export const notFound = (what: string) => new ApiError('not_found', `${what} not found.`);
export const conflict = (message: string, field?: string) => new ApiError('conflict', message, field);
export const planLimit = (message: string) => new ApiError('plan_limit', message);

/** Too many failed attempts: wait `retryAfterMs` (rounded up to whole seconds, as Retry-After counts). */
export const tooManyAttempts = (what: string, retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError('rate_limited', `Too many ${what} from here; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, undefined, seconds);
};
