/** The part of `fetch` the replica uses, so tests and other transports can stand in for it. */
export type FetchLike = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export type RestOutcome =
  | { readonly kind: 'ok'; readonly body: unknown }
  /** The server could not be reached, did not answer in time, or failed (5xx). */
  | { readonly kind: 'offline'; readonly message: string }
  /** The credential is missing, expired or revoked. */
  | { readonly kind: 'unauthenticated'; readonly message: string }
  /** The server answered and refused (4xx other than 401). */
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly field: string | null; readonly message: string };

export interface RestCallerOptions {
  /** The sync server's address, such as `http://127.0.0.1:8080`; `/api/v1` is added here. */
  readonly baseUrl: string;
  /** The current session token or API key; `null` when signed out. */
  readonly token: () => string | null;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

export type RestGet = (path: string) => Promise<RestOutcome>;

function errorOf(body: unknown): { code: string; message: string; field: string | null } {
  const error = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return { code: 'unknown', message: 'The server refused the request.', field: null };
  const { code, message, field } = error as { code?: unknown; message?: unknown; field?: unknown };
  return {
    code: typeof code === 'string' ? code : 'unknown',
    message: typeof message === 'string' ? message : 'The server refused the request.',
    field: typeof field === 'string' ? field : null,
  };
}

/** A GET against the REST API that never throws: every way it can go wrong is an outcome. */
export function createRestGet(options: RestCallerOptions): RestGet {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (path) => {
    const token = options.token();
    if (token === null) return { kind: 'unauthenticated', message: 'Not signed in.' };
    let response: Awaited<ReturnType<FetchLike>>;
    let body: unknown;
    try {
      response = await fetchImpl(base + path, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      return { kind: 'offline', message: error instanceof Error ? error.message : String(error) };
    }
    if (response.status >= 200 && response.status < 300) return { kind: 'ok', body };
    const { code, message, field } = errorOf(body);
    if (response.status === 401) return { kind: 'unauthenticated', message };
    if (response.status >= 500) return { kind: 'offline', message: `The server failed (${response.status}): ${message}` };
    return { kind: 'refused', status: response.status, code, field, message };
  };
}
