import { useState } from 'react';
import type { DirectoryRequest } from '../../../shared/app-api/app-api-contract';
import type { EndpointKey } from '../../../shared/rest/api-contract';
import type { EndpointResult } from '../../../shared/rest/endpoint-call';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';

/**
 * Sends a new registry entry through endpoint K and reports how it went: `onDone` with the entry
 * the server made, or with null when the change waits in the outbox (the notice says so); a
 * refusal stays as `error`.
 */
export function useRegistration<K extends EndpointKey>(onDone: (created: EndpointResult<K> | null) => void): {
  readonly busy: boolean;
  readonly error: string | null;
  register(request: DirectoryRequest<K>): Promise<void>;
} {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const register = async (request: DirectoryRequest<K>) => {
    setBusy(true);
    const outcome = await callEndpoint(api, request);
    setBusy(false);
    if (outcome.kind === 'failed') return setError(outcome.message);
    if (outcome.kind === 'queued') {
      setError(queuedNotice);
      return onDone(null);
    }
    setError(null);
    onDone(outcome.value);
  };
  return { busy, error, register };
}
