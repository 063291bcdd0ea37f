import type * as Y from 'yjs';
import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { MessageAuthor, MessageStatus } from '../../shared/domain/message';
import type { ModelEntry } from '../../shared/domain/model-entry';
import { usesConnection } from '../../shared/domain/model-entry';
import { effectiveParameters } from '../../shared/domain/model-parameters';
import { modelRefusal, offeredToolNames } from '../../shared/agents/agent-turn';
import { createAnswerWriter } from '../../shared/agents/answer-writer';
import type { EffectiveSettings } from '../../shared/policy/settings-inheritance';
import { documentName } from '../../shared/sync/document-name';
import { createChatCompletionStream } from '../../shared/providers/chat-completion-stream';
import type { ChatMessage, ChatStreamOptions, ChatToolCall } from '../../shared/providers/chat-types';
import { ProviderError } from '../../shared/providers/provider-error';
import type { Tool } from '../tools/tool';
import { toMessageToolCall } from '../tools/tool-call-record';
import type { ToolCallRecord } from '../tools/tool-call-record';
import { createToolRuntime } from '../tools/tool-runtime';
import { answerCitations, toolPassages } from './answer-citations';
import { buildAgentPrompt } from '../../shared/agents/agent-prompt';
import { fitContext } from '../../shared/agents/context-budget';
import type { PromptPassage } from '../../shared/agents/agent-prompt';
import { ConversationEditor } from './conversation-editor';
import { endAnswer } from '../../shared/agents/end-answer';
import type { FinalStatus } from '../../shared/agents/end-answer';
import type { ConversationDocuments } from './conversation-editor';
import { appendMessage, appendText, findMessage, readMessages } from '../../shared/sync/conversation-document';
import { historyFor, latestUserText, toChatMessages } from '../../shared/agents/conversation-history';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { runtimeClock } from '../../shared/agents/runtime-clock';
import { runFailureMessage } from '../../shared/agents/run-failure-message';

/** Rounds of tool calls a run may take before it is stopped, so a model cannot loop forever. */
export const defaultMaxRounds = 6;

/** A run that must not start; nothing was sent to the model and nothing written. */
export class AgentRunRefused extends Error {
  override readonly name = 'AgentRunRefused';
}

export interface AgentRunRequest {
  readonly documents: ConversationDocuments;
  readonly conversationId: string;
  readonly projectId: string;
  readonly agent: Pick<AgentEntry, 'id' | 'name' | 'systemPrompt' | 'tools' | 'parameters'>;
  readonly model: Pick<ModelEntry, 'id' | 'name' | 'provider' | 'parameters'>;
  /** The project's effective settings (`GET /projects/:id/config`): the model lock, tools, prompt override. */
  readonly effective: EffectiveSettings;
  /** The member whose app runs the agent. */
  readonly runBy: string;
  /** The tools the app provides; the agent's list and the effective allowlist narrow them. */
  readonly tools: readonly Tool[];
  /** Full-text search over the project's bound knowledge bases. */
  readonly searchKnowledge: (query: string, signal: AbortSignal) => Promise<readonly PromptPassage[]>;
  /** The provider key kept on this machine for the model, if any. */
  readonly apiKey?: string | null;
  readonly signal?: AbortSignal;
  readonly maxRounds?: number;
  readonly stream?: Pick<ChatStreamOptions, 'timeoutMs' | 'firstTokenTimeoutMs'>;
  readonly messageId?: string;
  /** The message the answer follows, when not the thread's last (an answer regenerated, a message edited and resent). */
  readonly replyTo?: string | undefined;
  /** The first answer of the group the new one joins as an alternative (regenerating it). */
  readonly alternativeOf?: string | undefined;
  readonly now?: () => Date;
  /** Hears the run's status as it changes: `streaming` first, then one final status. */
  readonly onStatus?: (status: MessageStatus, error: string | null) => void;
}

export interface AgentRunOutcome {
  readonly messageId: string;
  readonly status: FinalStatus;
  /** The message written into the conversation when the run failed. */
  readonly error: string | null;
  readonly toolCalls: readonly ToolCallRecord[];
  /** Requests sent to the model. */
  readonly rounds: number;
}

export interface StartedAgentRun {
  readonly messageId: string;
  readonly finished: Promise<AgentRunOutcome>;
}

/** The model's allowed when the effective allowlist has it; refused here, before anything is sent. */
export function assertModelAllowed(effective: EffectiveSettings, model: Pick<ModelEntry, 'id' | 'name'>): void {
  const refusal = modelRefusal(effective, model);
  if (refusal !== null) throw new AgentRunRefused(refusal);
}

function offeredTools(request: AgentRunRequest): readonly Tool[] {
  const names = offeredToolNames(
    request.agent.tools,
    request.tools.map((tool) => tool.name),
    request.effective,
  );
  return request.tools.filter((tool) => names.includes(tool.name));
}

class Cancelled extends Error {}

/**
 * Starts an agent's answer in a conversation: refuses a model outside the project's allowlist,
 * then appends the answer as `streaming` and returns its id at once, while the answer streams into
 * it, tool calls run through the tool runtime and their results go back to the model, until the
 * model finishes (`complete`), fails (`error`, with a readable notice in the message) or the
 * signal stops it (`cancelled`). `finished` never rejects.
 */
