import type { AppApiHandlers } from '../../../shared/app-api/app-api-types';

/** The app API handlers whose method names start with one of `Prefix`: one file serves one such group. */
export type HandlerGroup<Prefix extends string> = Pick<AppApiHandlers, Extract<keyof AppApiHandlers, `${Prefix}.${string}`>>;
