import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import { contentJson, userAuthor, writeMessage } from '../support/document-edits';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

/* API key scopes hold on the sync socket as on REST: a read key reads documents and writes none. */

let server: TestServer;
let world: World;
const open: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await server.dispose();
});

async function key(scopes: string[]): Promise<string> {
  const res = await world.as('editor')('POST', '/auth/api-keys', { body: { name: `Sync ${scopes.join('+')}`, scopes } });
  expect(res.status).toBe(201);
  return (res.body as ApiKeyMinted).secret;
}

async function conversation(): Promise<string> {
  const res = await world.as('editor')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Scoped', kind: 'shared' } });
  expect(res.status).toBe(201);
  return `conversation:${(res.body as { id: string }).id}`;
}

describe('key scopes on the sync socket', () => {
  it('lets a read key read a conversation but refuses its write, and stores nothing of it', async () => {
    const docName = await conversation();
    const client = connect(server.url, docName, await key(['read']));
    open.push(client);
    await client.synced();
    const name = parseDocumentName(docName);
    if (!name) throw new Error('bad name');
    const before = contentJson('conversation', server.server.hub.load(name).doc);
    writeMessage(client.doc, userAuthor(world.actors.editor.userId), 'Written with a read key');
    await waitFor(() => client.refusals.length > 0, 5000, 'the refusal');
    expect(client.refusals).toEqual([expect.stringMatching(/lacks the write scope/)]);
    expect(contentJson('conversation', server.server.hub.load(name).doc)).toEqual(before);
  });

  it('lets a key with write write, as its holder may', async () => {
    const docName = await conversation();
    const client = connect(server.url, docName, await key(['read', 'write']));
    open.push(client);
    await client.synced();
    writeMessage(client.doc, userAuthor(world.actors.editor.userId), 'Written with a write key');
    await client.storedAll();
    expect(client.refusals).toEqual([]);
  });

  it('refuses a key without read at the door', async () => {
    const docName = await conversation();
    const client = connect(server.url, docName, await key(['write']));
    open.push(client);
    await waitFor(() => client.closes.length > 0, 5000, 'the close');
    expect(client.closes[0]?.code).toBe(4403);
  });
});
