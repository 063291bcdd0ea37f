import { ProviderError } from '../providers/provider-error';

/**
 * What the conversation shows when a run fails: one or two sentences a member can act on, never
 * a stack trace. Provider errors already say what happened at which address.
 */
export function runFailureMessage(error: unknown, modelName: string): string {
  if (error instanceof ProviderError) {
    switch (error.kind) {
      case 'unreachable':
        return `${error.message} Check that the model server for ${modelName} is running.`;
      case 'timeout':
        return `${error.message} The model ${modelName} may be overloaded; try again later.`;
      case 'http':
        return `The model endpoint refused the request${error.status === null ? '' : ` (HTTP ${error.status})`}: ${error.providerMessage ?? error.message}`;
      case 'malformed':
      case 'provider':
        return `The model ${modelName} sent an answer that could not be read. ${error.message}`;
      case 'cancelled':
        return 'The answer was stopped.';
    }
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `The answer could not be completed: ${reason}`;
}
