import { ChatMessageCreate, ChatMessageCreated, QueuedRunView, RunCreate } from '../domain/queued-run';
import { z } from 'zod';
import { EntityId } from '../domain/ids';
import type { Endpoint } from './endpoint';
import { listOf } from './list-response';
import { IdParams } from './path-params';

export const IdRunParams = z.strictObject({ id: EntityId, runId: EntityId });

/**
 * Agent runs the server answers, and the chat API for integrations: a message posted as the
 * caller through the server's copy of the conversation (the update guard judges it as the
 * caller's own socket's), and an answer queued for an agent whose model uses a server connection.
 */
export const runEndpoints = {
  'conversation.message.create': {
    method: 'POST',
    path: '/conversations/:id/messages',
    summary: "Post a message to a shared conversation as the caller; with `agentId`, queue that agent's answer to it",
    params: IdParams,
    body: ChatMessageCreate,
    status: 201,
    response: ChatMessageCreated,
  },
  'run.create': {
    method: 'POST',
    path: '/conversations/:id/runs',
    summary: "Queue an agent's answer in a shared conversation, answered by the server through its model's connection",
    params: IdParams,
    body: RunCreate,
    status: 201,
    response: QueuedRunView,
  },
  'run.list': {
    method: 'GET',
    path: '/conversations/:id/runs',
    summary: "The conversation's runs that have not ended (waiting or running), oldest first",
    params: IdParams,
    response: listOf(QueuedRunView),
  },
  'run.cancel': {
    method: 'POST',
    path: '/conversations/:id/runs/:runId/cancel',
    summary: 'Stop a waiting or running answer',
    params: IdRunParams,
    response: QueuedRunView,
  },
} as const satisfies Record<string, Endpoint>;
