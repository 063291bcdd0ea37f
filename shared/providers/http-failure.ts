import { messageFromBodyText } from './provider-message';
import { ProviderError } from './provider-error';
import { readLimitedText } from './read-limited-text';
import type { WebResponse } from './web-runtime';

const maxErrorBodyBytes = 64 * 1024;

/** A hint for the statuses whose usual cause the user can fix. */
function hint(status: number): string {
  if (status === 401 || status === 403) return ' Check the API key for this endpoint.';
  if (status === 404) return ' Check the base URL and the model name.';
  return '';
}

/** A ProviderError for an error status, with the endpoint's own message when it sent one. */
export async function httpFailure(response: WebResponse, baseUrl: string): Promise<ProviderError> {
  let providerMessage = '';
  try {
    providerMessage = messageFromBodyText(await readLimitedText(response.body, maxErrorBodyBytes));
  } catch {
    // The status alone still says what happened.
  }
  const said = providerMessage === '' ? response.statusText : providerMessage;
  const shown = said.replace(/[.\s]+$/, '');
  const message = `The model endpoint at ${baseUrl} answered HTTP ${response.status}${shown === '' ? '' : `: ${shown}`}.${hint(response.status)}`;
  return new ProviderError('http', message, { status: response.status, providerMessage: said });
}
