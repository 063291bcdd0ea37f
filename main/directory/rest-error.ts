import type { AppErrorCode } from '../../shared/app-api/app-result';
import { ApiErrorBody } from '../../shared/rest/api-error';
import type { ErrorCode } from '../../shared/rest/api-error';
import { AppFailure } from '../app-api/app-failure';

/**
 * A REST call that did not succeed. `status` is the HTTP status, 0 when no answer came back at
 * all (the network is down, the server is not running, the call timed out). Being an AppFailure,
 * it reaches the renderer as the server's code and message.
 */
export class RestError extends AppFailure {
  constructor(
    code: AppErrorCode,
    message: string,
    readonly status: number,
    field?: string,
  ) {
    super(code, message, field);
  }

  /** No answer from the server: nothing can be concluded about the request. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /**
   * Worth sending again later unchanged: no answer, the server overloaded or failing, or the
   * session gone (signing in again makes the same request valid). Anything else is the server's
   * verdict on the request itself.
   */
  get isRetryable(): boolean {
    return this.status === 0 || this.status === 401 || this.status === 429 || this.status >= 500;
  }
}

const codeByRestCode: Readonly<Record<ErrorCode, AppErrorCode>> = {
  bad_request: 'bad_request',
  unauthenticated: 'unauthenticated',
  plan_limit: 'plan_limit',
  forbidden: 'forbidden',
  reauthentication_required: 'reauthentication_required',
  not_found: 'not_found',
  conflict: 'conflict',
  payload_too_large: 'payload_too_large',
  unsupported_media_type: 'bad_request',
  rate_limited: 'unavailable',
  internal: 'unavailable',
};

function codeOfStatus(status: number): AppErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 402:
      return 'plan_limit';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    default:
      return status >= 500 || status === 429 ? 'unavailable' : 'bad_request';
  }
}

/**
 * The error an answer carries: the server's `{ error: { code, message, field } }` when it sent
 * one, otherwise a code from the status (a proxy in between may answer with anything).
 */
export function restErrorOf(status: number, body: unknown): RestError {
  const parsed = ApiErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new RestError(codeByRestCode[code], message, status, field);
  }
  return new RestError(codeOfStatus(status), `The server answered with status ${String(status)}.`, status);
}

export function networkError(serverUrl: string, cause: unknown): RestError {
  const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
  return new RestError(
    'offline',
    timedOut ? `The server at ${serverUrl} did not answer in time.` : `The server at ${serverUrl} cannot be reached.`,
    0,
  );
}
