import type { AppErrorCode } from '../../shared/app-api/app-result';

/** A failure meant for the renderer: a code it can act on and a sentence it can show. */
export class AppFailure extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
