import { useState } from 'react';
import type { EndpointKey } from '../../../shared/policy/endpoint-policy';
import { useApi } from '../../api/api-context';
import { queuedNotice, restCall } from '../../lib/rest-call';

/**
 * Sends a new registry entry and reports how it went: `onDone` with the entry the server made, or
 * with null when the change waits in the outbox (the notice says so); a refusal stays as `error`.
 */
export function useRegistration<T>(onDone: (created: T | null) => void): {
  readonly busy: boolean;
  readonly error: string | null;
  register(endpoint: EndpointKey, body: unknown): Promise<void>;
} {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const register = async (endpoint: EndpointKey, body: unknown) => {
    setBusy(true);
    const outcome = await restCall<T>(api, endpoint, { body });
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
