import type { z } from 'zod';
import type { AppTransport } from '../../../../shared/app-api/app-api-client';
import { createAppApiClient } from '../../../../shared/app-api/app-api-client';
import type { AppEventName, AppEventPayload, AppMethodName, AppMethodOutput, AppMethods } from '../../../../shared/app-api/app-api-contract';
import { appEvents, appMethods } from '../../../../shared/app-api/app-api-contract';
import type { AppApiClient } from '../../../../shared/app-api/app-api-types';
import type { AppResult } from '../../../../shared/app-api/app-result';
import { fail } from '../../../../shared/app-api/app-result';

/** What main answers, per method, to the input the contract parsed; a method without one is unavailable. */
export type FakeHandlers = {
  [M in AppMethodName]?: (input: z.output<AppMethods[M]['input']>) => AppResult<AppMethodOutput<M>> | Promise<AppResult<AppMethodOutput<M>>>;
};

export interface FakeCall {
  readonly method: AppMethodName;
  readonly input: unknown;
}

export interface FakeAppApi {
  /** The real typed client over a transport that answers from `handlers`. */
  readonly api: AppApiClient;
  /** Every call made, in order, each input as the contract parsed it. */
  readonly calls: FakeCall[];
  /** The inputs of the calls to one method. */
  inputsOf(method: AppMethodName): unknown[];
  /** Main telling the renderer something; the payload must fit the contract. */
  emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void;
}

/**
 * Main as the renderer sees it, answered by each test: every input is parsed with the contract's
 * schema first (an input main would refuse fails the test), and events are checked likewise.
 */
export function createFakeAppApi(handlers: FakeHandlers): FakeAppApi {
  const calls: FakeCall[] = [];
  const listeners = new Set<(event: AppEventName, payload: unknown) => void>();
  const transport: AppTransport = {
    async invoke(method, input) {
      const parsed = appMethods[method].input.safeParse(input);
      if (!parsed.success) throw new Error(`${method} was called with an input the contract refuses: ${parsed.error.message}`);
      calls.push({ method, input: parsed.data });
      // Each handler is keyed by its own method, so it takes that method's parsed input.
      const handler = handlers[method] as ((input: unknown) => AppResult<unknown> | Promise<AppResult<unknown>>) | undefined;
      return handler === undefined ? fail('unavailable', `${method} is not answered in this test`) : handler(parsed.data);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    api: createAppApiClient(transport),
    calls,
    inputsOf: (method) => calls.filter((call) => call.method === method).map((call) => call.input),
    emit(event, payload) {
      const parsed = appEvents[event].parse(payload);
      for (const listener of listeners) listener(event, parsed);
    },
  };
}
