import type * as Y from 'yjs';
import { buildAgentPrompt } from '../../shared/agents/agent-prompt';
import { modelRefusal } from '../../shared/agents/agent-turn';
import { createAnswerWriter } from '../../shared/agents/answer-writer';
import { fitContext } from '../../shared/agents/context-budget';
import { historyFor, toChatMessages } from '../../shared/agents/conversation-history';
import { endAnswer } from '../../shared/agents/end-answer';
import type { FinalStatus } from '../../shared/agents/end-answer';
import { runFailureMessage } from '../../shared/agents/run-failure-message';
import { runtimeClock } from '../../shared/agents/runtime-clock';
import { usesConnection } from '../../shared/domain/model-entry';
import { effectiveParameters } from '../../shared/domain/model-parameters';
import { createChatCompletionStream } from '../../shared/providers/chat-completion-stream';
import type { ChatMessage, ChatStreamOptions } from '../../shared/providers/chat-types';
import { ProviderError } from '../../shared/providers/provider-error';
import { appendText, findMessage, readMessage, readMessages } from '../../shared/sync/conversation-document';
import type { DocumentName } from '../../shared/sync/document-name';
import { toAgentEntry } from '../directory/agent-rows';
import { effectiveSettingsOf } from '../directory/effective-settings';
import type { Services } from '../http/services';
import { getAgentRow } from '../registry/agent-store';
import { getModelRow, toModelEntry } from '../registry/model-rows';
import { serverInterruptedNotice } from './end-interrupted-runs';
import type { QueuedRun, RunEnd, RunLimits } from './run-queue';

export interface RunWorkerOptions {
  readonly limits: RunLimits;
  /** Runs one process answers at once, whatever the limits allow. */
  readonly concurrency: number;
  readonly stream: Pick<ChatStreamOptions, 'timeoutMs' | 'firstTokenTimeoutMs'>;
}

export interface RunWorker {
  /** Stops a run this process is answering; false when it answers none by that id. */
  stop(runId: string): boolean;
  /** Stops taking runs and stops those under way; resolves when they have ended. */
  close(): Promise<void>;
}

/** A run that cannot be answered, for a reason the conversation shows. */
class RunImpossible extends Error {}

/**
 * Answers queued runs in this process: takes the oldest run the limits allow whenever a run is
 * queued or a slot frees, calls the model through the run's server connection with the
 * connection's key, and streams the answer into the conversation for the member who asked, each
 * write judged by the update guard with their rights (`editAs`), coalesced by the shared answer
 * writer. The model lock is checked with the desktop's own function. A run ends complete,
 * cancelled (a member stopped it) or failed with a notice in the answer, never left streaming.
 */
