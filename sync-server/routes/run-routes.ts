import { chooseModelId } from '../../shared/agents/agent-turn';
import { historyFor } from '../../shared/agents/conversation-history';
import { endAnswer } from '../../shared/agents/end-answer';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { usesConnection } from '../../shared/domain/model-entry';
import type { QueuedRunView } from '../../shared/domain/queued-run';
import { canUseEntry } from '../../shared/policy/visibility';
import type { runEndpoints } from '../../shared/rest/run-endpoints';
import { appendMessage, findMessage, readMessages } from '../../shared/sync/conversation-document';
import type { DocumentName } from '../../shared/sync/document-name';
import { toAgentEntry } from '../directory/agent-rows';
import { effectiveSettingsOf } from '../directory/effective-settings';
import { ApiError, badRequest, notFound } from '../http/api-error';
import { decide } from '../../shared/policy/decide';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { agentRef, getAgentRow } from '../registry/agent-store';
import { getModelRow, toModelEntry } from '../registry/model-rows';
import type { QueuedRun } from '../runs/run-queue';
import type { DocumentGrant } from '../sync/document-access';
import { grantFor } from '../sync/document-access';

function view(run: QueuedRun): QueuedRunView {
  return {
    id: run.id,
    conversationId: run.conversationId,
    messageId: run.messageId,
    agentId: run.agentId,
    modelId: run.modelId,
    requestedBy: run.requestedBy,
    state: run.state,
    cancelRequested: run.cancelRequested,
    error: run.error,
    enqueuedAt: run.enqueuedAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
}

/**
 * The conversation as the caller may read it, by the sync socket's own rule: one they may not see
 * is not found, exactly as a missing one. The server answers in shared conversations only.
 */
function readableConversation(services: Services, principal: Principal, id: string): { name: DocumentName; grant: DocumentGrant & { projectId: string } } {
  const name: DocumentName = { kind: 'conversation', id };
  const access = grantFor(services.db, principal, name);
  if (!access.ok || access.grant.projectId === undefined) throw notFound('Conversation');
  return { name, grant: { ...access.grant, projectId: access.grant.projectId } };
}

function sharedConversation(services: Services, principal: Principal, id: string): ReturnType<typeof readableConversation> {
  const conversation = readableConversation(services, principal, id);
  const kind = (services.db.prepare('SELECT kind FROM conversations WHERE id = ?').get(id) as { kind: string } | undefined)?.kind;
  if (kind !== 'shared') throw badRequest('The server answers in shared conversations only; a personal conversation is answered from your app.');
  return conversation;
}

/**
 * Appends the agent's answer as `waiting` for the caller (judged by the update guard as their own
 * write, so the model lock, the agent's visibility and `agent.run` all apply), then queues it.
 */
async function queueAnswer(
  services: Services,
  principal: Principal,
  conversation: ReturnType<typeof sharedConversation>,
  request: { readonly agentId: string; readonly modelId?: string | undefined; readonly replyTo?: string | undefined },
): Promise<QueuedRun> {
  const { name, grant } = conversation;
  const agentRow = getAgentRow(services.db, principal.orgId, request.agentId);
  if (agentRow === undefined || !canUseEntry(grant.viewer, agentRef(agentRow))) throw badRequest('No agent by this id is available to you.', 'agentId');
  const agent = toAgentEntry(agentRow);
  const effective = effectiveSettingsOf(services.db, grant.projectId);
  const modelId = chooseModelId({ chosen: request.modelId, agentModelId: agent.modelId, effective, available: null });
  if (modelId === null) throw badRequest('No model is chosen for this agent and the project has no default model.', 'modelId');
  const modelRow = getModelRow(services.db, principal.orgId, modelId);
  if (modelRow === undefined) throw badRequest('No model by this id is available to you.', 'modelId');
  const model = toModelEntry(modelRow);
  if (!usesConnection(model.provider)) {
    throw badRequest(`${model.name} is called from each member's app with their own key; the server answers only models that use a server connection.`, 'modelId');
  }
  const messageId = newEntityId('msg');
  let answered = true;
  services.documents.editAs(name, principal.userId, (doc) => {
    const branch = historyFor(readMessages(doc), principal.userId, request.replyTo);
    if (branch === null) {
      answered = false;
      return;
    }
    appendMessage(doc, {
      id: messageId,
      author: { kind: 'agent', agentId: agent.id, modelId: model.id, runBy: principal.userId },
      createdAt: services.now().toISOString(),
      text: '',
      status: 'waiting',
      place: { parentId: request.replyTo ?? branch.at(-1)?.id ?? null, alternativeOf: undefined },
    });
  });
  if (!answered) throw badRequest('The message to answer is not in this conversation.', 'replyTo');
  return services.runs.enqueue({
    orgId: principal.orgId,
    projectId: grant.projectId,
    conversationId: name.id,
    messageId,
    agentId: agent.id,
    modelId: model.id,
    connectionId: model.provider.connectionId,
    requestedBy: principal.userId,
  });
}

export const runHandlers: Handlers<typeof runEndpoints> = {
  'conversation.message.create': async ({ principal, params, body }, services) => {
    const conversation = sharedConversation(services, principal, params.id);
    const messageId = newEntityId('msg');
    services.documents.editAs(conversation.name, principal.userId, (doc) => {
      const branch = historyFor(readMessages(doc), principal.userId, undefined) ?? [];
      appendMessage(doc, {
        id: messageId,
        author: { kind: 'user', userId: principal.userId },
        createdAt: services.now().toISOString(),
        text: body.content,
        status: 'complete',
        place: { parentId: branch.at(-1)?.id ?? null, alternativeOf: undefined },
      });
    });
    const run = body.agentId === undefined ? null : await queueAnswer(services, principal, conversation, { agentId: body.agentId, modelId: body.modelId, replyTo: messageId });
    return { messageId, run: run === null ? null : view(run) };
  },

  'run.create': async ({ principal, params, body }, services) => view(await queueAnswer(services, principal, sharedConversation(services, principal, params.id), body)),

  'run.list': async ({ principal, params }, services) => {
    const { name } = readableConversation(services, principal, params.id);
    return { items: (await services.runs.open(name.id)).map(view) };
  },

  'run.cancel': async ({ principal, params }, services) => {
    const { name, grant } = sharedConversation(services, principal, params.id);
    const found = await services.runs.get(principal.orgId, params.runId);
    if (found === null || found.conversationId !== name.id) throw notFound('Run');
    // Whoever may ask an agent here may stop an answer here, as the app's Stop button allows.
    const decision = decide(principal, 'agent.run', { scope: 'project', orgId: principal.orgId, projectRole: grant.role });
    if (!decision.allowed) throw new ApiError('forbidden', decision.reason);
    const cancelled = await services.runs.cancel(principal.orgId, found.id);
    if (cancelled === null) return view(found);
    if (cancelled.state === 'cancelled') {
      // Never taken by a worker: the waiting answer ends here, for the member who asked.
      services.documents.edit(name, found.requestedBy, (doc) => {
        const message = findMessage(doc, found.messageId);
        if (message !== undefined && message.get('status') === 'waiting') endAnswer(message, 'cancelled', null);
      });
    } else {
      services.stopRun(found.id);
    }
    return view(cancelled);
  },
};
