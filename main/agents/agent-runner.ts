import type { AgentRunEvent, DirectoryRequest } from '../../shared/app-api/app-api-contract';
import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { EndpointKey } from '../../shared/rest/api-contract';
import type { EndpointResult } from '../../shared/rest/endpoint-call';
import type { ProjectConfigView } from '../../shared/rest/project-config-view';
import { documentName } from '../../shared/sync/document-name';
import { AppFailure } from '../app-api/app-failure';
import type { Tool } from '../tools/tool';
import { retrievePassages, toPromptPassage } from './knowledge-retrieval';
import type { ProviderKeys } from './provider-keys';
import { chooseDefaultAgent, chooseModelId } from '../../shared/agents/agent-turn';
import { endInterruptedRuns } from './interrupted-runs';
import type { InterruptedRunsAccount } from './interrupted-runs';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { usesConnection } from '../../shared/domain/model-entry';
import { AgentRunRefused, startAgentRun } from './run-agent';
import type { RunJournal } from './run-journal';
import type { AgentRunOutcome } from './run-agent';
import { modelRefusal } from '../../shared/agents/agent-turn';
import { readMessages } from '../../shared/sync/conversation-document';
import type { ModelEntry } from '../../shared/domain/model-entry';
import { suggestTitle } from './conversation-titler';
import type { SuggestedTitle } from './conversation-titler';

/** The signed-in account's documents and directory, as the runner needs them. */
export interface AgentRunnerAccount extends InterruptedRunsAccount {
  /** The conversation's project from the local replica, when it has the conversation. */
  projectOf(conversationId: string): string | undefined;
  /** The agents the local replica holds. */
  agents(): readonly AgentEntry[];
  /** The agents a workgroup configures, from the local replica. */
  workgroupAgentIds(workgroupId: string): readonly string[];
}

/** A REST read by contract key, answered with the endpoint's parsed response. */
export type RestRead = <K extends EndpointKey>(request: DirectoryRequest<K>) => Promise<EndpointResult<K>>;

export interface AgentRunnerOptions {
  readonly account: () => AgentRunnerAccount | null;
  /** A REST read through the directory client (the server's current view). */
  readonly read: RestRead;
  readonly keys: ProviderKeys;
  readonly tools: (projectId: string) => readonly Tool[];
  readonly emit: (event: AgentRunEvent) => void;
  readonly log: (message: string, error: unknown) => void;
  /** Where runs in flight are kept, so that answers cut off by a crash are ended at the next start. */
  readonly journal: RunJournal;
  readonly now?: () => Date;
}

export interface AgentRunner {
  run(input: {
    readonly conversationId: string;
    readonly agentId?: string | undefined;
    readonly modelId?: string | undefined;
    readonly replyTo?: string | undefined;
    readonly alternativeOf?: string | undefined;
  }): Promise<{ messageId: string }>;
  /** Stops a run of this app; false when none by that id is running. */
  cancel(messageId: string): boolean;
  /** Resolves with the outcome of a run still known to the runner. */
  finished(messageId: string): Promise<AgentRunOutcome> | undefined;
  cancelAll(): void;
  /** Ends the answers the signed-in account's runs left streaming when the app last closed; how many. */
  endInterrupted(): Promise<number>;
  /** A title for a conversation from its first exchange, by a model the project allows, else its first words. */
  suggestTitle(conversationId: string): Promise<SuggestedTitle | null>;
}

