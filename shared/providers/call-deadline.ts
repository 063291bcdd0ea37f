import { ProviderError } from './provider-error';
import { networkFailureReason } from './network-failure';
import { createAbortController, startTimer } from './web-runtime';
import type { WebAbortSignal } from './web-runtime';

/** Why a call was stopped from this side. */
export type StopReason = 'cancelled' | 'first-token' | 'total';

/** setTimeout fires at once for delays beyond a signed 32-bit millisecond count. */
const maxTimerDelay = 2_147_483_647;

export interface DeadlineOptions {
  readonly signal?: WebAbortSignal;
  readonly timeoutMs?: number;
  readonly firstTokenTimeoutMs?: number;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/**
 * The one AbortSignal a call's fetch and body reads listen to, aborted by the caller's signal or by
 * either timeout, remembering which; so a rejection, whatever Node wraps it in, can be told apart
 * from a lost connection.
 */
export class CallDeadline {
  private readonly controller = createAbortController();
  private readonly timers: (() => void)[] = [];
  private firstTokenTimer: (() => void) | null = null;
  private readonly onCallerAbort = () => this.stop('cancelled');
  stopReason: StopReason | null = null;

  constructor(private readonly options: DeadlineOptions) {
    if (options.signal?.aborted) this.stop('cancelled');
    options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
    const total = this.timer(options.timeoutMs, 'total');
    if (total !== null) this.timers.push(total);
    this.firstTokenTimer = this.timer(options.firstTokenTimeoutMs, 'first-token');
  }

  get signal(): WebAbortSignal {
    return this.controller.signal;
  }

  firstTokenArrived(): void {
    this.firstTokenTimer?.();
    this.firstTokenTimer = null;
  }

  /** Clears the timers and aborts whatever is still open, such as a stream the consumer left early. */
  dispose(): void {
    for (const cancel of this.timers) cancel();
    this.firstTokenArrived();
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  /** The error to report for a failure during the call. */
  explain(error: unknown, baseUrl: string, phase: 'connecting' | 'reading'): ProviderError {
    if (error instanceof ProviderError) return error;
    switch (this.stopReason) {
      case 'cancelled':
        return new ProviderError('cancelled', 'The request to the model was cancelled.', { cause: error });
      case 'first-token':
        return new ProviderError(
          'timeout',
          `The model endpoint at ${baseUrl} sent no answer within ${seconds(this.options.firstTokenTimeoutMs ?? 0)}.`,
          { timeoutPhase: 'first-token', cause: error },
        );
      case 'total':
        return new ProviderError(
          'timeout',
          `The answer from the model endpoint at ${baseUrl} did not finish within ${seconds(this.options.timeoutMs ?? 0)}.`,
          { timeoutPhase: 'total', cause: error },
        );
      case null: {
        const reason = networkFailureReason(error);
        const message =
          phase === 'connecting'
            ? `Could not reach the model endpoint at ${baseUrl}: ${reason}.`
            : `The connection to the model endpoint at ${baseUrl} was lost during the answer: ${reason}.`;
        return new ProviderError('unreachable', message, { cause: error });
      }
    }
  }

  private timer(ms: number | undefined, reason: StopReason): (() => void) | null {
    if (ms === undefined || !Number.isFinite(ms)) return null;
    return startTimer(() => this.stop(reason), Math.min(Math.max(ms, 0), maxTimerDelay));
  }

  private stop(reason: StopReason): void {
    if (this.stopReason !== null) return;
    this.stopReason = reason;
    this.controller.abort();
  }
}