export function startRunWorker(services: Services, options: RunWorkerOptions): RunWorker {
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let closed = false;
  let pumping = false;

  const pump = async (): Promise<void> => {
    if (pumping || closed) return;
    pumping = true;
    try {
      while (!closed && active.size < options.concurrency) {
        const run = await services.runs.claim(options.limits);
        if (run === null) break;
        const controller = new AbortController();
        const done = answer(run, controller.signal)
          .catch((error: unknown) => services.log.error({ runId: run.id, reason: error instanceof Error ? error.message : String(error) }, 'A run could not be ended.'))
          .finally(() => {
            active.delete(run.id);
            void pump();
          });
        active.set(run.id, { controller, done });
      }
    } catch (error) {
      services.log.error({ reason: error instanceof Error ? error.message : String(error) }, 'Queued runs could not be taken.');
    } finally {
      pumping = false;
    }
  };

  const unsubscribe = services.runs.onReady(() => void pump());
  void pump();

  async function answer(run: QueuedRun, signal: AbortSignal): Promise<void> {
    const name: DocumentName = { kind: 'conversation', id: run.conversationId };
    const write = (change: (message: Y.Map<unknown>) => void) =>
      services.documents.editAs(name, run.requestedBy, (doc) => {
        const message = findMessage(doc, run.messageId);
        if (message !== undefined) change(message);
      });
    const end = async (status: FinalStatus, notice: string | null, queueEnd: RunEnd) => {
      try {
        write((message) => endAnswer(message, status, notice));
      } catch (error) {
        // The member may no longer write here; the answer is ended as the server's recovery would.
        services.documents.edit(name, run.requestedBy, (doc) => {
          const message = findMessage(doc, run.messageId);
          if (message !== undefined) endAnswer(message, 'error', runFailureMessage(error, 'the model'));
        });
      }
      await services.runs.finish(run.id, queueEnd);
    };

    let modelName = 'the model';
    let writer: ReturnType<typeof createAnswerWriter> | null = null;
    // A timed write the guard refused ends the run at its next step.
    const refusedWrites: unknown[] = [];
    try {
      const agentRow = getAgentRow(services.db, run.orgId, run.agentId);
      const modelRow = getModelRow(services.db, run.orgId, run.modelId);
      if (agentRow === undefined || modelRow === undefined) throw new RunImpossible('The agent or its model was deleted before the answer started.');
      const agent = toAgentEntry(agentRow);
      const model = toModelEntry(modelRow);
      modelName = model.name;
      if (!usesConnection(model.provider)) throw new RunImpossible(`${model.name} is no longer reached through a server connection; ask again from the app.`);
      const credentials = await services.connections.credentials(run.orgId, model.provider.connectionId);
      if (credentials === null) throw new RunImpossible(`The connection ${model.name} is reached through was removed.`);
      const effective = effectiveSettingsOf(services.db, run.projectId);
      const refusal = modelRefusal(effective, model);
      if (refusal !== null) throw new RunImpossible(refusal);

      let history: ChatMessage[] = [];
      let waiting = true;
      write((message) => {
        const read = readMessage(message);
        waiting = read?.status === 'waiting';
        if (!waiting) return;
        const doc = message.doc;
        const branch = doc === null || read?.parentId == null ? null : historyFor(readMessages(doc), run.requestedBy, read.parentId);
        history = toChatMessages(branch ?? []);
        message.set('status', 'streaming');
      });
      // Stopped, or ended by someone else, while it waited: nothing to answer.
      if (!waiting) {
        await services.runs.finish(run.id, { state: 'cancelled' });
        return;
      }

      const parameters = effectiveParameters(model.parameters, agent.parameters);
      const defaults = credentials.defaultParams;
      const temperature = parameters.temperature ?? defaults.temperature;
      const maxTokens = parameters.maxTokens ?? defaults.max_tokens;
      const prompt = buildAgentPrompt({ agentPrompt: agent.systemPrompt, override: effective.systemPrompt, passages: [], conversation: history });
      const messages = fitContext(prompt, parameters.contextLength, maxTokens ?? null);
      writer = createAnswerWriter({
        write: (text) => write((message) => appendText(message, text)),
        clock: runtimeClock,
        onError: (error) => refusedWrites.push(error),
      });
      const stream = createChatCompletionStream(
        { baseUrl: credentials.baseUrl, model: model.provider.model, ...(credentials.apiKey === null ? {} : { apiKey: credentials.apiKey }) },
        { messages, ...(temperature === undefined ? {} : { temperature }), ...(maxTokens === undefined ? {} : { maxTokens }) },
        { ...options.stream, signal },
      );
      for await (const event of stream) {
        if (refusedWrites.length > 0) throw refusedWrites[0];
        if (event.type === 'text') writer.append(event.text);
      }
      writer.close();
      await end('complete', null, { state: 'complete' });
    } catch (error) {
      try {
        writer?.flush();
      } catch {
        // What was held could not be written; the notice below still ends the answer.
      }
      if (error instanceof ProviderError && error.kind === 'cancelled' && closed) {
        await end('error', serverInterruptedNotice, { state: 'failed', error: serverInterruptedNotice });
        return;
      }
      if (error instanceof ProviderError && error.kind === 'cancelled') {
        await end('cancelled', null, { state: 'cancelled' });
        return;
      }
      const notice = error instanceof RunImpossible ? error.message : runFailureMessage(error, modelName);
      await end('error', notice, { state: 'failed', error: notice });
    }
  }

  return {
    stop(runId) {
      const run = active.get(runId);
      if (run === undefined) return false;
      run.controller.abort();
      return true;
    },
    async close() {
      closed = true;
      unsubscribe();
      for (const run of active.values()) run.controller.abort();
      await Promise.all([...active.values()].map((run) => run.done));
    },
  };
}
