import { readFile } from 'node:fs/promises';
import { securityHeaders } from '../static/content-security-policy';
import { resolveStaticPath } from '../static/static-files';
import { appOrigin } from './navigation-policy';
import { originOf } from './sender-check';

export interface ProtocolAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | null;
}

/**
 * Answers a request for `quorum://app/...` from the built renderer, with the same path checks as
 * the web shell and the strict CSP. Requests for another host of the scheme are refused.
 */
export async function answerAppRequest(rendererDir: string, url: string, method: string): Promise<ProtocolAnswer> {
  const headers = securityHeaders();
  const plain = (status: number): ProtocolAnswer => ({ status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: null });
  if (method !== 'GET' && method !== 'HEAD') return plain(405);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return plain(400);
  }
  if (originOf(url) !== appOrigin) return plain(403);
  const found = resolveStaticPath(rendererDir, parsed.pathname);
  if (found.status !== 200) return plain(found.status);
  return {
    status: 200,
    headers: { ...headers, 'content-type': found.contentType, 'cache-control': 'no-cache' },
    body: method === 'HEAD' ? null : await readFile(found.path),
  };
}
