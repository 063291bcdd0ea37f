import { useEffect, useRef } from 'react';
import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { ModelEntry } from '../../shared/domain/model-entry';
import type { ProjectConfigView } from '../../shared/rest/project-config-view';
import { documentName } from '../../shared/sync/document-name';
import { useApi } from '../api/api-context';
import { callEndpoint } from '../api/call-endpoint';
import { listReplica, useDirectoryQuery } from '../api/use-directory-query';
import { byName, sortedByName } from './by-name';
import { lastReadConfig } from './config-cache';

/** What the composer may offer in a project: usable agents, allowed models, and the tools the project allows. */
export interface RunChoices {
  readonly agents: readonly AgentEntry[];
  readonly models: readonly ModelEntry[];
  /** The project's effective settings; null until first read (or while the server was never reached). */
  readonly config: ProjectConfigView | null;
  /** Why the choices may be out of date (offline), or null. */
  readonly notice: string | null;
}

const empty: RunChoices = { agents: [], models: [], config: null, notice: null };

/**
 * Agents usable in the project and the models its effective allowlist permits, re-read when the
 * project document changes (a new model lock arrives that way) or the directory changes.
 */
export function useRunChoices(projectId: string): RunChoices & { reload(): void } {
  const api = useApi();
  const choices = useDirectoryQuery<RunChoices>({
    key: projectId,
    kinds: ['agent', 'model', 'project', 'workgroup'],
    load: async (api, previous) => {
      const [config, agentList, models] = await Promise.all([
        callEndpoint(api, { endpoint: 'project.config.read', params: { id: projectId } }),
        callEndpoint(api, { endpoint: 'agent.list', query: { projectId } }),
        listReplica(api, 'model'),
      ]);
      const read = config.kind === 'applied' ? config.value : null;
      if (read !== null) lastReadConfig.set(projectId, read);
      const view = read ?? previous?.config ?? lastReadConfig.get(projectId) ?? null;
      const agents = (agentList.kind === 'applied' ? agentList.value.items : (previous?.agents ?? []))
        .filter((a) => a.status === 'active')
        .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || byName(a, b));
      const allowed = view?.effective.models.value ?? null;
      const all = models.kind === 'applied' ? models.value : (previous?.models ?? []);
      const usable = sortedByName(all.filter((m) => allowed === null || allowed.includes(m.id)));
      const notice = config.kind !== 'failed' ? null : config.code === 'offline' ? 'Offline: the project’s allowed models were last read before the connection dropped.' : config.message;
      return { kind: 'applied', value: { agents, models: usable, config: view, notice } };
    },
  });
  const { reload } = choices;
  const hasConfig = useRef(false);
  hasConfig.current = choices.data?.config != null;

  useEffect(() => {
    const projectDoc = documentName('project', projectId);
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Settings travel in the project document: a changed lock reaches this app as an update to it.
    const offUpdated = api.on('documents.updated', ({ name }) => {
      if (name !== projectDoc) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void reload(), 150);
    });
    // Coming back online: read what could not be read while away.
    const offSync = api.on('sync.state', (state) => {
      if (state.online && !hasConfig.current) void reload();
    });
    return () => {
      if (timer !== null) clearTimeout(timer);
      offUpdated();
      offSync();
    };
  }, [api, projectId, reload]);

  return { ...(choices.data ?? empty), reload: () => void reload() };
}
