import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { AdminRequest, EndpointKey, EndpointOutput } from './admin-request';
import { adminRequest } from './admin-request';

export interface EndpointState<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  reload(): Promise<void>;
}

/**
 * Reads an endpoint when `enabled` (a view the policy refuses never asks), again on `reload`.
 * `key` names the request, so a change of parameters reads afresh and a late answer to an
 * earlier one is ignored.
 */
export function useEndpoint<K extends EndpointKey>(endpoint: K, request: AdminRequest, key: string, enabled = true): EndpointState<EndpointOutput<K>> {
  const api = useApi();
  const [state, setState] = useState<{ key: string; data: EndpointOutput<K> | null; error: string | null; loading: boolean }>({
    key,
    data: null,
    error: null,
    loading: enabled,
  });
  // The request object is rebuilt on every render; `key` is what identifies it.
  const latest = useRef({ request, key });
  latest.current = { request, key };

  const reload = useCallback(async () => {
    if (!enabled) return;
    const asked = latest.current.key;
    setState((s) => ({ ...s, loading: true }));
    const outcome = await adminRequest(api, endpoint, latest.current.request);
    if (latest.current.key !== asked) return;
    if (outcome.kind === 'applied') setState({ key: asked, data: outcome.value, error: null, loading: false });
    else if (outcome.kind === 'failed') setState((s) => ({ ...s, key: asked, error: outcome.message, loading: false }));
    else setState((s) => ({ ...s, key: asked, loading: false }));
  }, [api, endpoint, enabled]);

  useEffect(() => {
    void reload();
  }, [reload, key]);

  const fresh = state.key === key;
  return { data: fresh ? state.data : null, error: fresh ? state.error : null, loading: !fresh || state.loading, reload };
}
