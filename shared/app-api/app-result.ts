import { z } from 'zod';

/** Error codes a renderer can act on: the REST ones, plus what only the desktop side knows. */
export const AppErrorCode = z.enum([
  'bad_request',
  'unauthenticated',
  'plan_limit',
  'forbidden',
  /** Allowed, but only after the person enters their password again (a destructive change). */
  'reauthentication_required',
  'not_found',
  'conflict',
  'payload_too_large',
  'offline',
  'unavailable',
  'internal',
]);
export type AppErrorCode = z.infer<typeof AppErrorCode>;

export const AppError = z.strictObject({ code: AppErrorCode, message: z.string(), field: z.string().optional() });
export type AppError = z.infer<typeof AppError>;

/** Every answer crosses the boundary as a value or an error, never as a thrown exception or undefined. */
export type AppResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): AppResult<T> => ({ ok: true, value });
export const fail = (code: AppErrorCode, message: string, field?: string): AppResult<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
