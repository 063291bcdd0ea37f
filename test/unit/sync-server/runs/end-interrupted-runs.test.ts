import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { ModelEntry } from '../../../../shared/domain/model-entry';
import { AgentRegistryItem } from '../../../../shared/rest/agent-registry-endpoints';
import { documentName } from '../../../../shared/sync/document-name';
import { serverInterruptedNotice } from '../../../../sync-server/runs/end-interrupted-runs';
import { newEntityId } from '../../../../shared/domain/new-entity-id';
import { appendMessage } from '../../../../shared/sync/conversation-document';
import { contentOf, messageById } from '../support/document-edits';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';

/*
 * A run the server was answering when it stopped: at the next start its queue entry is failed and
 * its answer, still `streaming` in the stored document, ends as `error` with a notice that every
 * member sees, keeping what had been written.
 */

const servers: TestServer[] = [];
const clients: SyncClient[] = [];

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const server of servers.reverse()) await server.dispose();
});

describe('runs cut off by the server stopping', () => {
  it('are ended as failed with a notice at the next start, never left streaming', async () => {
    // A process that only queues, so the run below is claimed here, as a worker would, and cut off.
    const first = await startTestServer({ runConcurrency: 0 });
    servers.push(first);
    const world = await createWorld(first);
    const member = world.actors.member;
    const model = ModelEntry.parse(
      (await world.client('owner')('model.create', { body: { name: 'Fixture', provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, visibility: { level: 'public' } } })).body,
    );
    const agents = (await world.client('owner')('agent.list')).body as { items: unknown[] };
    const agent = agents.items.map((item) => AgentRegistryItem.parse(item)).find((entry) => entry.isDefault);
    if (agent === undefined) throw new Error('no default agent');
    const conversationId = ((await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Cut off', kind: 'shared' } })).body as { id: string }).id;

    const services = first.server.services;
    const messageId = newEntityId('msg');
    const author = { kind: 'agent', agentId: agent.id, modelId: model.id, runBy: member.userId } as const;
    services.documents.edit({ kind: 'conversation', id: conversationId }, member.userId, (doc) =>
      appendMessage(doc, { id: messageId, author, createdAt: new Date().toISOString(), text: 'Half an ans', status: 'streaming' }),
    );
    const run = await services.runs.enqueue({
      orgId: world.orgId,
      projectId: world.projectId,
      conversationId,
      messageId,
      agentId: agent.id,
      modelId: model.id,
      connectionId: null,
      requestedBy: member.userId,
    });
    expect(await services.runs.claim({ perOrganization: 1, perConnection: 1 })).toMatchObject({ id: run.id, state: 'running' });
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    servers.push(second);
    const watcher = connect(second.url, documentName('conversation', conversationId), world.actors.viewer.token);
    clients.push(watcher);
    await watcher.synced();
    await waitFor(() => messageById(watcher.doc, messageId).get('status') === 'error', 10_000, 'the cut-off answer ended');
    const ended = messageById(watcher.doc, messageId);
    expect(contentOf(ended).toString()).toBe(`Half an ans\n\n${serverInterruptedNotice}`);
    expect(await second.server.services.runs.get(world.orgId, run.id)).toMatchObject({ state: 'failed', error: serverInterruptedNotice });
    expect(await second.server.services.runs.open(conversationId)).toEqual([]);
    expect(watcher.doc.getArray<Y.Map<unknown>>('messages').length).toBe(1);
  }, 60_000);
});
