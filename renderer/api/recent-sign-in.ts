import type { AppApiClient } from '../../shared/app-api/app-api-types';

/**
 * The question "enter your password again" as the app asks it: one at a time, however many
 * changes the server refused for want of a recent sign-in. The dialog answers it.
 */
export interface RecentSignInPrompt {
  /** Resolves true once the password was confirmed, false when the person cancelled. */
  ask(): Promise<boolean>;
  isOpen(): boolean;
  subscribe(listener: () => void): () => void;
  settle(confirmed: boolean): void;
}

export function createRecentSignInPrompt(): RecentSignInPrompt {
  let waiting: { promise: Promise<boolean>; resolve: (confirmed: boolean) => void } | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    ask() {
      if (waiting === null) {
        let resolve: (confirmed: boolean) => void = () => undefined;
        const promise = new Promise<boolean>((r) => {
          resolve = r;
        });
        waiting = { promise, resolve };
        notify();
      }
      return waiting.promise;
    },
    isOpen: () => waiting !== null,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    settle(confirmed) {
      const current = waiting;
      waiting = null;
      current?.resolve(confirmed);
      notify();
    },
  };
}

/**
 * The app API with every REST call that the server refuses as `reauthentication_required` asked
 * again once the person has entered their password, so each destructive action in every view goes
 * through after the prompt instead of each view handling the refusal. Cancelling answers the
 * server's refusal.
 */
export function withRecentSignIn(api: AppApiClient, prompt: RecentSignInPrompt): AppApiClient {
  const request: AppApiClient['directory.request'] = async (input) => {
    const first = await api['directory.request'](input);
    if (first.ok || first.error.code !== 'reauthentication_required' || !(await prompt.ask())) return first;
    return api['directory.request'](input);
  };
  return { ...api, 'directory.request': request };
}
