import { ProviderError } from './provider-error';
import { parseUrl } from './web-runtime';
import type { WebUrl } from './web-runtime';

/**
 * The URL of one of the endpoint's paths, whether or not the base ends in `/`. A base that is not
 * an http(s) URL is reported as unreachable, since nothing can be reached through it.
 */
export function endpointUrl(baseUrl: string, path: string): WebUrl {
  let url: WebUrl;
  try {
    url = parseUrl(`${baseUrl.replace(/\/+$/, '')}/${path}`);
  } catch {
    throw new ProviderError('unreachable', `The model endpoint "${baseUrl}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProviderError('unreachable', `The model endpoint "${baseUrl}" is not an http or https URL.`);
  }
  return url;
}