export function startAgentRun(request: AgentRunRequest): StartedAgentRun {
  assertModelAllowed(request.effective, request.model);
  const now = request.now ?? (() => new Date());
  const editor = new ConversationEditor(request.documents, documentName('conversation', request.conversationId));
  const branch = historyFor(readMessages(editor.read()), request.runBy, request.replyTo);
  if (branch === null) {
    editor.dispose();
    throw new AgentRunRefused('The message to answer is not in this conversation.');
  }
  const history = branch;
  const parentId = request.replyTo ?? history.at(-1)?.id ?? null;
  const messageId = request.messageId ?? newEntityId('msg');
  const author: MessageAuthor = { kind: 'agent', agentId: request.agent.id, modelId: request.model.id, runBy: request.runBy };
  try {
    editor.edit((doc) =>
      appendMessage(doc, { id: messageId, author, createdAt: now().toISOString(), text: '', status: 'streaming', place: { parentId, alternativeOf: request.alternativeOf } }),
    );
  } catch (error) {
    editor.dispose();
    throw error;
  }
  request.onStatus?.('streaming', null);

  const write = (change: (message: Y.Map<unknown>) => void) =>
    editor.edit((doc) => {
      const message = findMessage(doc, messageId);
      if (message !== undefined) change(message);
    });

  /** Everything the model was given from knowledge, which its answer may cite. */
  const offered: PromptPassage[] = [];
  let answerText = '';
  // A timed write the document refused ends the run at its next step, like a refused direct write.
  let refusedWrite: { error: unknown } | null = null;
  const answerWriter = createAnswerWriter({
    write: (text) => write((message) => appendText(message, text)),
    clock: runtimeClock,
    onError: (error) => {
      refusedWrite ??= { error };
    },
  });
  const checkWrites = () => {
    if (refusedWrite !== null) throw refusedWrite.error;
  };

  async function answer(): Promise<{ records: readonly ToolCallRecord[]; rounds: number }> {
    const signal = request.signal ?? new AbortController().signal;
    const runtime = createToolRuntime({
      tools: offeredTools(request),
      effectiveSettings: request.effective,
      context: { projectId: request.projectId, conversationId: request.conversationId, knowledgeBaseIds: request.effective.knowledgeBases.map((item) => item.value) },
      signal,
    });
    const question = latestUserText(history);
    const passages = question === null ? [] : await request.searchKnowledge(question, signal);
    offered.push(...passages);
    // The model's defaults, narrowed by the agent's (`parameterRules`).
    const parameters = effectiveParameters(request.model.parameters, request.agent.parameters);
    const prompt = buildAgentPrompt({
      agentPrompt: request.agent.systemPrompt,
      override: request.effective.systemPrompt,
      passages,
      conversation: toChatMessages(history),
    });
    const messages: ChatMessage[] = fitContext(prompt, parameters.contextLength, parameters.maxTokens);
    const asked = {
      ...(parameters.temperature === null ? {} : { temperature: parameters.temperature }),
      ...(parameters.maxTokens === null ? {} : { maxTokens: parameters.maxTokens }),
    };
    const provider = request.model.provider;
    // The runner hands a model behind a server connection to the server; none reaches this point.
    if (usesConnection(provider)) throw new AgentRunRefused('This model is answered by the server, not by this app.');
    const endpoint = { baseUrl: provider.baseUrl, model: provider.model, ...(request.apiKey ? { apiKey: request.apiKey } : {}) };
    const maxRounds = request.maxRounds ?? defaultMaxRounds;
    for (let round = 1; round <= maxRounds; round += 1) {
      let text = '';
      const calls: ChatToolCall[] = [];
      const stream = createChatCompletionStream(endpoint, { messages, tools: runtime.definitions, ...asked }, { ...request.stream, signal });
      for await (const event of stream) {
        checkWrites();
        if (event.type === 'text') {
          text += event.text;
          answerText += event.text;
          answerWriter.append(event.text);
        } else if (event.type === 'tool-call') {
          calls.push({ id: event.id, name: event.name, arguments: event.arguments });
        }
      }
      answerWriter.flush();
      checkWrites();
      if (calls.length === 0) return { records: runtime.records, rounds: round };
      messages.push({ role: 'assistant', content: text, toolCalls: calls });
      for (const call of calls) {
        const result = await runtime.run(call);
        offered.push(...toolPassages(call.name, result.content));
        messages.push({ role: 'tool', toolCallId: result.toolCallId, content: result.content });
      }
      write((message) => message.set('toolCalls', runtime.records.slice(-100).map(toMessageToolCall)));
      if (signal.aborted) throw new Cancelled();
    }
    throw new Error(`the model kept calling tools after ${maxRounds} rounds, so the answer was stopped.`);
  }

  const finish = (status: FinalStatus, notice: string | null) => {
    answerWriter.close();
    write((message) => endAnswer(message, status, notice));
  };

  const finished = answer().then(
    ({ records, rounds }): AgentRunOutcome => {
      const citations = answerCitations(answerText, offered);
      if (citations.length > 0) write((message) => message.set('citations', citations));
      finish('complete', null);
      return { messageId, status: 'complete', error: null, toolCalls: records, rounds };
    },
    (error: unknown): AgentRunOutcome => {
      const cancelled = error instanceof Cancelled || (error instanceof ProviderError && error.kind === 'cancelled') || request.signal?.aborted === true;
      const notice = cancelled ? null : runFailureMessage(error, request.model.name);
      try {
        finish(cancelled ? 'cancelled' : 'error', notice);
      } catch {
        // The document refused the final edit too (access ended): the notice is still returned.
      }
      return { messageId, status: cancelled ? 'cancelled' : 'error', error: notice, toolCalls: [], rounds: 0 };
    },
  );
  const reported = finished.then((outcome) => {
    editor.dispose();
    request.onStatus?.(outcome.status, outcome.error);
    return outcome;
  });
  return { messageId, finished: reported };
}

/** Runs an agent's answer to the end; see `startAgentRun`. */
export async function runAgent(request: AgentRunRequest): Promise<AgentRunOutcome> {
  return startAgentRun(request).finished;
}