/** Starts and cancels agent runs for the app API, loading what a run needs from the replica and the server. */
export function createAgentRunner(options: AgentRunnerOptions): AgentRunner {
  const running = new Map<string, { controller: AbortController; finished: Promise<AgentRunOutcome> }>();
  /** Answers the server runs for this app's member, by message id: their run and conversation, for Stop. */
  const served = new Map<string, { runId: string; conversationId: string }>();

  async function projectConfig(projectId: string): Promise<ProjectConfigView> {
    return options.read({ endpoint: 'project.config.read', params: { id: projectId } });
  }

  async function resolveAgent(account: AgentRunnerAccount, agentId: string | undefined, projectId: string, config: ProjectConfigView): Promise<AgentEntry> {
    if (agentId !== undefined) return options.read({ endpoint: 'agent.get', params: { id: agentId } });
    const workgroupAgents = config.workgroups.flatMap((workgroup) => account.workgroupAgentIds(workgroup.id));
    const local = chooseDefaultAgent(workgroupAgents, account.agents());
    if (local !== undefined) return local;
    const listed = await options.read({ endpoint: 'agent.list', query: { projectId } });
    const chosen = chooseDefaultAgent(workgroupAgents, listed.items);
    if (chosen === undefined) throw new AppFailure('not_found', 'This project has no agent to answer: choose one.');
    return chosen;
  }

  return {
    async run({ conversationId, agentId, modelId, replyTo, alternativeOf }) {
      const account = options.account();
      if (account === null) throw new AppFailure('unauthenticated', 'Sign in first.');
      const projectId = account.projectOf(conversationId);
      if (projectId === undefined) throw new AppFailure('not_found', 'This conversation is not on this device yet; open it first.');
      const config = await projectConfig(projectId);
      const agent = await resolveAgent(account, agentId, projectId, config);
      const chosenModel = chooseModelId({ chosen: modelId, agentModelId: agent.modelId, effective: config.effective, available: null });
      if (chosenModel === null) throw new AppFailure('bad_request', 'No model is chosen for this agent and the project has no default model.', 'modelId');
      const model = await options.read({ endpoint: 'model.get', params: { id: chosenModel } });
      if (usesConnection(model.provider)) {
        // The server answers through its connection, whether or not this app stays open; the
        // answer arrives in the conversation like any member's edit.
        const run = await options.read({ endpoint: 'run.create', params: { id: conversationId }, body: { agentId: agent.id, modelId: model.id, replyTo } });
        served.set(run.messageId, { runId: run.id, conversationId });
        return { messageId: run.messageId };
      }
      const apiKey = await options.keys.get(model.id);
      const name = documentName('conversation', conversationId);
      await account.documents.open(name);
      const controller = new AbortController();
      // On disk before the answer is: a crash from here on leaves a row that names the answer.
      const messageId = newEntityId('msg');
      options.journal.started({ account: account.key, conversationId, messageId, startedAt: (options.now ?? (() => new Date()))().toISOString() });
      let announced = false;
      try {
        const started = startAgentRun({
          messageId,
          replyTo,
          alternativeOf,
          documents: account.documents,
          conversationId,
          projectId,
          agent,
          model,
          effective: config.effective,
          runBy: account.userId,
          tools: options.tools(projectId),
          apiKey,
          signal: controller.signal,
          searchKnowledge: (question) =>
            retrievePassages(question, async (q) =>
              (await options.read({ endpoint: 'knowledge.search', params: { id: projectId }, query: { q } })).items.map(toPromptPassage),
            ),
          onStatus: (status, error) => {
            if (announced) options.emit({ conversationId, messageId, status, error });
          },
        });
        announced = true;
        options.emit({ conversationId, messageId, status: 'streaming', error: null });
        const finished = started.finished.finally(() => {
          running.delete(started.messageId);
          options.journal.ended(started.messageId);
          account.documents.close(name).catch((error: unknown) => options.log('Closing a conversation after a run failed.', error));
        });
        running.set(started.messageId, { controller, finished });
        return { messageId: started.messageId };
      } catch (error) {
        options.journal.ended(messageId);
        await account.documents.close(name);
        if (error instanceof AgentRunRefused) throw new AppFailure('forbidden', error.message, 'modelId');
        throw error;
      }
    },
    cancel(messageId) {
      const remote = served.get(messageId);
      if (remote !== undefined) {
        served.delete(messageId);
        options
          .read({ endpoint: 'run.cancel', params: { id: remote.conversationId, runId: remote.runId } })
          .catch((error: unknown) => options.log('Stopping an answer the server runs failed.', error));
        return true;
      }
      const run = running.get(messageId);
      if (run === undefined) return false;
      run.controller.abort();
      return true;
    },
    finished: (messageId) => running.get(messageId)?.finished,
    cancelAll() {
      for (const run of running.values()) run.controller.abort();
    },
    async suggestTitle(conversationId) {
      const account = options.account();
      if (account === null) throw new AppFailure('unauthenticated', 'Sign in first.');
      const projectId = account.projectOf(conversationId);
      if (projectId === undefined) throw new AppFailure('not_found', 'This conversation is not on this device yet; open it first.');
      const name = documentName('conversation', conversationId);
      await account.documents.open(name);
      let messages;
      try {
        messages = readMessages(account.documents.document(name));
      } finally {
        await account.documents.close(name);
      }
      const question = messages.find((m) => m.author.kind === 'user' && m.deletedAt === null);
      const answer = messages.find((m) => m.author.kind === 'agent' && m.status === 'complete' && (m.parentId ?? question?.id) === question?.id);
      const exchange = [question, answer].flatMap((m) => m ?? []);
      // The model that answered, if the project still allows it; else the project's default.
      let model: ModelEntry | null = null;
      try {
        const config = await projectConfig(projectId);
        const answered = answer?.author.kind === 'agent' ? answer.author.modelId : undefined;
        const modelId = chooseModelId({ chosen: answered, agentModelId: null, effective: config.effective, available: null });
        if (modelId !== null) {
          const entry = await options.read({ endpoint: 'model.get', params: { id: modelId } });
          if (modelRefusal(config.effective, entry) === null) model = entry;
        }
      } catch {
        // Offline or refused: no model is reachable, and the first words name it.
      }
      return suggestTitle({ exchange, model, apiKey: model === null ? null : await options.keys.get(model.id) });
    },
    async endInterrupted() {
      const account = options.account();
      return account === null ? 0 : endInterruptedRuns(options.journal, account);
    },
  };
}
