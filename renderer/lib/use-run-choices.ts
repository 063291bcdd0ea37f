import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { ModelEntry } from '../../shared/domain/model-entry';
import type { ProjectConfigView } from '../../shared/rest/project-config-view';
import { documentName } from '../../shared/sync/document-name';
import { useApi } from '../api/api-context';
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
/** Directory kinds whose change can change what the composer offers. */
const relevantKinds = new Set(['agent', 'model', 'project', 'workgroup']);

/**
 * Agents usable in the project and the models its effective allowlist permits, re-read when the
 * project document changes (a new model lock arrives that way) or the directory changes.
 */
export function useRunChoices(projectId: string): RunChoices & { reload(): void } {
  const api = useApi();
  const [choices, setChoices] = useState<RunChoices>(empty);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    const [config, agentList, models] = await Promise.all([
      api['directory.request']({ endpoint: 'project.config.read', params: { id: projectId } }),
      api['directory.request']({ endpoint: 'agent.list', query: { projectId } }),
      api['directory.list']({ kind: 'model' }),
    ]);
    if (mine !== generation.current) return;
    setChoices((previous) => {
      const read = config.ok && config.value.status === 'applied' ? (config.value.response as ProjectConfigView) : null;
      if (read !== null) lastReadConfig.set(projectId, read);
      const view = read ?? previous.config ?? lastReadConfig.get(projectId) ?? null;
      let agents: AgentEntry[];
      if (agentList.ok && agentList.value.status === 'applied') agents = (agentList.value.response as { items: AgentEntry[] }).items;
      else agents = previous.agents.length > 0 ? [...previous.agents] : [];
      agents = agents.filter((a) => a.status === 'active').sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
      const allowed = view?.effective.models.value ?? null;
      const all = models.ok ? (models.value.items as ModelEntry[]) : [...previous.models];
      const usable = all.filter((m) => allowed === null || allowed.includes(m.id)).sort((a, b) => a.name.localeCompare(b.name));
      const notice = config.ok ? null : config.error.code === 'offline' ? 'Offline: the project’s allowed models were last read before the connection dropped.' : config.error.message;
      return { agents, models: usable, config: view, notice };
    });
  }, [api, projectId]);

  const hasConfig = useRef(false);
  hasConfig.current = choices.config !== null;

  useEffect(() => {
    setChoices(empty);
    void load();
    const projectDoc = documentName('project', projectId);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void load(), 150);
    };
    // Settings travel in the project document: a changed lock reaches this app as an update to it.
    const offUpdated = api.on('documents.updated', ({ name }) => {
      if (name === projectDoc) soon();
    });
    const offDirectory = api.on('directory.changed', ({ kinds }) => {
      if (kinds.some((k) => relevantKinds.has(k))) soon();
    });
    // Coming back online: read what could not be read while away.
    const offSync = api.on('sync.state', (state) => {
      if (state.online && !hasConfig.current) soon();
    });
    return () => {
      if (timer !== null) clearTimeout(timer);
      offUpdated();
      offDirectory();
      offSync();
    };
  }, [api, projectId, load]);

  return { ...choices, reload: () => void load() };
}
