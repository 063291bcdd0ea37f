import { z } from 'zod';

/** Error codes of the REST API and the HTTP status each one answers with. */
export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  plan_limit: 402,
  forbidden: 403,
  /** A destructive change from a session whose password was not entered within the last 10 minutes. */
  reauthentication_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const ErrorCode = z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]);

export const ApiErrorBody = z.strictObject({
  error: z.strictObject({
    code: ErrorCode,
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
