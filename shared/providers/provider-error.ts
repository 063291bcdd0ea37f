/**
 * Why a call to a model endpoint failed, in terms a conversation can show:
 * - `unreachable`: no connection, or the connection was lost mid-answer;
 * - `timeout`: nothing arrived in time (`timeoutPhase` says whether the first token or the whole answer);
 * - `http`: the endpoint answered with an error status (`status`, and its own words in `providerMessage`);
 * - `malformed`: the endpoint answered something that is not a chat-completions stream (`message` says what);
 * - `provider`: the stream itself carried an error object from the endpoint;
 * - `cancelled`: the caller aborted.
 */
export type ProviderErrorKind = 'unreachable' | 'timeout' | 'http' | 'malformed' | 'provider' | 'cancelled';

export type TimeoutPhase = 'first-token' | 'total';

export interface ProviderErrorDetails {
  readonly status?: number;
  readonly providerMessage?: string;
  readonly timeoutPhase?: TimeoutPhase;
  readonly cause?: unknown;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly status: number | null;
  readonly providerMessage: string | null;
  readonly timeoutPhase: TimeoutPhase | null;

  constructor(kind: ProviderErrorKind, message: string, details: ProviderErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status ?? null;
    this.providerMessage = details.providerMessage ?? null;
    this.timeoutPhase = details.timeoutPhase ?? null;
  }
}
