import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentName } from '../../../../shared/sync/document-name';
import { appendMessage, readMessages } from '../../../../shared/sync/conversation-document';
import { localModules } from '../../../../main/app/local-modules';
import { DocumentStore } from '../../../../main/documents/document-store';
import { openLocalDatabase } from '../../../../main/store/local-database';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import { createWorld, password } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { openApp } from '../support/app-harness';
import { join } from 'node:path';

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(async () => {
  await server.dispose();
});

describe('background copies of every readable document', () => {
  it('keeps a conversation the user never opened readable with the server gone', async () => {
    const created = await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Never opened', kind: 'shared' } });
    const conversationId = (created.body as { id: string }).id;
    const name = documentName('conversation', conversationId);
    const writer = connect(server.url, name, world.actors.owner.token);
    await writer.synced();
    appendMessage(writer.doc, { id: 'msg_prefetchprefetch0001', author: { kind: 'user', userId: world.actors.owner.userId }, createdAt: new Date().toISOString(), text: 'Readable on the train' });
    await writer.storedAll();
    writer.destroy();

    const app = await openApp({ modules: localModules });
    await app.services.handlers['session.signIn']({ serverUrl: server.url, email: world.actors.member.email, password });
    await waitFor(() => app.eventsOf('documents.state').some((state) => state.name === name && state.status === 'synced'), 20_000, 'background copy');
    await app.close();

    // Read back from the local file alone, as the app would with the network gone.
    const db = openLocalDatabase(join(app.dir, 'quorum.sqlite'));
    const store = new DocumentStore(db);
    const texts = readMessages(store.open(name).doc).map((m) => m.content);
    store.closeAll();
    db.close();
    expect(texts).toEqual(['Readable on the train']);
    await app.dispose();
  });
});
