import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectoryRequest } from '../../shared/app-api/app-api-contract';
import type { AppApiClient } from '../../shared/app-api/app-api-types';
import type { EndpointKey } from '../../shared/rest/api-contract';
import type { ReplicatedEntity, ReplicatedKind } from '../../shared/rest/change-endpoints';
import type { EndpointResult } from '../../shared/rest/endpoint-call';
import { useApi } from './api-context';
import type { CallOutcome } from './call-endpoint';
import { callEndpoint } from './call-endpoint';

/** A read a view shows, and what makes it stale. */
export interface DirectoryQuery<T> {
  /** Names what is asked: a new key reads afresh, and a late answer to an earlier one is dropped. */
  readonly key: string;
  /** The replicated kinds the answer depends on: a `directory.changed` naming one reads it again. */
  readonly kinds: readonly ReplicatedKind[];
  /** Reads it; `previous` is the last answer to the same key, for a read that keeps part of it when offline. */
  readonly load: (api: AppApiClient, previous: T | null) => Promise<CallOutcome<T>>;
  /** False: never asked (a view the policy refuses, or one still missing what it asks about). */
  readonly enabled?: boolean;
}

export interface QueryState<T> {
  /** The last answer to the current key; kept while it is read again. */
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  reload(): Promise<void>;
  /** Shows a newer answer the view already has (the server's reply to its own change). */
  set(data: T): void;
}

interface Held<T> {
  readonly key: string;
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
}

/**
 * The renderer's one way to show what main knows: reads through the typed tunnel or the replica
 * when the view appears or its key changes, and again when the directory changes in a kind the
 * query depends on (or on `reload`, after a change the view made itself).
 */
export function useDirectoryQuery<T>(query: DirectoryQuery<T>): QueryState<T> {
  const api = useApi();
  const { key, enabled = true } = query;
  const [held, setHeld] = useState<Held<T>>({ key, data: null, error: null, loading: enabled });
  // The query object is rebuilt on every render; `key` is what identifies it.
  const latest = useRef(query);
  latest.current = query;
  const current = useRef(held);
  current.current = held;
  const asked = useRef(0);

  const reload = useCallback(async () => {
    if (!enabled) return;
    const ticket = ++asked.current;
    const { key: askedKey, load } = latest.current;
    const previous = current.current.key === askedKey ? current.current.data : null;
    setHeld((h) => (h.key === askedKey ? { ...h, loading: true } : { key: askedKey, data: null, error: null, loading: true }));
    const outcome = await load(api, previous);
    if (ticket !== asked.current) return;
    if (outcome.kind === 'applied') setHeld({ key: askedKey, data: outcome.value, error: null, loading: false });
    else setHeld((h) => ({ ...h, error: outcome.kind === 'failed' ? outcome.message : null, loading: false }));
  }, [api, enabled]);

  useEffect(() => {
    void reload();
  }, [reload, key]);

  const kinds = query.kinds.join(' ');
  useEffect(() => {
    if (kinds === '') return;
    return api.on('directory.changed', (change) => {
      if (change.kinds.some((kind) => latest.current.kinds.includes(kind))) void reload();
    });
  }, [api, reload, kinds]);

  const set = useCallback((data: T) => {
    asked.current++;
    setHeld({ key: latest.current.key, data, error: null, loading: false });
  }, []);

  const fresh = held.key === key;
  return { data: fresh ? held.data : null, error: fresh ? held.error : null, loading: enabled && (!fresh || held.loading), reload, set };
}

interface EndpointQueryOptions {
  /** The replicated kinds the endpoint's answer depends on. */
  readonly kinds: readonly ReplicatedKind[];
  readonly enabled?: boolean;
}

/** One endpoint's answer, typed by its key; the request itself is the query's key. */
export function useEndpoint<K extends EndpointKey>(request: DirectoryRequest<K>, options: EndpointQueryOptions): QueryState<EndpointResult<K>> {
  return useDirectoryQuery({
    key: JSON.stringify(request),
    kinds: options.kinds,
    load: (api) => callEndpoint(api, request),
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
  });
}

/** What the replica holds of one kind (in one project, if given): works offline. */
export async function listReplica<K extends ReplicatedKind>(api: AppApiClient, kind: K, projectId?: string): Promise<CallOutcome<ReplicatedEntity<K>[]>> {
  const result = await api['directory.list']({ kind, projectId });
  return result.ok ? { kind: 'applied', value: result.value.items } : { kind: 'failed', code: result.error.code, message: result.error.message };
}

/** One kind from the replica, read again whenever that kind changes. */
export function useReplicaList<K extends ReplicatedKind>(kind: K, projectId?: string): QueryState<ReplicatedEntity<K>[]> {
  return useDirectoryQuery({ key: `${kind} ${projectId ?? ''}`, kinds: [kind], load: (api) => listReplica(api, kind, projectId) });
}
